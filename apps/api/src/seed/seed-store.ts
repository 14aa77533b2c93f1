import { afwegingskaders } from '@zicht/case-domain';
import { EventStore, NewEvent } from '@zicht/event-store';
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
  /** Seals each case's personal fields before it is appended (the platform's key store); none: stored as generated. */
  seal?: (caseId: string, events: NewEvent[]) => Promise<NewEvent[]>;
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
    const sealed = options.seal ? await Promise.all(batch.map(async (c) => ({ ...c, events: await options.seal!(c.caseId, c.events) }))) : batch;
    await Promise.all(sealed.map((c) => store.appendToStream(c.streamId, c.events, { expectedRevision: 'no-stream' })));
    for (const c of batch) events += c.events.length;
    options.onProgress?.(Math.min(from + chunk, end) - first);
  }
  return { cases: options.cases, events, ms: Date.now() - started };
}
