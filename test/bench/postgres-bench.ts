/* eslint-disable no-console */
import { Client } from 'pg';
import { PostgresEventStore, benchPostgresEventStore, formatPostgresBench } from '@zicht/event-store';
import { openReadModelDatabase } from '@zicht/projections';
import { createProjectionRunner } from '../../apps/api/src/read-models/read-models';
import { seedStore } from '../../apps/api/src/seed/seed-store';
import { LOG_STREAM_PREFIXES } from '../../apps/api/src/store/event-store.module';

// The same ratios on PostgreSQL, in a database of its own (made and dropped here), when
// ZICHT_BENCH_DATABASE_URL names a server: signals over HTTP beside one durable append to the same
// database, and a rebuild beside a raw scan of the same log.  PG_BENCH_CASES (default 20000).
const CASES = Number(process.env.PG_BENCH_CASES ?? 20_000);

export interface Baselines {
  /** A load of signals against a server (or the baseline endpoint) started with these variables. */
  signals: (script: 'platform' | 'append', env: Record<string, string>) => Promise<{ rps: number; p50: number; p99: number; non2xx: number }>;
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Events/s of the plainest read of the log: every row in log order, in pages, its JSON parsed, nothing else. */
async function rawScan(url: string, schema: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // Twice, the faster counts: the first scan after the seed also sets every row's hint bits (it
    // writes pages), which the rebuild after it never pays.
    let best = 0;
    for (let run = 0; run < 2; run++) best = Math.max(best, await scanOnce(client, schema));
    return best;
  } finally {
    await client.end();
  }
}

async function scanOnce(client: Client, schema: string): Promise<number> {
  const started = process.hrtime.bigint();
  let n = 0;
  let after: [string, string] = ['0', '0'];
  for (;;) {
    const page = await client.query<{ t: string; g: string; data: string; metadata: string }>(
      `SELECT transaction_id::text AS t, global_position::text AS g, data, metadata FROM ${schema}.events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint) ORDER BY transaction_id, global_position LIMIT 5000`,
      after,
    );
    if (page.rows.length === 0) break;
    for (const row of page.rows) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
    }
    n += page.rows.length;
    const last = page.rows[page.rows.length - 1];
    after = [last.t, last.g];
  }
  return n / (Number(process.hrtime.bigint() - started) / 1e9);
}

export async function postgresBench(baseUrl: string, baselines: Baselines): Promise<string[]> {
  const database = `zicht_bench_${process.pid}`;
  const url = Object.assign(new URL(baseUrl), { pathname: `/${database}` }).toString();
  await admin(baseUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin(baseUrl, `CREATE DATABASE "${database}"`);
  const lines = [`\nOn PostgreSQL (a database of its own on the server of ZICHT_BENCH_DATABASE_URL):`];
  try {
    lines.push(...formatPostgresBench(await benchPostgresEventStore(url)));
    const append = await baselines.signals('append', { BENCH_APPEND_DATABASE_URL: url });
    lines.push(`  bare NestJS/Fastify + validation + one durable append to PostgreSQL: ${append.rps.toFixed(0).padStart(6)} req/s  p50 ${append.p50} ms  p99 ${append.p99} ms`);
    const platform = await baselines.signals('platform', { ZICHT_EVENT_STORE: 'postgres', DATABASE_URL: url });
    lines.push(
      `  zicht, events, keys and read models on PostgreSQL: ${platform.rps.toFixed(0).padStart(6)} req/s  p50 ${platform.p50} ms  p99 ${platform.p99} ms  non-2xx ${platform.non2xx}  ratio to the single durable append ${(platform.rps / append.rps).toFixed(2)} (target ≥ 0.6)`,
    );

    const schema = 'bench_log';
    const store = new PostgresEventStore({ connectionString: url, schema, logStreamPrefixes: LOG_STREAM_PREFIXES });
    try {
      const seeded = await seedStore(store, { cases: CASES, seed: 42, end: new Date('2026-11-01T00:00:00Z'), order: 'as-it-happened' });
      lines.push(`  ${seeded.cases} invented cases (${seeded.events} events, as they happened: interleaved in time order) seeded at ${((seeded.events / seeded.ms) * 1000).toFixed(0)} events/s`);
      const scanned = await rawScan(url, schema);
      lines.push(`  a raw scan of the same log (pages of 5,000 in log order, JSON.parse of data and metadata; the faster of two): ${scanned.toFixed(0)} events/s`);
      const db = await openReadModelDatabase(url, { schema: 'bench_read_models' });
      try {
        const runner = createProjectionRunner(store, db);
        const started = Date.now();
        await runner.start();
        await runner.waitFor((await store.headPosition())!, 3600_000);
        const rebuilt = (seeded.events / (Date.now() - started)) * 1000;
        await runner.stop();
        lines.push(`  a full rebuild of every read model, from zero, into PostgreSQL, the log read stream by stream: ${rebuilt.toFixed(0)} events/s: ratio to the raw scan ${(rebuilt / scanned).toFixed(2)} (target ≥ 0.5)`);
      } finally {
        await db.destroy();
      }
    } finally {
      await store.close();
    }
  } finally {
    await admin(baseUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
  return lines;
}
