import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogAnchor, parseAnchors, verifyStore } from './integrity';
import { NewEvent } from './port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

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

describe('verifyStore: every stream chain and the log digest (SQLite file changed behind the server)', () => {
  let dir: string;
  let file: string;
  const streams = ['case-a', 'case-b', 'case-c', 'access-2026-11-01'];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zicht-integrity-'));
    file = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ file });
    for (const s of streams) await store.appendToStream(s, [ev(1), ev(2), ev(3)], { expectedRevision: 'no-stream' });
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function verify(anchors?: LogAnchor[]) {
    const store = new SqliteEventStore({ file });
    try {
      return await verifyStore(store, { anchors, batchSize: 5 });
    } finally {
      await store.close();
    }
  }

  function sql(statement: string, ...params: unknown[]) {
    const db = new Database(file);
    db.prepare(statement).run(...params);
    db.close();
  }

  it('an untouched store verifies clean and gives the anchor of its head', async () => {
    const result = await verify();
    expect(result).toMatchObject({ valid: true, streams: 4, events: 12, breaks: [], anchors: [] });
    expect(result.head).toMatchObject({ events: 12, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await verify([result.head!])).anchors).toEqual([{ anchor: result.head, valid: true }]);
  });

  it('one character changed in one stored event breaks that stream at that revision', async () => {
    sql(`UPDATE events SET data = replace(data, 'signaal 2', 'signaal 7') WHERE stream_id = 'case-b' AND stream_position = 1`);
    const result = await verify();
    expect(result.valid).toBe(false);
    expect(result.breaks).toEqual([{ streamId: 'case-b', firstInvalidRevision: 1, reason: expect.stringContaining('changed after it was recorded') }]);
  });

  it('a whole stream deleted at once passes every chain but not an anchor taken before', async () => {
    const before = (await verify()).head!;
    sql(`DELETE FROM events WHERE stream_id = 'case-a'`);
    const result = await verify([before]);
    expect(result.breaks).toEqual([]); // the chains cannot see it
    expect(result.valid).toBe(false);
    expect(result.anchors).toEqual([{ anchor: before, valid: false, reason: expect.stringContaining('held 12 events and now holds 9') }]);
  });

  it('the log cut off at its end loses the anchor position itself', async () => {
    const before = (await verify()).head!;
    sql(`DELETE FROM events WHERE global_position = (SELECT MAX(global_position) FROM events)`);
    const result = await verify([before]);
    expect(result.valid).toBe(false);
    expect(result.anchors[0]).toMatchObject({ valid: false, reason: expect.stringContaining(`no event at position ${before.position}`) });
  });

  it('an event whose content was replaced by a re-sealed copy still changes the digest', async () => {
    // Someone who recomputes the chain of a stream after changing it passes the chain check, not the anchor.
    const before = (await verify()).head!;
    const store = new SqliteEventStore({ file });
    const original = await store.readStream('case-c');
    await store.close();
    sql(`DELETE FROM events WHERE stream_id = 'case-c'`); // the stream's head goes with its rows
    const again = new SqliteEventStore({ file });
    await again.appendToStream('case-c', original.map((e, i) => ({ type: e.type, data: { ...e.data, n: i + 10 }, metadata: { ...e.metadata } })), { expectedRevision: 'no-stream' });
    await again.close();
    const result = await verify([before]);
    expect(result.breaks).toEqual([]);
    expect(result.anchors[0].valid).toBe(false);
  });

  it('parses anchors as an array or JSON lines and refuses malformed ones', () => {
    const a = { position: '12', events: 12, digest: 'a'.repeat(64) };
    expect(parseAnchors(JSON.stringify([a]))).toEqual([a]);
    expect(parseAnchors(`${JSON.stringify(a)}\n${JSON.stringify({ ...a, position: '3', events: 3 })}\n`)).toHaveLength(2);
    expect(() => parseAnchors(JSON.stringify({ ...a, digest: 'xyz' }))).toThrow(/anchor 1/);
  });
});
