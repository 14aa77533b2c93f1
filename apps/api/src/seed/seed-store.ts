/* eslint-disable no-console */
import { afwegingskaders } from '@zicht/case-domain';
import { EventStore, WrongExpectedRevisionError } from '@zicht/event-store';
import { systemClock } from '../clock';
import type { ZichtConfig } from '../config/config';
import { createProjectionRunner, openReadModels } from '../read-models/read-models';
import { openEventStore } from '../store/event-store.module';
import { generateCase } from './generate-cases';

export interface SeedOptions {
  cases: number;
  /** The index of the first case (default 0): seeding 0..99 then 100..149 gives the same cases as 0..149. */
  first?: number;
  /** The PRNG seed: the same seed (and end) gives the same cases. */
  seed: number;
  /** The latest instant anything happens (default: now). */
  end?: Date;
  /** Cases start within this many days before `end` (default 540). */
  spanDays?: number;
  /** Cases appended in the same turn of the event loop (one group commit on SQLite). */
  chunk?: number;
  onProgress?: (done: number) => void;
}

export interface SeedResult {
  cases: number;
  events: number;
  ms: number;
}

/**
 * Writes invented cases straight into the store, each through the real decider (generateCase).
 * A chunk of cases is appended at once with Promise.all, so the SQLite adapter group-commits the
 * whole chunk in one transaction.
 */
export async function seedStore(store: EventStore, options: SeedOptions): Promise<SeedResult> {
  const versions = Object.fromEntries(afwegingskaders.map((k) => [k.id, k.version]));
  const chunk = options.chunk ?? 500;
  const started = Date.now();
  let events = 0;
  const first = options.first ?? 0;
  const end = first + options.cases;
  for (let from = first; from < end; from += chunk) {
    const batch = [];
    for (let i = from; i < Math.min(from + chunk, end); i++) {
      batch.push(generateCase(i, { seed: options.seed, versions, end: options.end, spanDays: options.spanDays }));
    }
    await Promise.all(batch.map((c) => store.appendToStream(c.streamId, c.events, { expectedRevision: 'no-stream' })));
    for (const c of batch) events += c.events.length;
    options.onProgress?.(Math.min(from + chunk, end) - first);
  }
  return { cases: options.cases, events, ms: Date.now() - started };
}

/** `npm run seed -- --cases 100000 [--seed n] [--span-days 540]`: seed the configured store, then project it. */
export async function seedCommand(config: ZichtConfig, option: (name: string) => string | undefined): Promise<void> {
  const count = (name: string, fallback: number, max: number) => {
    const value = option(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw new Error(`${name} must be a whole number from 1 to ${max}`);
    return Number(value);
  };
  const cases = count('--cases', 1000, 10_000_000);
  const seed = count('--seed', 1 + Math.floor(Math.random() * 2 ** 30), 2 ** 31 - 1);
  const spanDays = count('--span-days', 540, 36_500);
  const store = openEventStore(config, systemClock);
  try {
    console.log(`seeding ${cases} invented cases (seed ${seed}) into the ${config.eventStore} store`);
    const result = await seedStore(store, { cases, seed, spanDays, end: systemClock.now(), onProgress: (done) => done % 10_000 === 0 && console.log(`  ${done} cases`) }).catch(
      (error: Error) => {
        throw error instanceof WrongExpectedRevisionError ? new Error(`cases of seed ${seed} are in the store already; give another --seed`) : error;
      },
    );
    const perSecond = (n: number) => Math.round((n / Math.max(result.ms, 1)) * 1000);
    console.log(`wrote ${result.cases} cases, ${result.events} events in ${result.ms} ms (${perSecond(result.cases)} cases/s, ${perSecond(result.events)} events/s)`);
    const db = await openReadModels(config);
    const runner = createProjectionRunner(store, db);
    try {
      const started = Date.now();
      await runner.start();
      const head = await store.headPosition();
      if (head !== null) await runner.waitFor(head, 24 * 3600_000);
      console.log(`read models up to date in ${Date.now() - started} ms`);
    } finally {
      await runner.stop();
      await db.destroy();
    }
  } finally {
    await store.close();
  }
}
