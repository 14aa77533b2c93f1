import { EventStore, ExpectedRevision, NewEvent, StoredEvent, WrongExpectedRevisionError } from './port';

/** How a stream's events fold into a state. */
export interface StreamFolder<S> {
  initialState: S;
  evolve(state: S, event: StoredEvent): S;
  /**
   * False for streams whose decisions need no state (an append-only journal such as the access
   * log): the handler then reads only the stream's revision, never its events, and keeps no
   * idempotency index for it.
   */
  readsEvents?: boolean;
  /**
   * Turns stored events into what `evolve` folds (e.g. decrypts them), before they are folded: the
   * ones read from the store and the ones just appended alike.
   */
  prepare?(streamId: string, events: StoredEvent[]): Promise<StoredEvent[]>;
}

/** `If-Match` named a revision the stream has moved past (HTTP 412). */
export class PreconditionFailedError extends Error {
  constructor(readonly streamId: string, readonly expected: ExpectedRevision | null, readonly currentRevision: number | null) {
    super(`the case is at revision ${String(currentRevision)}, not ${String(expected)}`);
    this.name = 'PreconditionFailedError';
  }
}

/** The same Idempotency-Key was sent before with a different request (HTTP 422). */
export class IdempotencyKeyReusedError extends Error {
  readonly rule = 'idempotency.key-reused';
  constructor() {
    super('This Idempotency-Key was already used for a different request. Send a new key for a new request, or repeat the original request exactly.');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** The stream changed under us more often than the retry budget allows (HTTP 503, safe to retry). */
export class ConcurrencyExhaustedError extends Error {
  constructor(readonly streamId: string, readonly attempts: number) {
    super(`gave up after ${attempts} concurrent-write conflicts`);
    this.name = 'ConcurrencyExhaustedError';
  }
}

export interface IdempotencyRequest {
  key: string;
  /** Keys are unique per scope (the organisation), not globally. */
  scope: string;
  /** Hash of the request, to tell a repeat from a reuse with another body. */
  requestHash: string;
}

export interface HandleOptions<S = unknown> {
  /**
   * Runs first on the current state, before idempotency and If-Match are looked at: a principal
   * who may not see the stream is refused here, so that neither a replayed answer nor a 412 with
   * the current revision tells them the stream exists.
   */
  guard?: (state: S, revision: number | null) => void;
  /**
   * From `If-Match`: the revision the client saw. A stale one fails at once, without retry. Null: a
   * precondition that can never hold (e.g. a weak ETag, which If-Match never matches).
   */
  expectedRevision?: ExpectedRevision | null;
  idempotency?: IdempotencyRequest;
}

export interface CommandOutcome {
  streamId: string;
  /** The stream's revision after the command (for a replay: after the original command). */
  revision: number;
  /** The recorded events (data included, e.g. for a computed conclusion). */
  events: OutcomeEvent[];
  /** Global position of the last event, for read-your-writes. */
  position: bigint | null;
  /** True when this answers a repeated Idempotency-Key from the stream instead of appending. */
  replayed: boolean;
}

export interface OutcomeEvent {
  eventId: string;
  type: string;
  data: StoredEvent['data'];
}

/** Decides on the folded state; `revision` is null for a stream that does not exist yet. */
export type Decision<S> = (state: S, revision: number | null) => NewEvent[];

interface IdempotencyRecord {
  requestHash: string | undefined;
  revision: number;
  position: bigint;
  events: OutcomeEvent[];
}

interface CachedStream<S> {
  state: S;
  revision: number | null;
  idempotency: Map<string, IdempotencyRecord>;
}

export interface CommandHandlerOptions {
  /** Streams whose folded state is kept in memory (least recently used are dropped). */
  cacheSize?: number;
  /** Attempts on a concurrent-write conflict when the client sent no If-Match. */
  maxAttempts?: number;
}

const idempotencySlot = (scope: string, key: string) => `${scope}\u0000${key}`;

/**
 * handleCommand: read the stream, fold it with `evolve`, decide, append with the expected revision.
 *
 * - Commands on one stream run one at a time in this process (a per-stream queue), so concurrent
 *   requests do not race each other; other processes are caught by the expected revision.
 * - Without If-Match, a conflict with another writer re-reads and re-decides, up to `maxAttempts`.
 *   With If-Match, a stale revision is a PreconditionFailedError at once.
 * - The folded state is cached per stream and brought up to date by reading only the events after
 *   the cached revision, so a command on a long stream costs one indexed read, not a full replay.
 * - Idempotency keys live in event metadata; the cache indexes them per stream.
 */
export class CommandHandler<S> {
  private readonly cache = new Map<string, CachedStream<S>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly cacheSize: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly store: EventStore,
    private readonly folder: StreamFolder<S>,
    options: CommandHandlerOptions = {},
  ) {
    this.cacheSize = options.cacheSize ?? 10_000;
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  handle(streamId: string, decide: Decision<S>, options: HandleOptions<S> = {}): Promise<CommandOutcome> {
    return this.serialised(streamId, () => this.run(streamId, decide, options));
  }

  /** The stream's current folded state and revision (null revision: no such stream). */
  async load(streamId: string): Promise<{ state: S; revision: number | null }> {
    const entry = await this.refresh(streamId);
    return { state: entry.state, revision: entry.revision };
  }

  /**
   * The cached state is trusted at first, without a read: this process's own appends keep it current
   * (commands on one stream run one at a time here), and an append names the revision it expects, so
   * one that another process got ahead of fails and is decided again on what the store holds. Every
   * other answer (a refusal, a 412, nothing to record) is given only on a state just read.
   */
  private async run(streamId: string, decide: Decision<S>, options: HandleOptions<S>): Promise<CommandOutcome> {
    let trusted = this.cache.has(streamId);
    for (let attempt = 1; ; attempt++) {
      const entry = trusted ? this.touch(streamId) : await this.refresh(streamId);
      let events: NewEvent[];
      try {
        const replay = this.precheck(streamId, entry, options);
        if (replay) return replay; // a recorded key is in the store for good, cached or read
        events = decide(entry.state, entry.revision);
      } catch (error) {
        if (!trusted) throw error;
        trusted = false;
        attempt--; // not a conflict: judge again on what the store holds
        continue;
      }
      if (events.length === 0) {
        if (trusted) {
          trusted = false;
          attempt--;
          continue;
        }
        return { streamId, revision: entry.revision ?? -1, events: [], position: null, replayed: false };
      }
      trusted = false;
      const expectedRevision: ExpectedRevision = entry.revision ?? 'no-stream';
      try {
        const result = await this.store.appendToStream(streamId, events, { expectedRevision });
        this.apply(streamId, entry, await this.prepared(streamId, result.events));
        return {
          streamId,
          revision: result.nextExpectedRevision,
          events: result.events.map((e) => ({ eventId: e.metadata.eventId, type: e.type, data: e.data })),
          position: result.position,
          replayed: false,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (options.expectedRevision !== undefined) {
          // The client's revision may still be the store's (only the cache was behind): judge it on a fresh read.
          const current = await this.refresh(streamId);
          if (!sameRevision(options.expectedRevision, current.revision)) throw new PreconditionFailedError(streamId, options.expectedRevision, current.revision);
        } else if (attempt >= this.maxAttempts) {
          throw new ConcurrencyExhaustedError(streamId, attempt);
        } else {
          await sleep(Math.random() * 5 * attempt);
        }
      }
    }
  }

  /** The guard, then a repeated idempotency key (its first answer), then If-Match. */
  private precheck(streamId: string, entry: CachedStream<S>, options: HandleOptions<S>): CommandOutcome | null {
    options.guard?.(entry.state, entry.revision);
    if (options.idempotency) {
      const previous = entry.idempotency.get(idempotencySlot(options.idempotency.scope, options.idempotency.key));
      if (previous) {
        if (previous.requestHash !== options.idempotency.requestHash) throw new IdempotencyKeyReusedError();
        return { streamId, revision: previous.revision, events: previous.events, position: previous.position, replayed: true };
      }
    }
    if (options.expectedRevision !== undefined && !sameRevision(options.expectedRevision, entry.revision)) {
      throw new PreconditionFailedError(streamId, options.expectedRevision, entry.revision);
    }
    return null;
  }

  /** The cached entry of a stream, now the most recently used. */
  private touch(streamId: string): CachedStream<S> {
    const entry = this.cache.get(streamId) as CachedStream<S>;
    this.cache.delete(streamId);
    this.cache.set(streamId, entry);
    return entry;
  }

  /** Drops what is cached of a stream (its folded state), e.g. after its data key was destroyed. */
  forget(streamId: string): void {
    this.cache.delete(streamId);
  }

  private prepared(streamId: string, events: StoredEvent[]): Promise<StoredEvent[]> | StoredEvent[] {
    return this.folder.prepare && events.length > 0 ? this.folder.prepare(streamId, events) : events;
  }

  /** Brings the cached state up to the stream's end, reading only what is new. */
  private async refresh(streamId: string): Promise<CachedStream<S>> {
    let entry = this.cache.get(streamId);
    if (entry) {
      this.cache.delete(streamId); // re-insert below: most recently used last
    } else {
      entry = { state: this.folder.initialState, revision: null, idempotency: new Map() };
    }
    if (this.folder.readsEvents === false) {
      entry.revision = await this.store.streamRevision(streamId);
      this.remember(streamId, entry);
      return entry;
    }
    const fromRevision = entry.revision === null ? 0 : entry.revision + 1;
    const events = await this.store.readStream(streamId, { fromRevision });
    this.apply(streamId, entry, await this.prepared(streamId, events));
    return entry;
  }

  private apply(streamId: string, entry: CachedStream<S>, events: StoredEvent[]): void {
    for (const event of events) {
      if (entry.revision !== null && event.revision <= entry.revision) continue;
      entry.state = this.folder.evolve(entry.state, event);
      entry.revision = event.revision;
      const { idempotencyKey, actor, requestHash, eventId } = event.metadata;
      if (idempotencyKey) {
        const slot = idempotencySlot(actor.organisation, idempotencyKey);
        const record = entry.idempotency.get(slot);
        if (record && record.requestHash === requestHash && record.revision === event.revision - 1) {
          record.revision = event.revision;
          record.position = event.position;
          record.events.push({ eventId, type: event.type, data: event.data });
        } else if (!record) {
          entry.idempotency.set(slot, { requestHash, revision: event.revision, position: event.position, events: [{ eventId, type: event.type, data: event.data }] });
        }
      }
    }
    this.remember(streamId, entry);
  }

  private remember(streamId: string, entry: CachedStream<S>): void {
    this.cache.set(streamId, entry);
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value as string;
      this.cache.delete(oldest);
    }
  }

  private serialised<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(streamId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.queues.set(streamId, tail);
    void tail.then(() => {
      if (this.queues.get(streamId) === tail) this.queues.delete(streamId);
    });
    return next;
  }
}

function sameRevision(expected: ExpectedRevision | null, actual: number | null): boolean {
  if (expected === null) return false;
  return expected === 'no-stream' ? actual === null : actual === expected;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
