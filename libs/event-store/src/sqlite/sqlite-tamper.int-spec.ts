import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sealEvents, verifyChain } from '../hash-chain';
import { verifyStore } from '../integrity';
import { NewEvent, StoredEvent } from '../port';
import { SqliteEventStore } from './sqlite-event-store';

// Every stored column of one event changed behind the store (better-sqlite3 on the file itself):
// verify names that revision, and time travel never throws nor answers a history with holes.

const ev = (i: number): NewEvent => ({
  type: 'signal',
  data: { description: `Verzonnen signaal ${i}`, n: i },
  metadata: {
    eventId: randomUUID(),
    actor: { id: 'prof-1', role: 'professional', organisation: 'school-1' },
    occurredAt: '2026-11-01T08:00:00.000Z',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    schemaVersion: 1,
  },
});

/** Revision r of every stream is recorded on (1 + r) November, 10:00. */
const recordedOn = (revision: number) => new Date(Date.UTC(2026, 10, 1 + revision, 10));
const STREAMS = ['case-a', 'case-b', 'access-2026-11-01'];
const TARGET = { stream: 'case-b', revision: 2 };

interface Tamper {
  column: string;
  sql: string;
  /** The breaks verifyStore must report (default: case-b at revision 2). */
  breaks?: Array<{ streamId: string; firstInvalidRevision: number }>;
}

const WHERE = `WHERE stream_id = 'case-b' AND stream_position = 2`;
const TAMPERS: Tamper[] = [
  { column: 'data (one character)', sql: `UPDATE events SET data = replace(data, 'signaal 2', 'signaal 7') ${WHERE}` },
  { column: 'data (no longer JSON)', sql: `UPDATE events SET data = substr(data, 1, 10) ${WHERE}` },
  { column: 'data (JSON, not an object)', sql: `UPDATE events SET data = '[]' ${WHERE}` },
  { column: 'type', sql: `UPDATE events SET type = 'melding' ${WHERE}` },
  { column: 'metadata recordedAt (later)', sql: `UPDATE events SET metadata = json_set(metadata, '$.recordedAt', '2026-12-31T10:00:00.000Z') ${WHERE}` },
  { column: 'metadata recordedAt (earlier)', sql: `UPDATE events SET metadata = json_set(metadata, '$.recordedAt', '2026-10-01T10:00:00.000Z') ${WHERE}` },
  { column: 'metadata recordedAt (not an instant)', sql: `UPDATE events SET metadata = json_set(metadata, '$.recordedAt', 'gisteren') ${WHERE}` },
  { column: 'metadata schemaVersion', sql: `UPDATE events SET metadata = json_set(metadata, '$.schemaVersion', 2) ${WHERE}` },
  { column: 'metadata actor', sql: `UPDATE events SET metadata = json_set(metadata, '$.actor.organisation', 'school-2') ${WHERE}` },
  { column: 'metadata occurredAt', sql: `UPDATE events SET metadata = json_set(metadata, '$.occurredAt', '2026-11-02T08:00:00.000Z') ${WHERE}` },
  { column: 'metadata (no longer JSON)', sql: `UPDATE events SET metadata = substr(metadata, 2) ${WHERE}` },
  { column: 'stream_position (moved on)', sql: `UPDATE events SET stream_position = 9 ${WHERE}` },
  {
    column: 'stream_position (swapped with the next)',
    sql: `UPDATE events SET stream_position = -1 ${WHERE};
          UPDATE events SET stream_position = 2 WHERE stream_id = 'case-b' AND stream_position = 3;
          UPDATE events SET stream_position = 3 WHERE stream_id = 'case-b' AND stream_position = -1`,
  },
  {
    column: 'stream_id (moved to another stream)',
    sql: `UPDATE events SET stream_id = 'case-a' , stream_position = 4 ${WHERE}`,
    breaks: [
      { streamId: 'case-b', firstInvalidRevision: 2 },
      { streamId: 'case-a', firstInvalidRevision: 3 }, // in log order it comes before case-a's revision 3
    ],
  },
];

