/* eslint-disable no-console */
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { dist, start, stop } from './processes';
import { NewEvent, SqliteEventStore } from '@zicht/event-store';
import { newDataKey, sealPersonalData } from '@zicht/privacy';
import { CaseState, evolve, initialState, recordedCaseEvent } from '@zicht/case-domain';
import { openReadModelDatabase } from '@zicht/projections';
import { createProjectionRunner } from '../../apps/api/src/read-models/read-models';
import { seedStore } from '../../apps/api/src/seed/seed-store';

// The analyst tables over 100,000 invented cases: how fast `seed` writes them, how fast the read
// models project them, and p99 of every table over HTTP (autocannon against the built server).
//   ANALYTICS_BENCH_CASES (100000), ANALYTICS_BENCH_SECONDS (5 per table), ANALYTICS_BENCH_CONNECTIONS (8).
const CASES = Number(process.env.ANALYTICS_BENCH_CASES ?? 100_000);
const SECONDS = Number(process.env.ANALYTICS_BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.ANALYTICS_BENCH_CONNECTIONS ?? 8);
const TABLES = ['adviezen-meldingen', 'meldplicht', 'child-participation', 'timeliness', 'monitoring'];
/** Each table is asked in every breakdown, for all time and for one half-year, in turn. */
const QUERIES = ['region', 'beroepsgroep', 'half-year', 'month'].flatMap((by) => [`by=${by}`, `by=${by}&period=2026-H1`]);
/** Events/s of the plainest read of the log: every row in order, its JSON parsed, nothing else. */
function rawScan(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const started = process.hrtime.bigint();
    let n = 0;
    for (const row of db.prepare('SELECT global_position, stream_id, type, data, metadata FROM events ORDER BY global_position').iterate() as Iterable<{ data: string; metadata: string }>) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      n++;
    }
    return n / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    db.close();
  }
}

/**
 * What bounds a rebuild before anything is stored: the log read through the store as a build reads
 * it (stream by stream up to the head, in pages of 50,000), and the same read with every event folded through the domain's `evolve` onto
 * its case's state held in memory (no row built, nothing written). A rebuild does both and more.
 */
async function rebuildFloor(store: SqliteEventStore): Promise<{ read: number; folded: number }> {
  const rates = { read: 0, folded: 0 };
  for (const kind of ['read', 'folded'] as const) {
    const states = new Map<string, CaseState>();
    const started = process.hrtime.bigint();
    let n = 0;
    const upTo = (await store.headPosition())!;
    for (let after: { streamId: string; revision: number } | null = null; ; ) {
      const batch = await store.readLogByStream({ upTo, after, limit: 50_000 });
      if (batch.length === 0) break;
      after = { streamId: batch[batch.length - 1].streamId, revision: batch[batch.length - 1].revision };
      n += batch.length;
      if (kind === 'folded') for (const e of batch) states.set(e.streamId, evolve(states.get(e.streamId) ?? initialState, recordedCaseEvent(e as never)));
    }
    rates[kind] = n / (Number(process.hrtime.bigint() - started) / 1e9);
  }
  return rates;
}

/**
 * The same read and fold spread over `shares` worker threads (`fold-worker.ts`), each with its own
 * connection and its share of the streams: what a build that used every core could reach at most,
 * before it builds or stores anything. Events/s over all workers, from the first start to the last end.
 */
