import {
  AllStreamResolvedEvent,
  BACKWARDS,
  CancelledError,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  JSONType,
  NO_STREAM,
  NotLeaderError,
  Position,
  ResolvedEvent,
  START,
  StreamNotFoundError,
  streamNameFilter,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { v5 as uuidv5, validate as isUuid } from 'uuid';
import {
  assertExpectedRevision,
  DEFAULT_READ_ALL_LIMIT,
  DEFAULT_SUBSCRIPTION_BATCH,
  checkLogStreamPrefixes,
  cutAtRecordedAt,
  expectedMatches,
  logStreamMatcher,
  normaliseInstant,
} from '../adapter-support';
import { sealEvents } from '../hash-chain';
import {
  AppendOptions,
  AppendResult,
  EventMetadata,
  EventStore,
  EventStoreUnavailableError,
  GlobalLogOptions,
  JsonObject,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from '../port';

/*
 * Positions. An event in $all has a Position {commit, prepare}; $all is ordered by commit, then
 * prepare. For events appended over gRPC (implicit transactions) the server reports commit ==
 * prepare == the event's own log position, but events written in one explicit transaction (the
 * legacy TCP API) share the commit position of the transaction's commit record and differ only in
 * prepare, and server versions before the fix of kurrent-io/KurrentDB#2522 reported the shared
 * transaction position as prepare. Neither half alone is a unique, ordered key in every case, so
 * the port's bigint packs both, losslessly:
 *
 *     position = commit * 2^64 + prepare        (both are unsigned 64-bit on the wire)
 *
 * Comparing packed values is comparing (commit, prepare) lexicographically, i.e. log order, and
 * unpacking gives back the exact Position to resume from. Resuming: a catch-up subscription starts
 * after fromPosition (exclusive); a $all read starts at fromPosition (inclusive); both paths also
 * drop events at or before the last position they delivered, so either server behaviour is safe.
 * NOTE for whoever stores checkpoints: these values exceed 64 bits (keep them as decimal text or
 * as a bigint in memory, not in an SQLite INTEGER column).
 */
const TWO_64 = 1n << 64n;

export function encodeEsdbPosition(position: Position): bigint {
  if (position.commit < 0n || position.prepare < 0n || position.commit >= TWO_64 || position.prepare >= TWO_64) {
    throw new RangeError(`not an EventStoreDB position: ${position.commit}/${position.prepare}`);
  }
  return position.commit * TWO_64 + position.prepare;
}

export function decodeEsdbPosition(position: bigint): Position {
  if (position < 0n || position >= TWO_64 * TWO_64) throw new RangeError(`not an EventStoreDB position: ${position}`);
  return { commit: position / TWO_64, prepare: position % TWO_64 };
}

/** Stream reads on servers before 22.6 carry this instead of the $all position. */
const NO_POSITION = TWO_64 - 1n;
/** ESDB event ids must be UUIDs; other event ids map to a stable UUIDv5, so retries still dedupe. */
const EVENT_ID_NAMESPACE = '0d4f5a8e-3c1b-5e7a-9b2d-6f8e1a4c7b30';
const READ_PAGE = 500;

export interface EventStoreDbEventStoreOptions extends GlobalLogOptions {
  /** e.g. esdb://localhost:2113?tls=false */
  connectionString: string;
  /** recordedAt comes from this clock (the adapter stamps it before the append). */
  clock?: () => Date;
  /** ready() gives up after this long (default 2000 ms). */
  readyTimeoutMs?: number;
}

/**
 * EventStoreDB / KurrentDB through @eventstore/db-client (the only place that imports it).
 * The expected revision is always checked by the server (NO_STREAM or a revision, never ANY); the
 * previous event's hash is read first so the new events can be sealed onto the chain, and an append
 * by someone else in between fails the server's check. recordedAt, prevHash and hash travel in the
 * event metadata; the event id is metadata.eventId. readAll and subscribeToAll see only the streams of
 * `logStreamPrefixes` (default: every stream): the subscription filters on the server (stream
 * prefix), readAll (which this client cannot filter) pages through $all and filters here; system
 * events (a `$` type) are always dropped.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb';
  private readonly client: EventStoreDBClient;
  private readonly clock: () => Date;
  private readonly readyTimeoutMs: number;
  private readonly subscriptions = new Set<Subscription>();
  private readonly logPrefixes: readonly string[] | undefined;
  private readonly inLog: (streamId: string) => boolean;

  constructor(options: EventStoreDbEventStoreOptions) {
    this.logPrefixes = checkLogStreamPrefixes(options.logStreamPrefixes);
    this.inLog = logStreamMatcher(this.logPrefixes);
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.clock = options.clock ?? (() => new Date());
    this.readyTimeoutMs = options.readyTimeoutMs ?? 2000;
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const expected = options.expectedRevision;
    assertExpectedRevision(expected);
    if (events.length === 0) throw new RangeError('appendToStream needs at least one event');
    const last = await this.lastEvent(streamId);
    const actual = last ? last.revision : null;
    if (!expectedMatches(expected, actual)) throw new WrongExpectedRevisionError(streamId, expected, actual);

    const sealed = sealEvents(streamId, last, events, this.clock().toISOString());
    let appended: { position?: Position };
    try {
      appended = await this.client.appendToStream(
        streamId,
        sealed.map((event) =>
          jsonEvent({
            id: esdbEventId(event.metadata.eventId),
            type: event.type,
            data: event.data as JSONType,
            metadata: event.metadata as unknown as JSONType,
          }),
        ),
        { expectedRevision: expected === 'no-stream' ? NO_STREAM : BigInt(expected) },
      );
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const current = error.actualVersion;
        throw new WrongExpectedRevisionError(streamId, expected, typeof current === 'bigint' ? Number(current) : null);
      }
      throw translate(error);
    }

    const first = sealed[0].revision;
    const lastRevision = sealed[sealed.length - 1].revision;
    let stored: StoredEvent[];
    try {
      // The append answers with one position; each event's own $all position comes with a read.
      stored = await this.readStream(streamId, { fromRevision: first, toRevision: lastRevision });
      if (stored.length !== sealed.length) throw new Error('read-back incomplete');
    } catch {
      // The events are written; without the read-back, every event gets the append's position.
      if (!appended.position) throw new EventStoreUnavailableError('appended, but EventStoreDB did not tell the position');
      const position = encodeEsdbPosition(appended.position);
      stored = sealed.map((event) => ({ ...event, position }));
    }
    const lastStored = stored[stored.length - 1];
    return { nextExpectedRevision: lastStored.revision, position: lastStored.position, events: stored };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const from = options.fromRevision ?? 0;
    const count = options.toRevision === undefined ? undefined : options.toRevision - from + 1;
    const until = options.toRecordedAt === undefined ? undefined : normaliseInstant(options.toRecordedAt);
    const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
    if ((count !== undefined && count <= 0) || limit <= 0) return [];
    const read = this.client.readStream(streamId, {
      fromRevision: BigInt(from),
      direction: FORWARDS,
      // toRecordedAt cuts the stream here; it keeps a prefix, so the limit bounds the read either way.
      maxCount: Math.min(count ?? Number.MAX_SAFE_INTEGER, limit),
    });
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of read) {
        const event = toStoredEvent(resolved);
        if (!event) continue;
        if (until !== undefined && cutAtRecordedAt([event], until).length === 0) break;
        events.push(event);
        if (events.length >= limit) break;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw translate(error);
    }
    return events;
  }

  async streamRevision(streamId: string): Promise<number | null> {
    const last = await this.lastEvent(streamId);
    return last ? last.revision : null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const limit = options.limit ?? DEFAULT_READ_ALL_LIMIT;
    let after = options.after ?? null;
    const events: StoredEvent[] = [];
    while (events.length < limit) {
      const page = await this.readAllPage(after === null ? START : decodeEsdbPosition(after), FORWARDS);
      for (const resolved of page) {
        const position = allPosition(resolved);
        if (after !== null && position <= after) continue; // the read starts at `after` inclusive
        after = position;
        const event = this.inLogEvent(resolved) ? toStoredEvent(resolved, position) : null;
        if (event) events.push(event);
        if (events.length >= limit) break;
      }
      if (page.length < READ_PAGE) break;
    }
    return events;
  }

  async headPosition(): Promise<bigint | null> {
    let before: bigint | null = null;
    for (;;) {
      const page = await this.readAllPage(before === null ? END : decodeEsdbPosition(before), BACKWARDS);
      for (const resolved of page) {
        const position = allPosition(resolved);
        if (before !== null && position >= before) continue;
        before = position;
        if (this.inLogEvent(resolved)) return position;
      }
      if (page.length < READ_PAGE) return null;
    }
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const batchSize = options.batchSize ?? DEFAULT_SUBSCRIPTION_BATCH;
    const source = this.client.subscribeToAll({
      fromPosition: options.after === null ? START : decodeEsdbPosition(options.after),
      filter: this.logPrefixes ? streamNameFilter({ prefixes: [...this.logPrefixes] }) : excludeSystemEvents(),
    });
    let stopped = false;
    let inFlight: Promise<void> = Promise.resolve();
    let reportFailure!: (error: Error) => void;
    const failed = new Promise<Error>((resolve) => (reportFailure = resolve));

    const deliver = (batch: StoredEvent[]) => {
      inFlight = options.handler(batch);
      return inFlight;
    };
    const run = async () => {
      let last = options.after;
      let batch: StoredEvent[] = [];
      for await (const resolved of source) {
        if (stopped) return;
        const position = resolved.event?.position ? encodeEsdbPosition(resolved.event.position) : null;
        if (position !== null && (last === null || position > last) && this.inLogEvent(resolved)) {
          const event = toStoredEvent(resolved, position);
          if (event) batch.push(event);
          last = position;
        }
        // Deliver when the batch is full, or when nothing else is buffered (caught up for now).
        if (batch.length > 0 && (batch.length >= batchSize || source.readableLength === 0)) {
          const delivering = batch;
          batch = [];
          await deliver(delivering);
          if (stopped) return;
        }
      }
      if (!stopped) throw new EventStoreUnavailableError('the EventStoreDB subscription ended');
    };

    const subscription: Subscription = {
      failed,
      stop: async () => {
        if (!stopped) {
          stopped = true;
          await source.unsubscribe().catch(() => undefined);
          source.destroy();
        }
        await inFlight.catch(() => undefined);
        this.subscriptions.delete(subscription);
      },
    };
    run().catch((error: unknown) => {
      if (stopped) return;
      stopped = true;
      void source.unsubscribe().catch(() => undefined).then(() => source.destroy());
      this.subscriptions.delete(subscription);
      reportFailure(error instanceof Error ? translate(error) : new Error(String(error)));
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ready(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EventStoreUnavailableError(`EventStoreDB did not answer within ${this.readyTimeoutMs} ms`)), this.readyTimeoutMs);
    });
    try {
      const read = collect(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, deadline: this.readyTimeoutMs }));
      await Promise.race([read, timeout]);
    } catch (error) {
      const translated = translate(error);
      throw translated instanceof EventStoreUnavailableError ? translated : new EventStoreUnavailableError(`EventStoreDB is not ready: ${(error as Error).message}`, error);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  /** An event of the global log: in a log stream, written by this adapter (JSON, not a system event). */
  private inLogEvent(resolved: AllStreamResolvedEvent): boolean {
    const event = resolved.event;
    return !!event && this.inLog(event.streamId) && !event.type.startsWith('$') && !event.streamId.startsWith('$') && event.isJson;
  }

  /** The stream's last event (revision and hash), or null when the stream does not exist. */
  private async lastEvent(streamId: string): Promise<{ revision: number; hash: string } | null> {
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
        const event = resolved.event;
        if (!event) continue;
        const metadata = event.metadata as Partial<EventMetadata> | undefined;
        if (typeof metadata?.hash !== 'string') {
          throw new Error(`the last event of ${streamId} carries no hash: it was not written through this adapter`);
        }
        return { revision: Number(event.revision), hash: metadata.hash };
      }
      return null;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw translate(error);
    }
  }

  private async readAllPage(fromPosition: Position | typeof START | typeof END, direction: typeof FORWARDS | typeof BACKWARDS): Promise<AllStreamResolvedEvent[]> {
    try {
      return await collect(this.client.readAll({ fromPosition, direction, maxCount: READ_PAGE }));
    } catch (error) {
      throw translate(error);
    }
  }
}

