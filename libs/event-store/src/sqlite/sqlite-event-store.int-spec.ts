import Database from 'better-sqlite3';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyChain } from '../hash-chain';
import { AppendResult, NewEvent, StoredEvent, WrongExpectedRevisionError } from '../port';
import { openSqliteEventStore, SqliteEventStore } from './sqlite-event-store';

jest.setTimeout(30_000);

const CHILD = join(__dirname, '__fixtures__', 'append-child.js');

const ev = (n: number): NewEvent => ({
  type: 'signal',
  data: { n },
  metadata: {
    eventId: randomUUID(),
    actor: { id: 'u-1', role: 'professional', organisation: 'org-a' },
    occurredAt: '2026-11-01T09:00:00.000Z',
    correlationId: 'c',
    causationId: 'c',
    schemaVersion: 1,
  },
});

describe('SqliteEventStore (beyond the contract)', () => {
  let dir: string;
  let file: string;
  const open: SqliteEventStore[] = [];
  const children: ChildProcess[] = [];
  const openStore = (options: Partial<ConstructorParameters<typeof SqliteEventStore>[0]> = {}) => {
    const store = new SqliteEventStore({ file, ...options });
    open.push(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zicht-sqlite-'));
    file = join(dir, 'events.sqlite');
  });
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const store of open.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps everything across close and reopen; positions keep growing', async () => {
    const s = `case-${randomUUID()}`;
    const first = openStore();
    const r1 = await first.appendToStream(s, [ev(0), ev(1)], { expectedRevision: 'no-stream' });
    await first.close();

    const second = openStore();
    expect(await second.streamRevision(s)).toBe(1);
    const r2 = await second.appendToStream(s, [ev(2)], { expectedRevision: 1 });
    expect(r2.position > r1.position).toBe(true);
    const read = await second.readStream(s);
    expect(read.map((e) => e.data.n)).toEqual([0, 1, 2]);
    expect(verifyChain(read)).toEqual({ valid: true, events: 3 });
  });

  it('stores rows from which the chain verifies, in WAL mode, at schema version 2, with nothing beside the chain', async () => {
    const s = `case-${randomUUID()}`;
    const store = openStore();
    await store.appendToStream(s, [ev(0), ev(1), ev(2)], { expectedRevision: 'no-stream' });

    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('user_version', { simple: true })).toBe(2);
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      const rows = raw.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY stream_position').all(s) as Array<Record<string, unknown>>;
      // Every column but the log position is covered by the hash; no table repeats what events hold.
      expect(Object.keys(rows[0]).sort()).toEqual(['data', 'global_position', 'metadata', 'stream_id', 'stream_position', 'type']);
      expect(raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all()).toEqual(['events', 'sqlite_sequence']);
      const fromRows: StoredEvent[] = rows.map((row) => ({
        streamId: row.stream_id as string,
        revision: row.stream_position as number,
        position: BigInt(row.global_position as number),
        type: row.type as string,
        data: JSON.parse(row.data as string),
        metadata: JSON.parse(row.metadata as string),
      }));
      expect(verifyChain(fromRows)).toEqual({ valid: true, events: 3 });
      expect(await store.readStream(s)).toEqual(fromRows);
    } finally {
      raw.close();
    }
  });

  it('refuses a database written by a newer schema version, saying so', () => {
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openStore()).toThrow(/schema version 99, newer than this program knows/);
  });

  it('two stores on one file share the stream heads: a stale expected revision fails', async () => {
    const s = `case-${randomUUID()}`;
    const [a, b] = [openStore(), openStore()];
    await a.appendToStream(s, [ev(0)], { expectedRevision: 'no-stream' });
    await b.appendToStream(s, [ev(1)], { expectedRevision: 0 });
    await expect(a.appendToStream(s, [ev(2)], { expectedRevision: 0 })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect((await a.readStream(s)).map((e) => e.data.n)).toEqual([0, 1]);
  });

  it('wakes a subscription at once for an append by another store in this process', async () => {
    const s = `case-${randomUUID()}`;
    const watcher = openStore({ pollMs: 60_000 }); // polling cannot be what delivers it
    const writer = openStore();
    const seen: StoredEvent[] = [];
    const sub = watcher.subscribeToAll({ after: null, handler: async (batch) => void seen.push(...batch) });
    await sleep(50);
    await writer.appendToStream(s, [ev(0)], { expectedRevision: 'no-stream' });
    await waitFor(() => seen.length === 1, 2_000);
    await sub.stop();
  });

  it("sees another process's appends through its poll", async () => {
    const s = `case-${randomUUID()}`;
    const store = openStore({ pollMs: 100 });
    await store.ready(); // schema in place before the child opens the file
    const seen: StoredEvent[] = [];
    const sub = store.subscribeToAll({ after: null, handler: async (batch) => void seen.push(...batch) });
    const child = runChild(s, 5);
    expect(await child.exit).toBe(0);
    await waitFor(() => seen.length === 5, 5_000);
    expect(seen.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    expect(verifyChain(seen)).toEqual({ valid: true, events: 5 });
    await sub.stop();
  });

  it('loses no acknowledged append when the writing process is killed with SIGKILL', async () => {
    const s = `case-${randomUUID()}`;
    openStore(); // creates the schema
    const child = runChild(s, 1_000_000);
    await waitFor(() => child.acked() >= 50, 20_000);
    child.process.kill('SIGKILL');
    await child.exit;
    const acknowledged = child.acked();

    const reopened = openStore();
    const read = await reopened.readStream(s);
    expect(read.length).toBeGreaterThanOrEqual(acknowledged + 1);
    expect(verifyChain(read)).toEqual({ valid: true, events: read.length });
    // and the store takes the next append where the killed process left off
    await reopened.appendToStream(s, [ev(-1)], { expectedRevision: read.length - 1 });
  });

  it('group-commits concurrent appends in one transaction; a conflicting one fails alone', async () => {
    const store = openStore();
    const streams = Array.from({ length: 20 }, () => `case-${randomUUID()}`);
    const contested = `case-${randomUUID()}`;
    await store.appendToStream(contested, [ev(0)], { expectedRevision: 'no-stream' });
    const commits = jest.spyOn(store as unknown as { commitGroup: (group: unknown[]) => unknown }, 'commitGroup');
    const results = await Promise.allSettled([
      ...streams.map((s, i) => store.appendToStream(s, [ev(i), ev(i + 100)], { expectedRevision: 'no-stream' })),
      store.appendToStream(contested, [ev(1)], { expectedRevision: 0 }),
      store.appendToStream(contested, [ev(2)], { expectedRevision: 0 }), // same group, now stale
    ]);
    expect(commits).toHaveBeenCalledTimes(1); // one transaction, one fsync, for all 22
    expect(commits.mock.calls[0][0]).toHaveLength(22);
    commits.mockRestore();
    expect(results.slice(0, 20).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results[20].status).toBe('fulfilled');
    expect(results[21]).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedRevisionError) });
    expect((results[21] as PromiseRejectedResult).reason.actual).toBe(1);
    for (const s of streams) expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0, 1]);
    expect(verifyChain(await store.readStream(contested))).toMatchObject({ valid: true, events: 2 });
    const positions = results.filter((r): r is PromiseFulfilledResult<AppendResult> => r.status === 'fulfilled').map((r) => r.value.position);
    expect(new Set(positions).size).toBe(21);
  });

  it('answers appends accepted just before close instead of dropping them', async () => {
    const store = new SqliteEventStore({ file });
    const stream = `case-${randomUUID()}`;
    const append = store.appendToStream(stream, [ev(0)], { expectedRevision: 'no-stream' });
    await store.close();
    await expect(append).resolves.toMatchObject({ nextExpectedRevision: 0 });
    const reopened = openStore();
    expect(await reopened.readStream(stream)).toHaveLength(1);
  });

  it('openSqliteEventStore creates the directory and <dataDir>/events.sqlite', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const store = openSqliteEventStore(dataDir);
    open.push(store);
    await store.ready();
    expect(existsSync(join(dataDir, 'events.sqlite'))).toBe(true);
    expect(store.kind).toBe('sqlite');
  });

  /** Runs the child appender; `acked()` is the highest revision it has reported as acknowledged. */
  function runChild(streamId: string, count: number) {
    const process_ = spawn(process.execPath, [CHILD, file, streamId, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(process_);
    let acked = -1;
    let stderr = '';
    let buffer = '';
    process_.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^acked (\d+)$/.exec(line);
        if (match) acked = Math.max(acked, Number(match[1]));
      }
    });
    process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exit = new Promise<number | null>((resolve) =>
      process_.on('exit', (code) => {
        if (code !== 0 && code !== null) process.stderr.write(`append-child exited ${code}: ${stderr}\n`);
        resolve(code);
      }),
    );
    return { process: process_, exit, acked: () => acked };
  }
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}