describe('SQLite: every stored column is covered by the hash chain', () => {
  let dir: string;
  let file: string;
  const open: SqliteEventStore[] = [];
  const openStore = (clock?: () => Date) => {
    const store = new SqliteEventStore({ file, clock });
    open.push(store);
    return store;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zicht-tamper-'));
    file = join(dir, 'events.sqlite');
    let now = recordedOn(0);
    const store = new SqliteEventStore({ file, clock: () => now });
    for (let r = 0; r < 4; r++) {
      now = recordedOn(r);
      for (const s of STREAMS) await store.appendToStream(s, [ev(r)], { expectedRevision: r === 0 ? 'no-stream' : r - 1 });
    }
    await store.close();
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function sql(statements: string): void {
    const db = new Database(file);
    db.exec(statements);
    db.close();
  }

  it('an untouched file verifies clean', async () => {
    expect(await verifyStore(openStore())).toMatchObject({ valid: true, streams: 3, events: 12, breaks: [] });
  });

  it.each(TAMPERS)('$column changed: verify names the revision; time travel does not throw and answers a prefix', async ({ sql: statements, breaks }) => {
    sql(statements);
    const store = openStore();
    const expected = breaks ?? [{ streamId: TARGET.stream, firstInvalidRevision: TARGET.revision }];

    const result = await verifyStore(store, { batchSize: 5 });
    expect(result.valid).toBe(false);
    expect(result.breaks.map(({ streamId, firstInvalidRevision }) => ({ streamId, firstInvalidRevision })).sort(byStream)).toEqual([...expected].sort(byStream));
    const stream = await store.readStream(TARGET.stream);
    expect(verifyChain(stream)).toMatchObject({ valid: false, firstInvalidRevision: TARGET.revision });

    // Time travel answers a prefix of the stream as stored: no other history, and no holes where
    // the revisions themselves have none (only a moved or deleted row makes those).
    const gapFree = (events: StoredEvent[]) => events.every((e, i) => e.revision === i);
    for (const day of [1, 2, 3, 4, 5, 31]) {
      const asOf = new Date(Date.UTC(2026, 10, day, 12)).toISOString();
      const read = await store.readStream(TARGET.stream, { toRecordedAt: asOf });
      expect(read).toEqual(stream.slice(0, read.length));
      if (gapFree(stream)) expect(gapFree(read)).toBe(true);
    }
  });

  it('has no stream head to fall out of step: with its last event gone, the stream takes the next append', async () => {
    sql(`DELETE FROM events WHERE stream_id = 'case-b' AND stream_position = 3`);
    const store = openStore();
    expect(await store.streamRevision('case-b')).toBe(2);
    await store.appendToStream('case-b', [ev(9)], { expectedRevision: 2 });
    expect(verifyChain(await store.readStream('case-b'))).toEqual({ valid: true, events: 4 });
  });

  it('refuses to seal onto a last event whose hash cannot be read, saying so', async () => {
    sql(`UPDATE events SET metadata = json_remove(metadata, '$.hash') WHERE stream_id = 'case-b' AND stream_position = 3`);
    await expect(openStore().appendToStream('case-b', [ev(9)], { expectedRevision: 3 })).rejects.toThrow(/case-b \(revision 3\) has no readable hash/);
  });
});

describe('SQLite: a file written at schema version 1 keeps verifying after the migration', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zicht-migrate-'));
    file = join(dir, 'events.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes streams the way version 1 did: copies of recordedAt and schemaVersion, a head per stream. */
  function writeVersion1(streams: Record<string, number>): Array<Omit<StoredEvent, 'position'>> {
    const db = new Database(file);
    db.exec(`
      CREATE TABLE events (
        global_position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, stream_position INTEGER NOT NULL,
        type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, schema_version INTEGER NOT NULL, recorded_at TEXT NOT NULL,
        UNIQUE (stream_id, stream_position));
      CREATE TABLE streams (stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, last_hash TEXT NOT NULL) WITHOUT ROWID;
      PRAGMA user_version = 1;`);
    const insert = db.prepare('INSERT INTO events (stream_id, stream_position, type, data, metadata, schema_version, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const written: Array<Omit<StoredEvent, 'position'>> = [];
    for (const [streamId, count] of Object.entries(streams)) {
      const sealed = sealEvents(streamId, null, Array.from({ length: count }, (_, i) => ev(i)), recordedOn(0).toISOString());
      for (const e of sealed) insert.run(streamId, e.revision, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), e.metadata.schemaVersion, e.metadata.recordedAt);
      const last = sealed[sealed.length - 1];
      db.prepare('INSERT INTO streams VALUES (?, ?, ?)').run(streamId, last.revision, last.metadata.hash);
      written.push(...sealed);
    }
    db.close();
    return written;
  }

  it('drops the copies and the heads, reads the same events, and continues every chain', async () => {
    const written = writeVersion1({ 'case-old': 3, 'access-2026-11-01': 2 });
    const store = new SqliteEventStore({ file, clock: () => recordedOn(5) });
    try {
      const raw = new Database(file, { readonly: true });
      expect(raw.pragma('user_version', { simple: true })).toBe(2);
      expect(raw.prepare(`SELECT name FROM pragma_table_info('events') ORDER BY name`).pluck().all()).toEqual(['data', 'global_position', 'metadata', 'stream_id', 'stream_position', 'type']);
      expect(raw.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'streams'`).pluck().get()).toBe(0);
      raw.close();

      const old = await store.readStream('case-old');
      expect(old.map(({ position: _p, ...e }) => e)).toEqual(written.filter((e) => e.streamId === 'case-old'));
      expect(await verifyStore(store)).toMatchObject({ valid: true, streams: 2, events: 5 });
      await store.appendToStream('case-old', [ev(3)], { expectedRevision: 2 });
      expect(verifyChain(await store.readStream('case-old'))).toEqual({ valid: true, events: 4 });
      expect((await store.readStream('case-old', { toRecordedAt: recordedOn(1).toISOString() })).map((e) => e.revision)).toEqual([0, 1, 2]);
    } finally {
      await store.close();
    }
  });
});

function byStream(a: { streamId: string }, b: { streamId: string }): number {
  return a.streamId.localeCompare(b.streamId);
}
