import { EventEmitter } from 'node:events';
import {
  applyReadStreamOptions,
  assertExpectedRevision,
  DEFAULT_READ_ALL_LIMIT,
  DEFAULT_SUBSCRIPTION_BATCH,
  expectedMatches,
  logStreamMatcher,
  RunningSubscription,
  startPollingSubscription,
} from '../adapter-support';
import { sealEvents } from '../hash-chain';
import {
  AppendOptions,
  AppendResult,
  EventStore,
  GlobalLogOptions,
  NewEvent,
  ReadAllOptions,
  ReadByStreamOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from '../port';

export interface InMemoryEventStoreOptions extends GlobalLogOptions {
  clock?: () => Date;
  /**
   * At-least-once delivery on purpose: subscribeToAll now and then delivers a batch again, or goes
   * back to an earlier batch and delivers from there, so that a projection that is not idempotent
   * fails its tests. Deterministic for a seed (`true` = seed 1). The first batch is always repeated.
   */
  redeliver?: boolean | { seed: number };
}

/**
 * The EventStore in memory, for tests. Positions are 1, 2, 3... Events are copied in and out, so a
 * caller cannot change stored history by mutating what it got; `tamper()` does that on purpose.
 */
export class InMemoryEventStore implements EventStore {
  readonly kind = 'in-memory';
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly subscriptions = new Set<RunningSubscription>();
  private readonly clock: () => Date;
  private readonly seed: number | null;
  private readonly inLog: (streamId: string) => boolean;
  private closed = false;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
    this.inLog = logStreamMatcher(options.logStreamPrefixes);
    const redeliver = options.redeliver ?? false;
    this.seed = redeliver === false ? null : redeliver === true ? 1 : redeliver.seed;
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    assertExpectedRevision(options.expectedRevision);
    if (events.length === 0) throw new RangeError('appendToStream needs at least one event');
    const stream = this.streams.get(streamId) ?? [];
    const last = stream.length > 0 ? stream[stream.length - 1] : null;
    const actual = last ? last.revision : null;
    if (!expectedMatches(options.expectedRevision, actual)) {
      throw new WrongExpectedRevisionError(streamId, options.expectedRevision, actual);
    }
    const sealed = sealEvents(streamId, last && { revision: last.revision, hash: last.metadata.hash }, events, this.clock().toISOString());
    const stored: StoredEvent[] = [];
    for (const event of sealed) {
      const withPosition = { ...event, position: BigInt(this.log.length + 1) };
      this.log.push(withPosition);
      stored.push(withPosition);
    }
    this.streams.set(streamId, [...stream, ...stored]);
    this.appended.emit('append');
    const lastStored = stored[stored.length - 1];
    return { nextExpectedRevision: lastStored.revision, position: lastStored.position, events: copy(stored) };
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    this.assertOpen();
    return copy(applyReadStreamOptions(this.streams.get(streamId) ?? [], options));
  }

  async streamRevision(streamId: string): Promise<number | null> {
    this.assertOpen();
    const stream = this.streams.get(streamId);
    return stream && stream.length > 0 ? stream[stream.length - 1].revision : null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    return this.readLog(options.after ?? null, options.limit ?? DEFAULT_READ_ALL_LIMIT);
  }

  async readLogByStream(options: ReadByStreamOptions): Promise<StoredEvent[]> {
    this.assertOpen();
    const after = options.after ?? null;
    const ids = [...this.streams.keys()].filter((id) => this.inLog(id) && (after === null || id >= after.streamId)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const out: StoredEvent[] = [];
    const limit = options.limit ?? DEFAULT_READ_ALL_LIMIT;
    for (const id of ids) {
      for (const event of this.streams.get(id)!) {
        if (out.length >= limit) return copy(out);
        if (event.position > options.upTo || (after !== null && id === after.streamId && event.revision <= after.revision)) continue;
        out.push(event);
      }
    }
    return copy(out);
  }

  async headPosition(): Promise<bigint | null> {
    this.assertOpen();
    for (let i = this.log.length - 1; i >= 0; i--) {
      if (this.inLog(this.log[i].streamId)) return this.log[i].position;
    }
    return null;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.assertOpen();
    const subscription = startPollingSubscription({
      after: options.after,
      batchSize: options.batchSize ?? DEFAULT_SUBSCRIPTION_BATCH,
      handler: options.handler,
      read: (after, limit) => this.readLog(after, limit),
      onAppend: (listener) => {
        this.appended.on('append', listener);
        return () => this.appended.off('append', listener);
      },
      pollMs: null,
      next: this.seed === null ? undefined : redeliveryPlan(this.seed),
    });
    this.subscriptions.add(subscription);
    void subscription.done.then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async ready(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
  }

  /**
   * For tests of the integrity proof: changes a stored event in place (as someone with write access
   * to the database could), without fixing the hash chain.
   */
  tamper(streamId: string, revision: number, mutate: (event: StoredEvent) => void): void {
    const event = this.streams.get(streamId)?.find((e) => e.revision === revision);
    if (!event) throw new Error(`no event ${revision} in ${streamId}`);
    mutate(event);
  }

  private readLog(after: bigint | null, limit: number): StoredEvent[] {
    const start = after === null ? 0 : Number(after); // position n is at index n - 1
    const batch: StoredEvent[] = [];
    for (let i = Math.max(0, start); i < this.log.length && batch.length < limit; i++) {
      if (this.inLog(this.log[i].streamId)) batch.push(this.log[i]);
    }
    return copy(batch);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the in-memory event store is closed');
  }
}

function copy(events: StoredEvent[]): StoredEvent[] {
  return structuredClone(events);
}

/**
 * Where to continue after each delivered batch in redelivery mode: usually after it; sometimes the
 * same batch again, sometimes from the start of an earlier batch. Never two redeliveries in a row,
 * so the subscription always moves on.
 */
function redeliveryPlan(seed: number): (batch: StoredEvent[], after: bigint | null) => bigint | null {
  const random = mulberry32(seed);
  const starts: Array<bigint | null> = []; // the `after` of recently delivered batches
  let redeliveredLast = false;
  return (batch, after) => {
    starts.push(after);
    if (starts.length > 8) starts.shift();
    const onward = batch[batch.length - 1].position;
    if (redeliveredLast) {
      redeliveredLast = false;
      return onward;
    }
    const roll = starts.length === 1 ? 0 : random();
    if (roll < 0.25) {
      redeliveredLast = true;
      return after; // the same batch again
    }
    if (roll < 0.4) {
      redeliveredLast = true;
      return starts[Math.floor(random() * starts.length)]; // back to an earlier batch
    }
    return onward;
  };
}

/** A small seeded PRNG (mulberry32), uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
