import { EventEmitter } from 'node:events';
import { Client, escapeIdentifier, Pool, PoolClient } from 'pg';
import {
  assertExpectedRevision,
  checkLogStreamPrefixes,
  cutAtRecordedAt,
  decodeStoredEvent,
  DEFAULT_READ_ALL_LIMIT,
  DEFAULT_SUBSCRIPTION_BATCH,
  expectedMatches,
  headOf,
  normaliseInstant,
  RunningSubscription,
  startPollingSubscription,
} from '../adapter-support';
import { sealEvents } from '../hash-chain';
import {
  AppendOptions,
  AppendResult,
  EventStore,
  EventStoreUnavailableError,
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
import { decodePostgresPosition, encodePostgresPosition } from './postgres-position';
import { postgresPool, postgresSessionConfig } from './session';

export interface PostgresEventStoreOptions extends GlobalLogOptions {
  /** e.g. postgres://zicht@db.internal:5432/zicht */
  connectionString: string;
  /** The schema that holds the store's tables; created when missing (default `event_store`). */
  schema?: string;
  /** Connections in the pool (default 10). One more is opened for LISTEN while anything subscribes. */
  poolSize?: number;
  clock?: () => Date;
  /** How often an idle subscription looks for appends when no notification came (default 1000). */
  pollMs?: number;
  /** Giving up on a connection attempt after this long (default 5000). */
  connectTimeoutMs?: number;
  /** At most this many appends share one transaction (default 500). */
  maxGroupSize?: number;
  /**
   * The server ends a session of this store whose transaction stays open and idle this long (default
   * 30,000 ms; `idle_in_transaction_session_timeout`). An append's transaction lasts milliseconds; one
   * left open (a process frozen mid-append: a paused machine, a stopped process) would hold back what
   * every reader of the log may see until it ends. Ended, it is rolled back, and its appends fail
   * unacknowledged. A machine that vanished is ended sooner, by keep-alive (see session.ts).
   */
  idleInTransactionMs?: number;
}

/** Bumped with every migration below; each applied version is a row of `schema_migrations`. */
const SCHEMA_VERSION = 1;

// One row per event; data and metadata as the JSON text that was hashed. The global log is ordered
// by (transaction_id, global_position): see postgres-position.ts and readLog() for why that order
// never lets a subscriber skip a row. The expected revision is checked by UNIQUE (stream_id,
// stream_position). Nothing else is stored: the head of a stream is its last row.
const MIGRATIONS: Record<number, (schema: string) => string> = {
  1: (s) => `
    CREATE TABLE ${s}.events (
      global_position bigint GENERATED ALWAYS AS IDENTITY,
      transaction_id  xid8   NOT NULL DEFAULT pg_current_xact_id(),
      stream_id       text   NOT NULL,
      stream_position bigint NOT NULL CHECK (stream_position >= 0),
      type            text   NOT NULL,
      data            text   NOT NULL,
      metadata        text   NOT NULL,
      PRIMARY KEY (transaction_id, global_position),
      UNIQUE (stream_id, stream_position)
    )`,
};

const COLUMNS = 'transaction_id::text AS transaction_id, global_position, stream_id, stream_position, type, data, metadata';
// Log order is by the xid8 column itself. An ORDER BY naming `transaction_id` would sort by the text
// alias above ('1000' before '999'), which breaks the order whenever transaction ids gain a digit.
const LOG_ORDER = 'events.transaction_id, events.global_position';
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

interface EventRow {
  transaction_id: string;
  global_position: string;
  stream_id: string;
  stream_position: string;
  type: string;
  data: string;
  metadata: string;
}

interface PendingAppend {
  streamId: string;
  events: NewEvent[];
  options: AppendOptions;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** One append of a group as planned: sealed onto its stream's head, or refused before writing. */
type Plan = { append: PendingAppend; sealed: Array<Omit<StoredEvent, 'position'>>; stored?: StoredEvent[]; error?: Error } | { append: PendingAppend; error: Error };

/**
 * The event store on PostgreSQL (node-postgres), for more than one machine.
 *
 * - Appends are group-committed: those that arrive while a transaction is running share the next
 *   one (read the heads, seal, one INSERT, NOTIFY, COMMIT). The database checks every expected
 *   revision (UNIQUE per stream revision, ON CONFLICT DO NOTHING): an append that lost a race is
 *   undone inside the transaction and fails alone with WrongExpectedRevisionError.
 * - The global log is gap-free for subscribers: rows are read in (transaction_id, global_position)
 *   order, and only those of transactions older than every transaction still running
 *   (`pg_snapshot_xmin(pg_current_snapshot())`), so a transaction that commits late can never land
 *   behind a position a subscriber has passed.
 * - Subscriptions wake on LISTEN/NOTIFY and poll slowly as a fallback.
 */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres';
  private readonly pool: Pool;
  private readonly connectionString: string;
  private readonly schema: string;
  private readonly table: string;
  private readonly channel: string;
  private readonly clock: () => Date;
  private readonly pollMs: number;
  private readonly maxGroupSize: number;
  private readonly logPrefixes: readonly string[] | null;
  private readonly signal = new EventEmitter().setMaxListeners(0);
  private readonly subscriptions = new Set<RunningSubscription>();
  private initialised: Promise<void> | null = null;
  private listener: Promise<Client | null> | null = null;
  private pending: PendingAppend[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;

  constructor(options: PostgresEventStoreOptions) {
    const schema = options.schema ?? 'event_store';
    if (!SCHEMA_NAME.test(schema)) throw new RangeError(`schema must be a plain lower-case SQL name (letters, digits, _), not ${JSON.stringify(schema)}`);
    this.schema = schema;
    this.table = `${escapeIdentifier(schema)}.events`;
    this.channel = `${schema}_appended`;
    this.connectionString = options.connectionString;
    this.clock = options.clock ?? (() => new Date());
    this.pollMs = options.pollMs ?? 1000;
    this.maxGroupSize = Math.max(1, options.maxGroupSize ?? 500);
    this.logPrefixes = checkLogStreamPrefixes(options.logStreamPrefixes) ?? null;
    this.pool = postgresPool({
      ...postgresSessionConfig(options.connectionString, `-c idle_in_transaction_session_timeout=${Math.max(1, Math.round(options.idleInTransactionMs ?? 30_000))}`),
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      application_name: 'zicht-event-store',
    });
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    assertExpectedRevision(options.expectedRevision);
    if (events.length === 0) throw new RangeError('appendToStream needs at least one event');
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ streamId, events, options, resolve, reject });
      this.kick();
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const until = options.toRecordedAt === undefined ? undefined : normaliseInstant(options.toRecordedAt);
    const rows = await this.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table}
       WHERE stream_id = $1 AND stream_position >= $2 AND stream_position <= $3
       ORDER BY stream_position LIMIT $4`,
      // The cut at toRecordedAt keeps a prefix, so the limit can bound the read either way.
      [streamId, options.fromRevision ?? 0, options.toRevision ?? Number.MAX_SAFE_INTEGER, options.limit === undefined ? null : Math.max(0, options.limit)],
    );
    return cutAtRecordedAt(rows.map(toStoredEvent), until);
  }

  async streamRevision(streamId: string): Promise<number | null> {
    const rows = await this.query<{ stream_position: string }>(
      `SELECT stream_position FROM ${this.table} WHERE stream_id = $1 ORDER BY stream_position DESC LIMIT 1`,
      [streamId],
    );
    return rows.length > 0 ? Number(rows[0].stream_position) : null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.readLog(options.after ?? null, options.limit ?? DEFAULT_READ_ALL_LIMIT);
  }

  /** Along the UNIQUE (stream_id, stream_position) index, in the column's collation (the comparison uses the same). */
  async readLogByStream(options: ReadByStreamOptions): Promise<StoredEvent[]> {
    const after = options.after ?? null;
    const upTo = decodePostgresPosition(options.upTo);
    const rows = await this.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table}
       WHERE ($1::text IS NULL OR (stream_id, stream_position) > ($1::text, $2::bigint))
         AND (transaction_id, global_position) <= ($3::xid8, $4::bigint)
         AND ${this.inLog('$5')}
       ORDER BY stream_id, stream_position LIMIT $6`,
      [after?.streamId ?? null, after?.revision ?? -1, upTo.transactionId.toString(), upTo.globalPosition.toString(), this.logPrefixes, options.limit ?? DEFAULT_READ_ALL_LIMIT],
    );
    return rows.map(toStoredEvent);
  }

  async headPosition(): Promise<bigint | null> {
    const rows = await this.query<EventRow>(
      `SELECT transaction_id::text AS transaction_id, global_position FROM ${this.table}
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot()) AND ${this.inLog('$1')}
       ORDER BY events.transaction_id DESC, events.global_position DESC LIMIT 1`,
      [this.logPrefixes],
    );
    return rows.length > 0 ? positionOf(rows[0]) : null;
  }

  /** In events: the difference of the rows' identities (an upper bound: an append rolled back leaves a gap). */
  distance(from: bigint | null, to: bigint): bigint {
    const gap = decodePostgresPosition(to).globalPosition - (from === null ? 0n : decodePostgresPosition(from).globalPosition);
    return gap < 0n ? 0n : gap;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.assertOpen();
    void this.listen();
    const subscription = startPollingSubscription({
      after: options.after,
      batchSize: options.batchSize ?? DEFAULT_SUBSCRIPTION_BATCH,
      handler: options.handler,
      read: (after, limit) => this.readLog(after, limit),
      onAppend: (listener) => {
        this.signal.on('append', listener);
        return () => this.signal.off('append', listener);
      },
      pollMs: this.pollMs,
    });
    this.subscriptions.add(subscription);
    void subscription.done.then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async ready(): Promise<void> {
    if (this.closed) throw new EventStoreUnavailableError('the PostgreSQL event store is closed');
    await this.query('SELECT 1', []);
  }

  /** Writes the appends already accepted, stops the subscriptions, then closes every connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.flushing) await this.flushing;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    const listener = await this.listener?.catch(() => null);
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  /**
   * One batch of the global log after `after`. Bounded by the oldest transaction still running:
   * rows of a transaction that has not finished yet, and of every transaction that started after
   * it, wait until it has, so the order of what a reader has passed never changes.
   */
  private async readLog(after: bigint | null, limit: number): Promise<StoredEvent[]> {
    const from = after === null ? { transactionId: 0n, globalPosition: 0n } : decodePostgresPosition(after);
    const rows = await this.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table}
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         AND ${this.inLog('$3')}
       ORDER BY ${LOG_ORDER} LIMIT $4`,
      [from.transactionId.toString(), from.globalPosition.toString(), this.logPrefixes, limit],
    );
    return rows.map(toStoredEvent);
  }

  private inLog(parameter: string): string {
    return `(${parameter}::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest(${parameter}::text[]) AS p(prefix) WHERE starts_with(stream_id, p.prefix)))`;
  }

  /** Starts a group transaction unless one is running; the appends that arrive meanwhile form the next. */
  private kick(): void {
    if (this.flushing || this.pending.length === 0) return;
    this.flushing = (async () => {
      await new Promise<void>((resolve) => setImmediate(resolve)); // let this turn's appends join
      while (this.pending.length > 0) await this.commitGroup(this.pending.splice(0, this.maxGroupSize));
    })().finally(() => {
      this.flushing = null;
      this.kick();
    });
  }

  /** Writes one group in one transaction and answers each append; never throws. */
  private async commitGroup(group: PendingAppend[]): Promise<void> {
    let client: PoolClient;
    try {
      await this.initialise();
      client = await this.pool.connect();
    } catch (error) {
      for (const append of group) append.reject(translate(error));
      return;
    }
    let plans: Plan[];
    try {
      await client.query('BEGIN');
      plans = await this.writeGroup(client, group);
      await this.commit(client);
      client.release();
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      // A failed COMMIT leaves the outcome unknown: the caller retries with its idempotency key.
      for (const append of group) append.reject(translate(error));
      return;
    }
    if (plans.some((plan) => !plan.error)) this.signal.emit('append'); // after the commit
    for (const plan of plans) {
      if (plan.error) {
        plan.append.reject(plan.error);
      } else if ('stored' in plan && plan.stored) {
        const last = plan.stored[plan.stored.length - 1];
        plan.append.resolve({ nextExpectedRevision: last.revision, position: last.position, events: plan.stored });
      }
    }
  }

  private async writeGroup(client: PoolClient, group: PendingAppend[]): Promise<Plan[]> {
    // The heads are read before this transaction writes anything, i.e. before it has a transaction
    // id: a head committed by another transaction is then always older in the log than our rows.
    const heads = await this.readHeads(client, group.map((a) => a.streamId));
    const plans: Plan[] = group.map((append) => {
      const head = heads.get(append.streamId) ?? null;
      if (head instanceof Error) return { append, error: head };
      const actual = head ? head.revision : null;
      if (!expectedMatches(append.options.expectedRevision, actual)) {
        return { append, error: new WrongExpectedRevisionError(append.streamId, append.options.expectedRevision, actual) };
      }
      try {
        const sealed = sealEvents(append.streamId, head, append.events, this.clock().toISOString());
        const last = sealed[sealed.length - 1];
        heads.set(append.streamId, { revision: last.revision, hash: last.metadata.hash });
        return { append, sealed };
      } catch (error) {
        return { append, error: error instanceof Error ? error : new Error(String(error)) };
      }
    });

    // One INSERT for the group, in (stream, revision) order so that two groups that meet on the
    // same streams take their row locks in the same order (no deadlock).
    const rows = plans.flatMap((plan) => ('sealed' in plan ? plan.sealed : [])).sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : a.revision - b.revision));
    const inserted = new Map<string, bigint>();
    if (rows.length > 0) {
      const result = await client.query<EventRow>(
        `INSERT INTO ${this.table} (stream_id, stream_position, type, data, metadata)
         SELECT stream_id, stream_position, type, data, metadata
         FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
           AS r(stream_id, stream_position, type, data, metadata, n)
         ORDER BY n
         ON CONFLICT (stream_id, stream_position) DO NOTHING
         RETURNING transaction_id::text AS transaction_id, global_position, stream_id, stream_position`,
        [rows.map((e) => e.streamId), rows.map((e) => e.revision), rows.map((e) => e.type), rows.map((e) => JSON.stringify(e.data)), rows.map((e) => JSON.stringify(e.metadata))],
      );
      for (const row of result.rows) inserted.set(rowKey(row.stream_id, Number(row.stream_position)), positionOf(row));
    }

    // An append with a row that another transaction wrote first lost the race: undo its rows and
    // those of later appends in this group sealed on top of it, and fail them with the actual revision.
    const lost = new Set<string>();
    const undo: Array<{ streamId: string; revision: number }> = [];
    for (const plan of plans) {
      if (!('sealed' in plan)) continue;
      const streamId = plan.append.streamId;
      if (!lost.has(streamId) && plan.sealed.every((e) => inserted.has(rowKey(streamId, e.revision)))) {
        plan.stored = plan.sealed.map((e) => ({ ...e, position: inserted.get(rowKey(streamId, e.revision))! }));
      } else {
        lost.add(streamId);
        undo.push(...plan.sealed.filter((e) => inserted.has(rowKey(streamId, e.revision))).map((e) => ({ streamId, revision: e.revision })));
        plan.error = new WrongExpectedRevisionError(streamId, plan.append.options.expectedRevision, null); // actual filled in below
      }
    }
    if (undo.length > 0) {
      await client.query(
        `DELETE FROM ${this.table} AS e USING unnest($1::text[], $2::bigint[]) AS u(stream_id, stream_position)
         WHERE e.stream_id = u.stream_id AND e.stream_position = u.stream_position`,
        [undo.map((u) => u.streamId), undo.map((u) => u.revision)],
      );
    }
    if (lost.size > 0) {
      const now = await this.readHeads(client, [...lost]);
      for (const plan of plans) {
        if (plan.error instanceof WrongExpectedRevisionError && lost.has(plan.append.streamId)) {
          const head = now.get(plan.append.streamId);
          plan.error = new WrongExpectedRevisionError(plan.append.streamId, plan.append.options.expectedRevision, head && !(head instanceof Error) ? head.revision : null);
        }
      }
    }
    if (plans.some((plan) => !plan.error)) await client.query('SELECT pg_notify($1, $2)', [this.channel, '']);
    return plans;
  }

  /** The last event (revision and hash) of each stream; an Error where it cannot be read. */
  private async readHeads(client: PoolClient, streamIds: string[]): Promise<Map<string, { revision: number; hash: string } | Error>> {
    const result = await client.query<EventRow>(
      `SELECT h.* FROM unnest($1::text[]) AS s(id)
       CROSS JOIN LATERAL (SELECT ${COLUMNS} FROM ${this.table} WHERE stream_id = s.id ORDER BY stream_position DESC LIMIT 1) AS h`,
      [[...new Set(streamIds)]],
    );
    const heads = new Map<string, { revision: number; hash: string } | Error>();
    for (const row of result.rows) {
      try {
        heads.set(row.stream_id, headOf(toStoredEvent(row)));
      } catch (error) {
        heads.set(row.stream_id, error as Error);
      }
    }
    return heads;
  }

  /** Seam for the tests that commit two transactions out of order. */
  private async commit(client: PoolClient): Promise<void> {
    await client.query('COMMIT');
  }

  private async query<R extends object>(text: string, values: unknown[]): Promise<R[]> {
    try {
      await this.initialise();
      return (await this.pool.query<R>(text, values)).rows;
    } catch (error) {
      throw translate(error);
    }
  }

  /** Runs the migrations once (again after a failure), under a lock so that several nodes may start at once. */
  private initialise(): Promise<void> {
    this.initialised ??= this.migrate().catch((error: unknown) => {
      this.initialised = null;
      throw error;
    });
    return this.initialised;
  }

  private async migrate(): Promise<void> {
    const schema = escapeIdentifier(this.schema);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`zicht-event-store:${this.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
      const current = Number((await client.query<{ v: number }>(`SELECT coalesce(max(version), 0) AS v FROM ${schema}.schema_migrations`)).rows[0].v);
      if (current > SCHEMA_VERSION) {
        throw new Error(`the event store schema ${this.schema} has version ${current}, newer than this program knows (${SCHEMA_VERSION}); upgrade the program`);
      }
      for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
        await client.query(MIGRATIONS[version](schema));
        await client.query(`INSERT INTO ${schema}.schema_migrations (version) VALUES ($1)`, [version]);
      }
      await client.query('COMMIT');
      client.release();
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      throw error;
    }
  }

  /** One connection outside the pool that LISTENs and wakes the subscriptions; polling covers its absence. */
  private listen(): Promise<Client | null> {
    this.listener ??= (async () => {
      const client = new Client({ ...postgresSessionConfig(this.connectionString), application_name: 'zicht-event-store-listen' });
      const drop = () => {
        this.listener = null;
        void client.end().catch(() => undefined);
      };
      client.on('error', drop);
      client.on('notification', () => this.signal.emit('append'));
      try {
        await client.connect();
        await client.query(`LISTEN ${escapeIdentifier(this.channel)}`);
        if (this.closed) {
          drop();
          return null;
        }
        return client;
      } catch {
        drop();
        return null;
      }
    })();
    return this.listener;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('the PostgreSQL event store is closed');
  }
}

