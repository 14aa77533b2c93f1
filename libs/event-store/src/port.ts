/**
 * The EventStore port. Every adapter (sqlite, eventstoredb, in-memory) implements it and passes the
 * one contract suite in `event-store.contract.ts`.
 *
 * Revisions are 0-based stream positions (as in EventStoreDB): the first event of a stream has
 * revision 0. Global positions are adapter-defined, strictly increasing in log order, and only ever
 * compared with each other (never interpreted).
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who did it. Stored in metadata, never in event data. */
export interface EventActor {
  id: string;
  role: string;
  organisation: string;
  region?: string;
}

/** Metadata that the caller supplies when appending. */
export interface NewEventMetadata {
  eventId: string;
  actor: EventActor;
  /** When it happened (ISO instant); may be in the past, never in the future. */
  occurredAt: string;
  correlationId: string;
  causationId: string;
  idempotencyKey?: string;
  /** SHA-256 of the request that produced the event, to tell a repeat from a reused key. */
  requestHash?: string;
  schemaVersion: number;
}

/** Metadata as stored: the adapter adds the server time and the hash chain (see hash-chain.ts). */
export interface EventMetadata extends NewEventMetadata {
  /** Server time at append (ISO instant), from the injected clock. */
  recordedAt: string;
  /** Hash of the previous event of the same stream; GENESIS_HASH for revision 0. */
  prevHash: string;
  /** SHA-256 over prevHash and this event's canonical content. */
  hash: string;
}

export interface NewEvent {
  type: string;
  data: JsonObject;
  metadata: NewEventMetadata;
}

export interface StoredEvent {
  streamId: string;
  revision: number;
  /** Position in the global log; strictly increasing in log order. */
  position: bigint;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
}

/** 'no-stream': the stream must not exist yet. A number: the revision of the stream's last event. */
export type ExpectedRevision = 'no-stream' | number;

export interface AppendOptions {
  /** Required: there is no "any". */
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last appended event. */
  nextExpectedRevision: number;
  /** Global position of the last appended event. */
  position: bigint;
  events: StoredEvent[];
}

export interface ReadStreamOptions {
  /** Inclusive; default 0. */
  fromRevision?: number;
  /** Inclusive; default: the last event. */
  toRevision?: number;
  /**
   * Time travel: the stream as it stood at this ISO instant, i.e. its events (from fromRevision on)
   * up to, not including, the first one recorded after it. recordedAt comes from the store's clock
   * and normally only grows along a stream; where it does not, the answer still has no gaps.
   */
  toRecordedAt?: string;
  /** At most this many events. */
  limit?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. Omit (or null) to start at the beginning of the log. */
  after?: bigint | null;
  /** Batch size; default 1000. */
  limit?: number;
}

export interface ReadByStreamOptions {
  /** Inclusive: only the log's events at or before this position (a head read earlier). */
  upTo: bigint;
  /** Exclusive: events after this one, in stream order. Omit (or null) to start at the first stream. */
  after?: { streamId: string; revision: number } | null;
  /** Batch size; default 1000. */
  limit?: number;
}

export interface Subscription {
  /** Stops delivery; resolves once no handler call is running any more. */
  stop(): Promise<void>;
  /** Resolves when the subscription dies of an error (e.g. the handler threw); never resolves otherwise. */
  readonly failed: Promise<Error>;
}

export interface SubscribeOptions {
  /** Exclusive start position; null = from the beginning of the log. */
  after: bigint | null;
  /** Called with consecutive batches in log order. The next batch waits until it resolves. */
  handler: (batch: StoredEvent[]) => Promise<void>;
  /** Max events per batch; default 500. */
  batchSize?: number;
}

/**
 * Options every adapter takes. The store knows no application: which streams exist and which of
 * them the global log carries is the application's choice.
 */
export interface GlobalLogOptions {
  /**
   * The global log (readAll, headPosition, subscribeToAll) carries the streams whose id starts with
   * one of these prefixes; the others are stored, read and verified per stream only. Default: every
   * stream.
   */
  logStreamPrefixes?: readonly string[];
}

export interface EventStore {
  /** Name of the adapter, for /health and logs: 'sqlite' | 'postgres' | 'eventstoredb' | 'in-memory'. */
  readonly kind: string;

  /**
   * Appends atomically (all or nothing). Throws WrongExpectedRevisionError when the stream's
   * actual revision differs from the expected one. The adapter sets recordedAt and the hash
   * chain through `sealEvents()` of hash-chain.ts.
   */
  appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;

  /** The stream's events in revision order; [] when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;

  /** Revision of the stream's last event, or null when it does not exist. */
  streamRevision(streamId: string): Promise<number | null>;

  /** One batch of the global log (the streams it carries, see GlobalLogOptions), in log order. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;

  /**
   * The global log up to a position, stream by stream: ordered by stream id (in the store's collation),
   * each stream's events in revision order. The same events as `readAll` up to `upTo`, each stream's
   * together, so that a rebuild writes each stream's rows once however the log interleaves them.
   * `upTo` must be a `headPosition()`: no event at or before it may still be committed later.
   * Optional: an adapter without it (EventStoreDB has no such index) is rebuilt in log order.
   */
  readLogByStream?(options: ReadByStreamOptions): Promise<StoredEvent[]>;

  /** Position of the last event of the global log, or null when the log is empty. */
  headPosition(): Promise<bigint | null>;

  /**
   * How far `to` lies after `from` (null: the start) in the global log, in what the store's
   * positions count (events; EventStoreDB: log bytes). Optional: without it, `to - from`. Needed
   * where a position is no count (PostgreSQL packs a transaction id into it).
   */
  distance?(from: bigint | null, to: bigint): bigint;

  /** Follows the global log from a position: catches up, then delivers new events as they come. */
  subscribeToAll(options: SubscribeOptions): Subscription;

  /** Resolves when the store can serve reads and writes; rejects with the reason otherwise. */
  ready(): Promise<void>;

  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual revision, or null when it does not exist. */
    readonly actual: number | null,
  ) {
    super(`wrong expected revision for ${streamId}: expected ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class EventStoreUnavailableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'EventStoreUnavailableError';
  }
}
