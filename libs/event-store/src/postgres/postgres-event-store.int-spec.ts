import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { verifyChain } from '../hash-chain';
import { verifyStore } from '../integrity';
import { AppendResult, EventStoreUnavailableError, NewEvent, StoredEvent, WrongExpectedRevisionError } from '../port';
import { PostgresEventStore, PostgresEventStoreOptions } from './postgres-event-store';
import { dropPostgresSchema } from './postgres-admin';

jest.setTimeout(60_000);

const CHILD = join(__dirname, '__fixtures__', 'append-child.js');
const url = process.env.ZICHT_TEST_DATABASE_URL;

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

// Runs without a server: what the adapter answers when PostgreSQL cannot be reached.
describe('PostgresEventStore when the server cannot be reached', () => {
  let store: PostgresEventStore;
  beforeEach(() => {
    store = new PostgresEventStore({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectTimeoutMs: 2_000 });
  });
  afterEach(() => store.close());

  it('ready(), appends and reads fail with EventStoreUnavailableError', async () => {
    await expect(store.ready()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.appendToStream(`case-${randomUUID()}`, [ev(0)], { expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readStream(`case-${randomUUID()}`)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('refuses a schema name that is not a plain SQL name', () => {
    expect(() => new PostgresEventStore({ connectionString: 'postgres://x@127.0.0.1:1/x', schema: 'a"; DROP' })).toThrow(/schema must be a plain lower-case SQL name/);
  });
});

if (url) {
  describe('PostgresEventStore (beyond the contract)', () => {
    let schema: string;
    const open: PostgresEventStore[] = [];
    const openStore = (options: Partial<PostgresEventStoreOptions> = {}) => {
      const store = new PostgresEventStore({ connectionString: url, schema, ...options });
      open.push(store);
      return store;
    };
    async function sql<R extends object>(text: string, values: unknown[] = []): Promise<R[]> {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<R>(text, values)).rows;
      } finally {
        await client.end();
      }
    }

    beforeEach(() => {
      schema = `zicht_pg_${randomBytes(6).toString('hex')}`;
    });
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
      await dropPostgresSchema(url, schema);
    });

    it('migrates once, in its own schema, even when several stores start at once; refuses a newer schema', async () => {
      const stores = Array.from({ length: 4 }, () => openStore());
      await Promise.all(stores.map((s) => s.ready()));
      expect(await sql(`SELECT version FROM ${schema}.schema_migrations`)).toEqual([{ version: 1 }]);
      const columns = await sql<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'events' ORDER BY column_name`, [schema]);
      // Besides the log position (transaction id, identity), only what the hash chain covers.
      expect(columns.map((c) => c.column_name)).toEqual(['data', 'global_position', 'metadata', 'stream_id', 'stream_position', 'transaction_id', 'type']);

      await sql(`INSERT INTO ${schema}.schema_migrations (version) VALUES (99)`);
      await expect(openStore().ready()).rejects.toThrow(/version 99, newer than this program knows/);
    });

    it('group-commits concurrent appends in one transaction; a conflicting one fails alone', async () => {
      const store = openStore();
      const streams = Array.from({ length: 20 }, () => `case-${randomUUID()}`);
      const contested = `case-${randomUUID()}`;
      await store.appendToStream(contested, [ev(0)], { expectedRevision: 'no-stream' });
      const commits = jest.spyOn(store as unknown as { commit: () => Promise<void> }, 'commit');
      const results = await Promise.allSettled([
        ...streams.map((s, i) => store.appendToStream(s, [ev(i), ev(i + 100)], { expectedRevision: 'no-stream' })),
        store.appendToStream(contested, [ev(1)], { expectedRevision: 0 }),
        store.appendToStream(contested, [ev(2)], { expectedRevision: 0 }), // same group, now stale
      ]);
      expect(commits).toHaveBeenCalledTimes(1);
      commits.mockRestore();
      expect(results.slice(0, 21).every((r) => r.status === 'fulfilled')).toBe(true);
      expect(results[21]).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedRevisionError) });
      expect((results[21] as PromiseRejectedResult).reason.actual).toBe(1);
      for (const s of streams) expect(verifyChain(await store.readStream(s))).toEqual({ valid: true, events: 2 });
      const positions = results.filter((r): r is PromiseFulfilledResult<AppendResult> => r.status === 'fulfilled').map((r) => r.value.position);
      expect(new Set(positions).size).toBe(21);
    });

    it('an append that loses a race to another node inside a group is undone, and only it fails', async () => {
      const [a, b] = [openStore(), openStore()];
      const s = `case-${randomUUID()}`;
      const bystander = `case-${randomUUID()}`;
      await a.appendToStream(s, [ev(0)], { expectedRevision: 'no-stream' });
      // Node b writes revision 1 and 2 while node a's group has read the head but not inserted yet.
      const heads = a as unknown as { readHeads: (...args: unknown[]) => Promise<unknown> };
      const original = heads.readHeads.bind(a);
      const spy = jest.spyOn(heads, 'readHeads').mockImplementationOnce(async (...args: unknown[]) => {
        const result = await original(...args);
        await b.appendToStream(s, [ev(1), ev(2)], { expectedRevision: 0 });
        return result;
      });
      const [lost, won] = await Promise.allSettled([a.appendToStream(s, [ev(10), ev(11), ev(12)], { expectedRevision: 0 }), a.appendToStream(bystander, [ev(0)], { expectedRevision: 'no-stream' })]);
      spy.mockRestore();
      expect(lost).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedRevisionError) });
      expect((lost as PromiseRejectedResult).reason.actual).toBe(2);
      expect(won.status).toBe('fulfilled');
      const read = await a.readStream(s);
      expect(read.map((e) => e.data.n)).toEqual([0, 1, 2]); // a's revision 3 (sealed on its own 1, 2) was undone
      expect(verifyChain(read)).toEqual({ valid: true, events: 3 });
    });

    it('a transaction that commits after a later one never makes a subscriber skip it: both arrive, in log order', async () => {
      const [slow, fast, reader] = [openStore(), openStore(), openStore({ pollMs: 50 })];
      const [first, second] = [`case-${randomUUID()}`, `case-${randomUUID()}`];
      await reader.ready();
      const seen: StoredEvent[] = [];
      const sub = reader.subscribeToAll({ after: null, handler: async (batch) => void seen.push(...batch) });
      // `slow` inserts first (the older transaction) but holds its COMMIT until `fast` has committed.
      const { held, release } = holdNextCommit(slow);
      try {
        const older = slow.appendToStream(first, [ev(1)], { expectedRevision: 'no-stream' });
        await held;
        const newer = await fast.appendToStream(second, [ev(2)], { expectedRevision: 'no-stream' });
        expect((await fast.readStream(second)).length).toBe(1); // committed and readable by stream...
        await sleep(300);
        expect(seen.map((e) => e.streamId)).not.toContain(second); // ...but not delivered past the open one
        release();
        const olderResult = await older;
        await waitFor(() => seen.length === 2, 10_000);
        expect(seen.map((e) => e.streamId)).toEqual([first, second]);
        expect(olderResult.position < newer.position).toBe(true);
        expect(seen[1].position > seen[0].position).toBe(true);
      } finally {
        release(); // a failed expectation must not leave the transaction open
        await sub.stop();
      }
    });

    it('a transaction left open (a process frozen mid-append) is ended by the server: the log flows on, and its append fails unacknowledged', async () => {
      const [frozen, live, reader] = [openStore({ idleInTransactionMs: 800 }), openStore(), openStore({ pollMs: 50 })];
      const [first, second] = [`case-${randomUUID()}`, `case-${randomUUID()}`];
      await reader.ready();
      const seen: StoredEvent[] = [];
      const sub = reader.subscribeToAll({ after: null, handler: async (batch) => void seen.push(...batch) });
      const { held, release } = holdNextCommit(frozen); // frozen between its INSERT and its COMMIT
      try {
        const stuck = frozen.appendToStream(first, [ev(1)], { expectedRevision: 'no-stream' });
        await held;
        const started = Date.now();
        await live.appendToStream(second, [ev(2)], { expectedRevision: 'no-stream' });
        await waitFor(() => seen.length === 1, 10_000); // delivered once the server ended the open transaction
        expect(Date.now() - started).toBeGreaterThanOrEqual(500);
        expect(seen.map((e) => e.streamId)).toEqual([second]);
        release();
        await expect(stuck).rejects.toBeInstanceOf(EventStoreUnavailableError); // never acknowledged...
        expect(await live.readStream(first)).toEqual([]); // ...and nothing of it stored
      } finally {
        release();
        await sub.stop();
      }
    });

    it('orders the log by transaction id as a number, also where the ids gain a digit (98 before 101)', async () => {
      const store = openStore();
      const [a, b] = [`case-${randomUUID()}`, `case-${randomUUID()}`];
      await store.appendToStream(a, [ev(1)], { expectedRevision: 'no-stream' });
      await store.appendToStream(b, [ev(2)], { expectedRevision: 'no-stream' });
      // As text '101' sorts before '98'. Both ids lie below the oldest running transaction even on a
      // cluster fresh from initdb (which starts near 730), so both are in the visible log.
      await sql(`UPDATE ${schema}.events SET transaction_id = '101'::xid8 WHERE stream_id = $1`, [a]);
      await sql(`UPDATE ${schema}.events SET transaction_id = '98'::xid8 WHERE stream_id = $1`, [b]);
      expect((await store.readAll()).map((e) => e.streamId)).toEqual([b, a]);
      expect((await store.readAll({ limit: 1 })).map((e) => e.streamId)).toEqual([b]);
      const all = await store.readAll();
      expect(await store.headPosition()).toBe(all[all.length - 1].position);
      expect(all[0].position < all[1].position).toBe(true);
    });

    it('wakes a subscription at once (LISTEN/NOTIFY) for an append by another node', async () => {
      const watcher = openStore({ pollMs: 60_000 }); // polling cannot be what delivers it
      const writer = openStore();
      await writer.ready();
      const seen: StoredEvent[] = [];
      const sub = watcher.subscribeToAll({ after: null, handler: async (batch) => void seen.push(...batch) });
      try {
        await sleep(300); // caught up and listening
        await writer.appendToStream(`case-${randomUUID()}`, [ev(0)], { expectedRevision: 'no-stream' });
        await waitFor(() => seen.length === 1, 3_000);
      } finally {
        await sub.stop();
      }
    });

    it('answers appends accepted just before close instead of dropping them', async () => {
      const store = new PostgresEventStore({ connectionString: url, schema });
      const s = `case-${randomUUID()}`;
      const appends = [store.appendToStream(s, [ev(0)], { expectedRevision: 'no-stream' }), store.appendToStream(`case-${randomUUID()}`, [ev(0)], { expectedRevision: 'no-stream' })];
      await store.close();
      await expect(Promise.all(appends)).resolves.toHaveLength(2);
      await expect(store.appendToStream(s, [ev(1)], { expectedRevision: 0 })).rejects.toBeInstanceOf(EventStoreUnavailableError);
      expect(await openStore().readStream(s)).toHaveLength(1);
    });

    it('two processes appending to the same streams at once: exactly one winner per revision, every chain intact', async () => {
      const streams = Array.from({ length: 3 }, () => `case-${randomUUID()}`);
      await openStore().ready(); // schema in place before the children start
      const children = [runChild(streams, 60), runChild(streams, 60)];
      await Promise.all(children.map((c) => c.ready));
      for (const child of children) child.go();
      expect(await Promise.all(children.map((c) => c.exit))).toEqual([0, 0]);

      const acked = children.flatMap((c) => c.acked);
      expect(acked).toHaveLength(120);
      expect(children.reduce((n, c) => n + c.conflicts(), 0)).toBeGreaterThan(0); // they did race
      const store = openStore();
      for (const s of streams) {
        const read = await store.readStream(s);
        expect(verifyChain(read)).toEqual({ valid: true, events: read.length });
        const winners = acked.filter((a) => a.streamId === s).sort((x, y) => x.revision - y.revision);
        expect(winners.map((w) => w.revision)).toEqual(read.map((e) => e.revision)); // one ack per revision
        expect(winners.map((w) => w.eventId)).toEqual(read.map((e) => e.metadata.eventId));
      }
      const verified = await verifyStore(store);
      expect(verified).toMatchObject({ valid: true, streams: 3, events: 120, breaks: [] });
    });

    function runChild(streams: string[], count: number) {
      const child = spawn(process.execPath, [CHILD, url!, schema, streams.join(','), String(count)], { stdio: ['pipe', 'pipe', 'pipe'] });
      const acked: Array<{ streamId: string; revision: number; eventId: string }> = [];
      let conflicts = 0;
      let buffer = '';
      let stderr = '';
      let markReady!: () => void;
      const ready = new Promise<void>((resolve) => (markReady = resolve));
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const match = /^acked (\S+) (\d+) (\S+)$/.exec(line);
          if (match) acked.push({ streamId: match[1], revision: Number(match[2]), eventId: match[3] });
          else if (line === 'conflict') conflicts += 1;
          else if (line === 'ready') markReady();
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      // 'close', not 'exit': only then has everything the child printed been read.
      const exit = new Promise<number | null>((resolve) =>
        child.on('close', (code) => {
          if (code !== 0) process.stderr.write(`append-child exited ${code}: ${stderr}\n`);
          markReady();
          resolve(code);
        }),
      );
      return { ready, exit, acked, conflicts: () => conflicts, go: () => child.stdin.end('go\n') };
    }
  });
} else {
  console.warn('PostgresEventStore: the PostgreSQL tests were skipped because ZICHT_TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
}

/** Holds the next COMMIT of `store` until `release()`: its transaction stays open, its rows inserted; `held` once it waits. */
function holdNextCommit(store: PostgresEventStore): { held: Promise<void>; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let holding!: () => void;
  const held = new Promise<void>((resolve) => (holding = resolve));
  const commit = store as unknown as { commit: (client: Client) => Promise<void> };
  const realCommit = commit.commit.bind(store);
  jest.spyOn(commit, 'commit').mockImplementationOnce(async (client: Client) => {
    holding();
    await gate;
    return realCommit(client);
  });
  return { held, release };
}

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