function rowKey(streamId: string, revision: number): string {
  return `${revision}\u0000${streamId}`;
}

function positionOf(row: Pick<EventRow, 'transaction_id' | 'global_position'>): bigint {
  return encodePostgresPosition({ transactionId: BigInt(row.transaction_id), globalPosition: BigInt(row.global_position) });
}

function toStoredEvent(row: EventRow): StoredEvent {
  return decodeStoredEvent({
    streamId: row.stream_id,
    revision: Number(row.stream_position),
    position: positionOf(row),
    type: row.type,
    data: row.data,
    metadata: row.metadata,
  });
}

/** Connection trouble and lost races of the server becomes EventStoreUnavailableError (safe to retry). */
function translate(error: unknown): Error {
  if (error instanceof EventStoreUnavailableError || error instanceof WrongExpectedRevisionError) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const unavailable =
    (typeof code === 'string' && (/^(08|53|57P0)/.test(code) || code === '40001' || code === '40P01' || /^E[A-Z]+$/.test(code))) ||
    code === '25P03' || // the server ended a transaction left idle (idle_in_transaction_session_timeout)
    /connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Connection terminated|not queryable/i.test(message) ||
    /Cannot use a pool after calling end/.test(message);
  if (unavailable) return new EventStoreUnavailableError(`PostgreSQL is unavailable: ${message}`, error);
  return error instanceof Error ? error : new Error(message);
}
