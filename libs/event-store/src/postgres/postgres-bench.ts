/* eslint-disable no-console */
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { NewEvent } from '../port';
import { PostgresEventStore } from './postgres-event-store';
import { dropPostgresSchema } from './postgres-admin';

// Raw figures of the PostgreSQL event store, for `npm run bench` (or on its own:
//   node dist/libs/event-store/src/postgres/postgres-bench.js postgres://...).
// Everything runs in a schema of its own that is dropped afterwards.

export interface PostgresBenchFigures {
  /** One append at a time, one event each: a transaction per append. */
  sequentialAppendsPerSecond: number;
  /** `streams` appends in flight at once, one event each: they share transactions (group commit). */
  concurrentAppendsPerSecond: number;
  /** readAll in batches of 1,000 over what was appended, with JSON.parse. */
  scanEventsPerSecond: number;
  /**
   * Why the log is ordered by transaction id: raw one-row transactions from `connections`
   * connections at once, serialised on one advisory lock (so that identity order is commit order)
   * versus free to run in parallel (the transaction-id order this adapter reads).
   */
  ordering: { connections: number; serialisedPerSecond: number; parallelPerSecond: number };
}

export async function benchPostgresEventStore(connectionString: string, options: { appends?: number; streams?: number; seconds?: number } = {}): Promise<PostgresBenchFigures> {
  const appends = options.appends ?? 2000;
  const streams = options.streams ?? 100;
  const schema = `zicht_bench_${randomBytes(6).toString('hex')}`;
  const store = new PostgresEventStore({ connectionString, schema });
  try {
    await store.ready();
    const revisions = new Map<string, number>();
    const appendTo = async (streamId: string, n: number) => {
      const previous = revisions.get(streamId);
      const result = await store.appendToStream(streamId, [benchEvent(n)], { expectedRevision: previous ?? 'no-stream' });
      revisions.set(streamId, result.nextExpectedRevision);
    };
    const ids = Array.from({ length: streams }, () => `case-${randomUUID()}`);

    let started = process.hrtime.bigint();
    for (let i = 0; i < appends; i++) await appendTo(ids[i % streams], i);
    const sequentialAppendsPerSecond = appends / seconds(started);

    started = process.hrtime.bigint();
    for (let i = 0; i < appends; i += streams) await Promise.all(ids.map((id, j) => appendTo(id, i + j)));
    const concurrentAppendsPerSecond = appends / seconds(started);

    started = process.hrtime.bigint();
    let scanned = 0;
    for (let after: bigint | null = null; ; ) {
      const batch = await store.readAll({ after, limit: 1000 });
      if (batch.length === 0) break;
      scanned += batch.length;
      after = batch[batch.length - 1].position;
    }
    const scanEventsPerSecond = scanned / seconds(started);

    const ordering = await compareOrdering(connectionString, schema, options.seconds ?? 3);
    return { sequentialAppendsPerSecond, concurrentAppendsPerSecond, scanEventsPerSecond, ordering };
  } finally {
    await store.close();
    await dropPostgresSchema(connectionString, schema);
  }
}

async function compareOrdering(connectionString: string, schema: string, duration: number): Promise<PostgresBenchFigures['ordering']> {
  const connections = 8;
  const pool = new Pool({ connectionString, max: connections });
  const table = `${schema}.ordering_bench`;
  try {
    await pool.query(`CREATE TABLE ${table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tx xid8 NOT NULL DEFAULT pg_current_xact_id(), body text NOT NULL)`);
    const rate = async (serialised: boolean) => {
      const end = Date.now() + duration * 1000;
      let count = 0;
      await Promise.all(
        Array.from({ length: connections }, async () => {
          const client = await pool.connect();
          try {
            while (Date.now() < end) {
              await client.query('BEGIN');
              if (serialised) await client.query('SELECT pg_advisory_xact_lock(4242)');
              await client.query(`INSERT INTO ${table} (body) VALUES ($1)`, ['{"n":1}']);
              await client.query('COMMIT');
              count += 1;
            }
          } finally {
            client.release();
          }
        }),
      );
      return count / duration;
    };
    const serialisedPerSecond = await rate(true);
    const parallelPerSecond = await rate(false);
    return { connections, serialisedPerSecond, parallelPerSecond };
  } finally {
    await pool.end();
  }
}

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function benchEvent(n: number): NewEvent {
  return {
    type: 'signal',
    data: { category: 'neglect', source: 'own-observation', description: `Verzonnen benchmarksignaal ${n}`, observedAt: '2026-11-01' },
    metadata: { eventId: randomUUID(), actor: { id: 'bench', role: 'professional', organisation: 'bench-org' }, occurredAt: new Date().toISOString(), correlationId: 'bench', causationId: 'bench', schemaVersion: 1 },
  };
}

/** The figures as lines for the benchmark report. */
export function formatPostgresBench(f: PostgresBenchFigures): string[] {
  const r = (n: number) => Math.round(n).toLocaleString('en');
  return [
    `  the adapter alone: appends one at a time ${r(f.sequentialAppendsPerSecond)}/s, 100 at once (grouped) ${r(f.concurrentAppendsPerSecond)}/s (${(f.concurrentAppendsPerSecond / f.sequentialAppendsPerSecond).toFixed(1)}x), a scan of the global log ${r(f.scanEventsPerSecond)} events/s`,
    `  raw one-row commits from ${f.ordering.connections} connections, serialised on one lock vs in parallel (why the log is in transaction-id order): ${r(f.ordering.serialisedPerSecond)}/s vs ${r(f.ordering.parallelPerSecond)}/s (${(f.ordering.parallelPerSecond / f.ordering.serialisedPerSecond).toFixed(1)}x)`,
  ];
}

if (require.main === module) {
  const url = process.argv[2] ?? process.env.ZICHT_TEST_DATABASE_URL;
  if (!url) {
    console.error('usage: postgres-bench.js <postgres://...> (or set ZICHT_TEST_DATABASE_URL)');
    process.exit(2);
  }
  benchPostgresEventStore(url).then(
    (f) => {
      for (const line of formatPostgresBench(f)) console.log(line);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