function esdbEventId(eventId: string): string {
  return isUuid(eventId) ? eventId : uuidv5(eventId, EVENT_ID_NAMESPACE);
}

function allPosition(resolved: AllStreamResolvedEvent): bigint {
  const position = resolved.event?.position ?? resolved.link?.position;
  if (!position) throw new Error('a $all event without a position');
  return encodeEsdbPosition(position);
}


/** A recorded JSON event as a StoredEvent; null for what this adapter did not write (links, binary). */
function toStoredEvent(resolved: ResolvedEvent | AllStreamResolvedEvent, knownPosition?: bigint): StoredEvent | null {
  const event = resolved.event;
  if (!event || !event.isJson || event.type.startsWith('$')) return null;
  let position = knownPosition;
  if (position === undefined) {
    if (!event.position || event.position.commit === NO_POSITION) {
      throw new Error('EventStoreDB did not report the $all position of a stream event (needs server 22.6 or later)');
    }
    position = encodeEsdbPosition(event.position);
  }
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    position,
    type: event.type,
    data: event.data as JsonObject,
    metadata: event.metadata as unknown as EventMetadata,
  };
}

async function collect<E>(read: AsyncIterable<E>): Promise<E[]> {
  const items: E[] = [];
  for await (const item of read) items.push(item);
  return items;
}

/** Connection trouble becomes EventStoreUnavailableError; anything else passes through unchanged. */
function translate(error: unknown): Error {
  if (error instanceof EventStoreUnavailableError) return error;
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError ||
    (error instanceof Error && /failed to discover/i.test(error.message))
  ) {
    return new EventStoreUnavailableError(`EventStoreDB is unavailable: ${error.message}`, error);
  }
  return error instanceof Error ? error : new Error(String(error));
}
