/* eslint-disable no-console */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { dist, start, stop } from './processes';
import { CaseCommand, CaseState, Principal, caseStreamId, decide } from '@zicht/case-domain';
import { readModelsBench } from './read-models-bench';
import { postgresBench } from './postgres-bench';
import { CommandHandler, NewEvent, SqliteEventStore } from '@zicht/event-store';
import { caseFolder } from '../../apps/api/src/cases/case-stream';
import { formatPrivacyBench, privacyBench } from '@zicht/privacy';

// npm run bench: the figures the issues ask for, measured in one run on this machine.
//   BENCH_SECONDS (default 10): duration of each HTTP load.  BENCH_CONNECTIONS (default 32).
//   ZICHT_BENCH_DATABASE_URL: the same ratios on PostgreSQL too.  BENCH_ONLY=postgres: only those.
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
interface Load {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function load(url: string, paths: string[], headers: Record<string, string>, body: unknown): Promise<Load> {
  let i = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}

async function post(url: string, key: string, path: string, body: unknown): Promise<any> {
  const res = await fetch(url + path, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const signal = { category: 'neglect', source: 'own-observation', description: 'Verzonnen benchmarksignaal.', observedAt: '2026-11-01' };

async function httpSignals(synchronous: 'FULL' | 'NORMAL', env: Record<string, string> = {}): Promise<Load> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zicht-bench-'));
  const { child, url } = await start(join(dist, 'apps/api/src/main.js'), { ZICHT_DATA_DIR: dataDir, ZICHT_SQLITE_SYNCHRONOUS: synchronous, ...env });
  try {
    const keys = JSON.parse(readFileSync(join(dataDir, 'api-keys.json'), 'utf8')).principals;
    const key = keys.find((p: { role: string }) => p.role === 'professional').key;
    const cases: string[] = [];
    for (let i = 0; i < 100; i++) cases.push((await post(url, key, '/cases', { subject: { childRef: `bench-${i}` }, region: 'VR13' })).caseId);
    return await load(url, cases.map((c) => `/cases/${c}/signals`), { authorization: `Bearer ${key}` }, signal);
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** An OTLP receiver on loopback that takes every export and drops it. */
async function otlpSink(): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** The baselines of the same platform: validation only (`bare`), or validation and one durable append (`append`). */
async function baseline(kind: 'bare' | 'append', env: Record<string, string> = {}): Promise<Load> {
  const dir = mkdtempSync(join(tmpdir(), 'zicht-bench-append-'));
  const { child, url } = await start(join(dist, 'test/bench/bare-server.js'), kind === 'append' && !env.BENCH_APPEND_DATABASE_URL ? { BENCH_APPEND_FILE: join(dir, 'events.sqlite') } : env);
  try {
    return await load(url, Array.from({ length: 100 }, (_, i) => `/${kind}/${i}/signals`), {}, signal);
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Milliseconds of one sequential POST of a signal. */
async function timedSignal(url: string, key: string, caseId: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  await post(url, key, `/cases/${caseId}/signals`, signal);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * A signal over HTTP on a case of 1,000 events beside one on a case of 10 (the server as shipped,
 * synchronous=FULL), one request at a time, interleaved so that both see the same machine.
 */
async function caseLength(): Promise<{ shortP50: number; longP50: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zicht-bench-length-'));
  const { child, url } = await start(join(dist, 'apps/api/src/main.js'), { ZICHT_DATA_DIR: dataDir });
  try {
    const key = JSON.parse(readFileSync(join(dataDir, 'api-keys.json'), 'utf8')).principals.find((p: { role: string }) => p.role === 'professional').key;
    const open = async (i: number) => (await post(url, key, '/cases', { subject: { childRef: `bench-length-${i}` }, region: 'VR13' })).caseId as string;
    const long = await open(0);
    for (let i = 1; i < 1000; i++) await post(url, key, `/cases/${long}/signals`, signal);
    const short: string[] = [];
    for (let i = 0; i < 200; i++) {
      const id = await open(i + 1);
      for (let j = 1; j < 9; j++) await post(url, key, `/cases/${id}/signals`, signal);
      short.push(id);
    }
    const shortMs: number[] = [];
    const longMs: number[] = [];
    for (const id of short) {
      shortMs.push(await timedSignal(url, key, id)); // the 10th event of its case
      longMs.push(await timedSignal(url, key, long)); // the 1,001st event and on
    }
    shortMs.sort((a, b) => a - b);
    longMs.sort((a, b) => a - b);
    return { shortP50: percentile(shortMs, 50), longP50: percentile(longMs, 50) };
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function newEvent(i: number): NewEvent {
  return {
    type: 'signal',
    data: { ...signal, description: `Signaal ${i}` },
    metadata: { eventId: randomUUID(), actor: { id: 'bench', role: 'professional', organisation: 'bench-org' }, occurredAt: new Date().toISOString(), correlationId: 'bench', causationId: 'bench', schemaVersion: 1 },
  };
}

async function rawAppends(synchronous: 'FULL' | 'NORMAL', perTransaction: number, total: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'zicht-bench-raw-'));
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous });
  try {
    const started = process.hrtime.bigint();
    let revision: number | 'no-stream' = 'no-stream';
    const stream = `case-${randomUUID()}`;
    for (let i = 0; i < total; i += perTransaction) {
      const result = await store.appendToStream(stream, Array.from({ length: perTransaction }, (_, j) => newEvent(i + j)), { expectedRevision: revision });
      revision = result.nextExpectedRevision;
    }
    return total / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const benchPrincipal: Principal = { id: 'bench', name: 'Bench', role: 'professional', organisation: 'bench-org', beroepsgroep: 'onderwijs', qualifications: ['child-interviewer'] };

/** The events a command produces through the real decider, as the API would append them. */
function decided(command: CaseCommand, state: CaseState, caseId: string): NewEvent[] {
  const now = new Date().toISOString();
  return decide(command, state, { caseId, actor: benchPrincipal, occurredAt: now, now }).map((e) => ({
    type: e.type,
    data: e.data as unknown as NewEvent['data'],
    metadata: { eventId: randomUUID(), actor: { id: 'bench', role: 'professional', organisation: 'bench-org' }, occurredAt: now, correlationId: 'bench', causationId: 'bench', schemaVersion: 1 },
  }));
}

/** A command at the end of a 1,000-event case: warm (cached state) and cold (a fresh process folds it all). */
async function longCase(): Promise<{ warmP50: number; warmP99: number; coldP50: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'zicht-bench-long-'));
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  try {
    const caseId = randomUUID();
    const stream = caseStreamId(caseId);
    const handler = new CommandHandler<CaseState>(store, caseFolder);
    const signalCommand: CaseCommand = { type: 'record-signal', data: { ...signal, category: 'neglect', source: 'own-observation' } };
    await handler.handle(stream, (state) => decided({ type: 'open-case', data: { subject: { childRef: 'bench-long' }, region: 'VR13' } }, state, caseId));
    for (let i = 1; i < 1000; i++) await handler.handle(stream, (state) => decided(signalCommand, state, caseId));
    const warm: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = process.hrtime.bigint();
      await handler.handle(stream, (state) => decided(signalCommand, state, caseId));
      warm.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const cold: number[] = [];
    for (let i = 0; i < 30; i++) {
      const fresh = new CommandHandler<CaseState>(store, caseFolder);
      const t0 = process.hrtime.bigint();
      await fresh.handle(stream, (state) => decided(signalCommand, state, caseId));
      cold.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    warm.sort((a, b) => a - b);
    cold.sort((a, b) => a - b);
    return { warmP50: percentile(warm, 50), warmP99: percentile(warm, 99), coldP50: percentile(cold, 50) };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every figure on the embedded store (skipped with BENCH_ONLY=postgres). */
async function sqliteBench(): Promise<void> {
  console.log('Raw appends of the SQLite adapter (events/s):');
  for (const sync of ['FULL', 'NORMAL'] as const) {
    const one = await rawAppends(sync, 1, 5000);
    const hundred = await rawAppends(sync, 100, 50_000);
    console.log(`  synchronous=${sync.padEnd(6)} 1 event/transaction: ${one.toFixed(0).padStart(7)}   100 events/transaction: ${hundred.toFixed(0).padStart(7)}`);
  }

  console.log('');
  const privacy = await privacyBench();
  for (const line of formatPrivacyBench(privacy)) console.log(line);

  const long = await longCase();
  console.log(`\nA command at the end of a 1,000+ event case (the command handler alone): warm p50 ${long.warmP50.toFixed(2)} ms, p99 ${long.warmP99.toFixed(2)} ms; cold (full fold) p50 ${long.coldP50.toFixed(2)} ms`);
  const length = await caseLength();
  console.log(
    `A signal over HTTP, one at a time: on a 1,000-event case p50 ${length.longP50.toFixed(2)} ms, on a 10-event case p50 ${length.shortP50.toFixed(2)} ms: ratio ${(length.longP50 / length.shortP50).toFixed(2)} (target ≤ 2)`,
  );

  console.log('');
  for (const line of await readModelsBench()) console.log(line);

  console.log(`\nPOST /cases/:id/signals over HTTP on 100 cases, against a bare endpoint of the same platform:`);
  const base = await baseline('bare');
  console.log(`  bare NestJS/Fastify + validation: ${base.rps.toFixed(0).padStart(6)} req/s  p50 ${base.p50} ms  p99 ${base.p99} ms`);
  const append = await baseline('append');
  console.log(`  the same + one durable append (synchronous=FULL), nothing else: ${append.rps.toFixed(0).padStart(6)} req/s  p50 ${append.p50} ms  p99 ${append.p99} ms  ratio to bare ${(append.rps / base.rps).toFixed(2)}`);
  const untraced: Partial<Record<'FULL' | 'NORMAL', Load>> = {};
  for (const sync of ['FULL', 'NORMAL'] as const) {
    const z = (untraced[sync] = await httpSignals(sync));
    console.log(
      `  zicht, sqlite synchronous=${sync.padEnd(6)}: ${z.rps.toFixed(0).padStart(6)} req/s  p50 ${z.p50} ms  p99 ${z.p99} ms  non-2xx ${z.non2xx}  ratio to bare ${(z.rps / base.rps).toFixed(2)}, to the single durable append ${(z.rps / append.rps).toFixed(2)}${sync === 'FULL' ? ' (target ≥ 0.6)' : ''}`,
    );
  }
  const perSignal = 1e6 / untraced.FULL!.rps;
  console.log(
    `  encryption per command: sealing a signal's personal fields takes ${privacy.sealMicros.toFixed(1)} µs, ${((privacy.sealMicros / perSignal) * 100).toFixed(1)}% of the ${perSignal.toFixed(0)} µs per signal at that throughput; a rebuild decrypts nothing (the read models keep envelopes)`,
  );
  const sink = await otlpSink();
  try {
    const traced = await httpSignals('NORMAL', { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url });
    console.log(
      `  zicht, synchronous=NORMAL, traced (every span exported to a local OTLP receiver): ${traced.rps.toFixed(0).padStart(6)} req/s  p50 ${traced.p50} ms  p99 ${traced.p99} ms  non-2xx ${traced.non2xx}  ratio to untraced ${(traced.rps / untraced.NORMAL!.rps).toFixed(2)}`,
    );
  } finally {
    sink.close();
  }
}

/** Prints every figure, each beside its baseline. */
async function main(): Promise<void> {
  console.log(`zicht benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${SECONDS}s per load, ${CONNECTIONS} connections\n`);

  if (process.env.BENCH_ONLY !== 'postgres') await sqliteBench();

  const pg = process.env.ZICHT_BENCH_DATABASE_URL;
  if (pg) {
    const lines = await postgresBench(pg, { signals: (script, env) => (script === 'append' ? baseline('append', env) : httpSignals('FULL', env)) });
    for (const line of lines) console.log(line);
  } else {
    console.log('\nOn PostgreSQL: skipped (set ZICHT_BENCH_DATABASE_URL=postgres://... to a server where a database may be created and dropped).');
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