async function spreadFloor(file: string, shares: number): Promise<number> {
  const started = process.hrtime.bigint();
  const counts = await Promise.all(
    Array.from({ length: shares }, (_, share) => {
      // 192 MB young generation: the --max-semi-space-size=64 of npm start (a worker takes no V8 flags).
      const worker = new Worker(join(__dirname, 'fold-worker.js'), { workerData: { file, share, shares }, resourceLimits: { maxYoungGenerationSizeMb: 192 } });
      return new Promise<number>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    }),
  );
  return counts.reduce((a, b) => a + b, 0) / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** Each case's personal fields sealed under a data key of its own, as the platform stores them (the keys are thrown away: a rebuild decrypts nothing). */
async function sealed(caseId: string, events: NewEvent[]): Promise<NewEvent[]> {
  const key = newDataKey();
  return events.map((event) => ({ ...event, data: sealPersonalData(event, caseId, key) as NewEvent['data'] }));
}

/** Events/s of a full rebuild of every read model from zero, over the store's whole log. */
async function rebuild(store: SqliteEventStore, file: string, events: number): Promise<{ rate: number; ms: number }> {
  const db = await openReadModelDatabase(file);
  try {
    const runner = createProjectionRunner(store, db);
    const started = Date.now();
    await runner.start();
    await runner.waitFor((await store.headPosition())!, 3600_000);
    const ms = Date.now() - started;
    await runner.stop();
    return { rate: (events / ms) * 1000, ms };
  } finally {
    await db.destroy();
  }
}

/** The same cases appended case after case (a case's events together in the log): the order that favours a rebuild most. */
async function rebuildByCase(cases: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'zicht-bench-by-case-'));
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
  try {
    const seeded = await seedStore(store, { cases, seed: 42, end: new Date('2026-11-01T00:00:00Z') });
    const scanned = rawScan(join(dir, 'events.sqlite'));
    const { rate } = await rebuild(store, join(dir, 'read-models.sqlite'), seeded.events);
    return `  the same cases appended case by case (each case's events together in the log): a raw scan ${scanned.toFixed(0)} events/s, a full rebuild ${rate.toFixed(0)} events/s: ratio ${(rate / scanned).toFixed(2)}`;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What encryption costs a rebuild: the same invented cases, once sealed and once in clear, each rebuilt from zero. */
async function encryptionPerRebuild(cases: number): Promise<string> {
  const rates: Record<'sealed' | 'clear', number> = { sealed: 0, clear: 0 };
  for (const kind of ['sealed', 'clear'] as const) {
    const dir = mkdtempSync(join(tmpdir(), `zicht-bench-${kind}-`));
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
    try {
      const seeded = await seedStore(store, { cases, seed: 7, end: new Date('2026-11-01T00:00:00Z'), seal: kind === 'sealed' ? sealed : undefined });
      rates[kind] = (await rebuild(store, join(dir, 'read-models.sqlite'), seeded.events)).rate;
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return `  encryption per rebuild: ${cases} cases rebuilt from a sealed log ${rates.sealed.toFixed(0)} events/s, from the same cases in clear ${rates.clear.toFixed(0)} events/s: ratio ${(rates.sealed / rates.clear).toFixed(2)} (the envelopes are read and stored, never opened)`;
}

/** The read models over 100,000 cases: seeding, a full rebuild, accountability and the analyst tables. */
export async function readModelsBench(): Promise<string[]> {
  const lines: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'zicht-bench-analytics-'));
  try {
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
    // In clear, so that the server below answers without the keys (the throw-away keys of `sealed`
    // could not be revealed); what sealing changes in a rebuild is measured apart. As it happened:
    // the cases interleave as in a real log, so a batch of the log touches many cases and a case many batches.
    const seeded = await seedStore(store, { cases: CASES, seed: 42, end: new Date('2026-11-01T00:00:00Z'), order: 'as-it-happened' });
    lines.push(
      `Analyst tables over ${seeded.cases} invented cases (${seeded.events} events), the log as it happened (the cases' events interleaved in time order):`,
      `  seed (generateCase through the real decider, each event appended on its own, up to 2,000 per group commit, synchronous=NORMAL): ${((seeded.events / seeded.ms) * 1000).toFixed(0)} events/s`,
    );
    const scanned = rawScan(join(dataDir, 'events.sqlite'));
    lines.push(`  a raw scan of the same log (one SELECT in order, JSON.parse of data and metadata, nothing else): ${scanned.toFixed(0)} events/s`);
    const floor = await rebuildFloor(store);
    lines.push(
      `  the log read through the store as a build reads it (stream by stream, pages of 50,000): ${floor.read.toFixed(0)} events/s (${(floor.read / scanned).toFixed(2)} of the raw scan); with each event folded by the domain's evolve, in memory, nothing stored: ${floor.folded.toFixed(0)} events/s (${(floor.folded / scanned).toFixed(2)}): the most a rebuild could reach with free storage`,
    );
    const [one, all] = [await spreadFloor(join(dataDir, 'events.sqlite'), 1), await spreadFloor(join(dataDir, 'events.sqlite'), cpus().length)];
    lines.push(
      `  the same read and fold in worker threads, each with its share of the streams, each state dropped after its stream's last event: one worker ${one.toFixed(0)} events/s (${(one / scanned).toFixed(2)}), ${cpus().length} workers (one per core) ${all.toFixed(0)} events/s (${(all / scanned).toFixed(2)}): the most a build spread over every core could reach with free storage`,
    );
    const { rate: rebuilt, ms } = await rebuild(store, join(dataDir, 'read-models.sqlite'), seeded.events);
    await store.close();
    const db = await openReadModelDatabase(join(dataDir, 'read-models.sqlite'));
    const caseIds = (await db.selectFrom('case_read_model').select('case_id').limit(20_000).execute()).map((r) => r.case_id);
    await db.destroy();
    lines.push(
      `  a full rebuild: every read model (cases, access log, analytics) projected from zero, the log read stream by stream: ${rebuilt.toFixed(0)} events/s (${(ms / 1000).toFixed(1)} s): ratio to the raw scan ${(rebuilt / scanned).toFixed(2)} (target ≥ 0.5)`,
    );
    lines.push(await rebuildByCase(CASES));
    lines.push(await encryptionPerRebuild(Number(process.env.ENCRYPTION_BENCH_CASES ?? 20_000)));

    const { child, url } = await start(join(dist, 'apps/api/src/main.js'), { ZICHT_DATA_DIR: dataDir });
    try {
      const inspector = JSON.parse(readFileSync(join(dataDir, 'api-keys.json'), 'utf8')).principals.find((p: { role: string }) => p.role === 'inspector').key;
      let n = 0;
      const accountability = await autocannon({
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: { authorization: `Bearer ${inspector}` },
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/cases/${caseIds[n++ % caseIds.length]}/accountability` }) }],
      });
      lines.push(
        `  GET /cases/:id/accountability over ${caseIds.length} of those cases (each read also written to the access log), ${CONNECTIONS} connections: ${accountability.requests.average.toFixed(0)} req/s  p50 ${accountability.latency.p50} ms  p99 ${accountability.latency.p99} ms  non-2xx ${accountability.non2xx}`,
      );
      const key = JSON.parse(readFileSync(join(dataDir, 'api-keys.json'), 'utf8')).principals.find((p: { role: string }) => p.role === 'analyst').key;
      lines.push(`  GET /analytics/<table>, ${CONNECTIONS} connections, ${SECONDS} s each, rotating by=region|beroepsgroep|half-year|month, all time and 2026-H1:`);
      for (const table of TABLES) {
        let i = 0;
        const result = await autocannon({
          url,
          connections: CONNECTIONS,
          duration: SECONDS,
          headers: { authorization: `Bearer ${key}` },
          requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/analytics/${table}?${QUERIES[i++ % QUERIES.length]}` }) }],
        });
        lines.push(
          `    ${table.padEnd(20)} ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  max ${result.latency.max} ms  non-2xx ${result.non2xx}`,
        );
      }
    } finally {
      await stop(child);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
}
