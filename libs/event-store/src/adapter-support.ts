import { EventMetadata, ExpectedRevision, JsonObject, ReadStreamOptions, StoredEvent, Subscription } from './port';

/** Shared by the adapters (not exported from the lib). */

export const DEFAULT_READ_ALL_LIMIT = 1000;
export const DEFAULT_SUBSCRIPTION_BATCH = 500;

/** An ISO instant in the one fixed format Date#toISOString gives, so that strings compare as times. */
export function normaliseInstant(value: string, what = 'toRecordedAt'): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new RangeError(`${what} is not an ISO instant: ${value}`);
  return new Date(time).toISOString();
}

export function expectedMatches(expected: ExpectedRevision, actual: number | null): boolean {
  return expected === 'no-stream' ? actual === null : actual === expected;
}

export function assertExpectedRevision(expected: ExpectedRevision): void {
  if (expected !== 'no-stream' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new RangeError(`expectedRevision must be 'no-stream' or a revision (integer >= 0), not ${String(expected)}`);
  }
}

/**
 * The log's stream prefixes, checked: a non-empty list of non-empty strings, or undefined (every
 * stream). A copy, so a caller cannot change the store's log afterwards.
 */
export function checkLogStreamPrefixes(prefixes: readonly string[] | undefined): readonly string[] | undefined {
  if (prefixes === undefined) return undefined;
  if (!Array.isArray(prefixes) || prefixes.length === 0 || prefixes.some((p) => typeof p !== 'string' || p === '')) {
    throw new RangeError('logStreamPrefixes must be a non-empty list of non-empty strings (or left out: every stream)');
  }
  return Object.freeze([...prefixes]);
}

/** Whether the global log carries a stream; every stream when no prefixes are given. */
export function logStreamMatcher(prefixes: readonly string[] | undefined): (streamId: string) => boolean {
  const checked = checkLogStreamPrefixes(prefixes);
  return checked === undefined ? () => true : (streamId) => checked.some((prefix) => streamId.startsWith(prefix));
}

/**
 * Time travel (`toRecordedAt`): the events in revision order up to, not including, the first one
 * recorded after `until`. recordedAt normally only grows along a stream; where it does not (a clock
 * set back, a changed record) the answer is still a gap-free run of revisions, never a history
 * with holes. A recordedAt that is missing or not a string counts as after.
 */
export function cutAtRecordedAt(events: StoredEvent[], until: string | undefined): StoredEvent[] {
  if (until === undefined) return events;
  const cut = events.findIndex((e) => !(typeof e.metadata?.recordedAt === 'string' && e.metadata.recordedAt <= until));
  return cut === -1 ? events : events.slice(0, cut);
}

/** Applies ReadStreamOptions to a stream's events already in revision order. */
export function applyReadStreamOptions(events: StoredEvent[], options: ReadStreamOptions = {}): StoredEvent[] {
  const from = options.fromRevision ?? 0;
  const to = options.toRevision ?? Number.MAX_SAFE_INTEGER;
  const until = options.toRecordedAt === undefined ? undefined : normaliseInstant(options.toRecordedAt);
  const selected = cutAtRecordedAt(events.filter((e) => e.revision >= from && e.revision <= to), until);
  return options.limit === undefined ? selected : selected.slice(0, Math.max(0, options.limit));
}

/** An event as SQL adapters store it: every column, data and metadata as the JSON text that was hashed. */
export interface StoredEventRow {
  streamId: string;
  revision: number;
  position: bigint;
  type: string;
  data: string;
  metadata: string;
}

/**
 * A stored row as a StoredEvent, taking every stored column into the event the chain is checked
 * on. Never throws: JSON that no longer parses comes back as its raw text, which verifyChain
 * reports at this revision (a changed row must be named, not crash the reader).
 */
export function decodeStoredEvent(row: StoredEventRow): StoredEvent {
  return {
    streamId: row.streamId,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: parseStoredJson(row.data) as JsonObject,
    metadata: parseStoredJson(row.metadata) as EventMetadata,
  };
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseStoredJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The revision and hash of a stream's last event as stored, to seal the next events onto. */
export function headOf(event: StoredEvent): { revision: number; hash: string } {
  const hash = isJsonObject(event.metadata) ? event.metadata.hash : undefined;
  if (typeof hash !== 'string') {
    throw new Error(`the last event of ${event.streamId} (revision ${event.revision}) has no readable hash: the store was changed behind its back; run verify`);
  }
  return { revision: event.revision, hash };
}

export interface PollingSubscriptionOptions {
  after: bigint | null;
  batchSize: number;
  handler: (batch: StoredEvent[]) => Promise<void>;
  /** One batch of the log after `after`, in log order. */
  read(after: bigint | null, limit: number): Promise<StoredEvent[]> | StoredEvent[];
  /** Registers a listener fired after every append in this process; returns its removal. */
  onAppend(listener: () => void): () => void;
  /** Also look every `pollMs` while idle (appends by another process); null: only on onAppend. */
  pollMs: number | null;
  /**
   * Where to continue after a delivered batch. Default: after its last event. The in-memory store's
   * redelivery mode returns earlier positions here on purpose.
   */
  next?(batch: StoredEvent[], after: bigint | null): bigint | null;
}

export interface RunningSubscription extends Subscription {
  /** Resolves when the loop has ended (stopped or failed). */
  readonly done: Promise<void>;
}

/**
 * A catch-up-then-live subscription over a readable log: read a batch, hand it to the handler and
 * wait for it, repeat; when caught up, sleep until an append in this process or the next poll.
 * A failing read or handler ends it through `failed`. `stop()` resolves once no handler runs; do
 * not await it inside the handler itself.
 */
export function startPollingSubscription(options: PollingSubscriptionOptions): RunningSubscription {
  let stopped = false;
  let signalled = false;
  let wake: (() => void) | null = null;
  let reportFailure!: (error: Error) => void;
  const failed = new Promise<Error>((resolve) => (reportFailure = resolve));

  const removeListener = options.onAppend(() => {
    signalled = true;
    wake?.();
  });

  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = options.pollMs === null ? null : setTimeout(done, options.pollMs);
      function done() {
        if (timer) clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const loop = async () => {
    let after = options.after;
    while (!stopped) {
      signalled = false;
      const batch = await options.read(after, options.batchSize);
      if (stopped) break;
      if (batch.length > 0) {
        await options.handler(batch);
        after = options.next ? options.next(batch, after) : batch[batch.length - 1].position;
        // A synchronous store and handler resolve in microtasks only: without this yield a long
        // catch-up would starve the event loop (no HTTP request, no timer) until it ends.
        await new Promise<void>((resolve) => setImmediate(resolve));
      } else if (!signalled) {
        await sleep();
      }
    }
  };

  const done = loop()
    .catch((error: unknown) => {
      stopped = true;
      reportFailure(error instanceof Error ? error : new Error(String(error)));
    })
    .finally(removeListener);

  return {
    failed,
    done,
    async stop() {
      stopped = true;
      wake?.();
      await done;
    },
  };
}
