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
  /** Appends in the same turn of the event loop (one group commit on SQLite): cases by case (default 500), events as it happened (default 2,000). */
  chunk?: number;
  onProgress?: (done: number) => void;
  /**
   * `by-case` (default): each case's events appended at once, case after case. `as-it-happened`: every
   * event appended on its own, in the order the events happened, so that the cases interleave as in a
   * real log (a batch of the log touches many cases, and a case many batches). The cases are the same.
   */
  order?: 'by-case' | 'as-it-happened';
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
 * By case, a chunk of cases is appended at once with Promise.all, so the SQLite adapter
 * group-commits the whole chunk in one transaction.
 */
export async function seedStore(store: EventStore, options: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  let events = 0;
  if (options.order === 'as-it-happened') {
    const timeline: TimedEvent[] = [];
    for await (const chunk of generatedCases(options)) for (const c of chunk) timeline.push(...timed(c.streamId, c.events));
    // Progress in cases, as by case: the share of the events appended.
    events = await appendAsItHappened(store, timeline, options.chunk ?? 2_000, (done) => options.onProgress?.(Math.floor((options.cases * done) / timeline.length)));
  } else {
    for await (const chunk of generatedCases(options)) {
      await Promise.all(chunk.map((c) => store.appendToStream(c.streamId, c.events, { expectedRevision: 'no-stream' })));
      for (const c of chunk) events += c.events.length;
    }
  }
  return { cases: options.cases, events, ms: Date.now() - started };
}

/** The cases in chunks, sealed when asked. */
async function* generatedCases(options: SeedOptions): AsyncGenerator<Array<{ streamId: string; events: NewEvent[] }>> {
  const versions = Object.fromEntries(afwegingskaders.map((k) => [k.id, k.version]));
  const chunk = options.chunk ?? 500;
  const first = options.first ?? 0;
  const end = first + options.cases;
  for (let from = first; from < end; from += chunk) {
    const batch = [];
    for (let i = from; i < Math.min(from + chunk, end); i++) {
      batch.push(generateCase(i, { seed: options.seed, versions, end: options.end, spanDays: options.spanDays }));
    }
    yield options.seal ? await Promise.all(batch.map(async (c) => ({ ...c, events: await options.seal!(c.caseId, c.events) }))) : batch;
    if (options.order !== 'as-it-happened') options.onProgress?.(Math.min(from + chunk, end) - first);
  }
}

interface TimedEvent {
  streamId: string;
  revision: number;
  /** When it happened, never before the stream's earlier events. */
  at: string;
  event: NewEvent;
}

function timed(streamId: string, events: NewEvent[]): TimedEvent[] {
  let at = '';
  return events.map((event, revision) => {
    if (event.metadata.occurredAt > at) at = event.metadata.occurredAt;
    return { streamId, revision, at, event };
  });
}

/**
 * Every event on its own, in time order: a run of events of as many streams (at most one event of each
 * and `chunk` in all) is appended at once, in order (one group commit on SQLite), then the next run.
 */
async function appendAsItHappened(store: EventStore, timeline: TimedEvent[], chunk: number, onAppended: (events: number) => void): Promise<number> {
  timeline.sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.streamId !== b.streamId ? (a.streamId < b.streamId ? -1 : 1) : a.revision - b.revision));
  const append = (run: TimedEvent[]) =>
    Promise.all(run.map((e) => store.appendToStream(e.streamId, [e.event], { expectedRevision: e.revision === 0 ? 'no-stream' : e.revision - 1 })));
  let run: TimedEvent[] = [];
  let appended = 0;
  const streams = new Set<string>();
  for (const e of timeline) {
    if (run.length === chunk || streams.has(e.streamId)) {
      await append(run);
      onAppended((appended += run.length));
      run = [];
      streams.clear();
    }
    run.push(e);
    streams.add(e.streamId);
  }
  await append(run);
  onAppended(timeline.length);
  return timeline.length;
}
