import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  assertExpectedRevision,
  DEFAULT_READ_ALL_LIMIT,
  DEFAULT_SUBSCRIPTION_BATCH,
  checkLogStreamPrefixes,
  cutAtRecordedAt,
  decodeStoredEvent,
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
  GlobalLogOptions,
  EventStoreUnavailableError,
  NewEvent,
  ReadAllOptions,
  ReadByStreamOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from '../port';

export interface SqliteEventStoreOptions extends GlobalLogOptions {
  /** The database file (created when missing). */
  file: string;
  clock?: () => Date;
  /**
   * FULL (default): an acknowledged append survives kill -9 and power loss. NORMAL (WAL): survives
   * a process crash but may lose the last commits on power loss; for benchmarks.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a writer waits for another process's write lock before giving up (default 5000). */
  busyTimeoutMs?: number;
  /** How often an idle subscription looks for appends by other processes (default 250). */
  pollMs?: number;
}

/** Bumped with every migration below; stored in `PRAGMA user_version`. */
const SCHEMA_VERSION = 2;

// Emmett's blueprint: the row id is the global position (AUTOINCREMENT: never reused, even after a
// rolled-back append), one row per event, unique per stream revision.
// Version 2 stores nothing that the hash chain does not cover: version 1 kept copies of
// recordedAt and schemaVersion in their own columns and each stream's head in `streams`, and
// time travel filtered on the copy, so a changed copy went unnoticed by verify. The copies and the
// heads are gone; the head is the stream's last row (the UNIQUE index finds it).
const MIGRATIONS: Record<number, string> = {
  1: `
    CREATE TABLE events (
      global_position INTEGER PRIMARY KEY AUTOINCREMENT,
      stream_id       TEXT    NOT NULL,
      stream_position INTEGER NOT NULL,
      type            TEXT    NOT NULL,
      data            TEXT    NOT NULL,
      metadata        TEXT    NOT NULL,
      schema_version  INTEGER NOT NULL,
      recorded_at     TEXT    NOT NULL,
      UNIQUE (stream_id, stream_position)
    );
    CREATE TABLE streams (
      stream_id TEXT PRIMARY KEY,
      revision  INTEGER NOT NULL,
      last_hash TEXT    NOT NULL
    ) WITHOUT ROWID;
  `,
  2: `
    DROP TABLE streams;
    ALTER TABLE events DROP COLUMN recorded_at;
    ALTER TABLE events DROP COLUMN schema_version;
  `,
};

const COLUMNS = 'global_position, stream_id, stream_position, type, data, metadata';
const NO_LIMIT = -1;

interface EventRow {
  global_position: bigint;
  stream_id: string;
  stream_position: bigint;
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

/** Appends in this process, per database file: wakes subscriptions of every store on that file. */
const appendSignals = new Map<string, EventEmitter>();

/**
 * The embedded event store: one SQLite file in WAL mode. Appends are group-committed: those that
 * arrive together share one BEGIN IMMEDIATE transaction, each in a savepoint (read the stream's
 * last row, check the expected revision, seal, insert). Data and metadata are stored as the JSON
 * text that was hashed, and every column is read back into the event, so the chain verifies from
 * the rows and a changed column is a broken chain. Several
 * processes may share the file: writers queue on the lock (busy_timeout), subscriptions poll.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly clock: () => Date;
  private readonly pollMs: number;
  private readonly signal: EventEmitter;
  private readonly subscriptions = new Set<RunningSubscription>();
  private readonly statements: ReturnType<SqliteEventStore['prepareStatements']>;
  /** The log's stream prefixes, bound as parameters of the log queries (none: every stream). */
  private readonly logPrefixes: readonly string[];
  /** One append inside the group's transaction: a savepoint, so its failure leaves the others intact. */
  private readonly appendOne: (streamId: string, events: NewEvent[], options: AppendOptions) => AppendResult;
  private readonly commitGroup: (group: PendingAppend[]) => Array<AppendResult | Error>;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;

  constructor(options: SqliteEventStoreOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.pollMs = options.pollMs ?? 250;
    this.db = new Database(options.file);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
      this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
      this.migrate();
      this.logPrefixes = checkLogStreamPrefixes(options.logStreamPrefixes) ?? [];
      this.statements = this.prepareStatements();
    } catch (error) {
      this.db.close();
      throw error;
    }
    const key = resolve(options.file);
    this.signal = appendSignals.get(key) ?? new EventEmitter().setMaxListeners(0);
    appendSignals.set(key, this.signal);
    this.appendOne = this.db.transaction((streamId: string, events: NewEvent[], options: AppendOptions) => this.appendInTransaction(streamId, events, options));
    this.commitGroup = this.db.transaction((group: PendingAppend[]) =>
      group.map((append) => {
        try {
          return this.appendOne(append.streamId, append.events, append.options);
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    ).immediate;
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertExpectedRevision(options.expectedRevision);
    if (events.length === 0) throw new RangeError('appendToStream needs at least one event');
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ streamId, events, options, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Group commit: the appends that arrived during one turn of the event loop are written in one
   * IMMEDIATE transaction (one fsync), each in its own savepoint with its own expected-revision
   * check. Each caller is answered only after the group has committed, so nothing acknowledged can
   * be lost; an append that fails rolls back to its savepoint and fails alone.
   */
  private flush(): void {
    this.flushScheduled = false;
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    let outcomes: Array<AppendResult | Error>;
    try {
      outcomes = this.commitGroup(group);
    } catch (error) {
      for (const append of group) append.reject(this.translate(error, append.streamId, append.options));
      return;
    }
    if (outcomes.some((outcome) => !(outcome instanceof Error))) this.signal.emit('append'); // after the commit
    group.forEach((append, i) => {
      const outcome = outcomes[i];
      if (outcome instanceof Error) append.reject(this.translate(outcome, append.streamId, append.options));
      else append.resolve(outcome);
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const until = options.toRecordedAt === undefined ? undefined : normaliseInstant(options.toRecordedAt);
    const rows = this.statements.readStream.all(
      streamId,
      options.fromRevision ?? 0,
      options.toRevision ?? Number.MAX_SAFE_INTEGER,
      // The cut at toRecordedAt keeps a prefix, so the limit can bound the read either way.
      options.limit === undefined ? NO_LIMIT : Math.max(0, options.limit),
    ) as EventRow[];
    return cutAtRecordedAt(rows.map(toStoredEvent), until);
  }

  async streamRevision(streamId: string): Promise<number | null> {
    const last = this.statements.lastEvent.get(streamId) as EventRow | undefined;
    return last ? Number(last.stream_position) : null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.readLog(options.after ?? null, options.limit ?? DEFAULT_READ_ALL_LIMIT);
  }

  async readLogByStream(options: ReadByStreamOptions): Promise<StoredEvent[]> {
    const after = options.after ?? { streamId: '', revision: -1 };
    const rows = this.statements.readByStream.all(after.streamId, after.revision, options.upTo, ...this.logPrefixes, options.limit ?? DEFAULT_READ_ALL_LIMIT) as EventRow[];
    return rows.map(toStoredEvent);
  }

  async headPosition(): Promise<bigint | null> {
    const row = this.statements.headPosition.get(...this.logPrefixes) as { global_position: bigint } | undefined;
    return row ? row.global_position : null;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
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
    if (!this.db.open) throw new EventStoreUnavailableError('the SQLite event store is closed');
    this.statements.ping.get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.flush(); // appends already accepted are written, not dropped
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.db.open) this.db.close();
  }

  private appendInTransaction(streamId: string, events: NewEvent[], options: AppendOptions): AppendResult {
    const last = this.statements.lastEvent.get(streamId) as EventRow | undefined;
    const head = last ? headOf(toStoredEvent(last)) : null;
    const actual = head ? head.revision : null;
    if (!expectedMatches(options.expectedRevision, actual)) {
      throw new WrongExpectedRevisionError(streamId, options.expectedRevision, actual);
    }
    const sealed = sealEvents(streamId, head, events, this.clock().toISOString());
    const stored = sealed.map((event): StoredEvent => {
      const row = this.statements.insertEvent.get(streamId, event.revision, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)) as {
        global_position: bigint;
      };
      return { ...event, position: row.global_position };
    });
    const lastStored = stored[stored.length - 1];
    return { nextExpectedRevision: lastStored.revision, position: lastStored.position, events: stored };
  }

  private readLog(after: bigint | null, limit: number): StoredEvent[] {
    const rows = this.statements.readAll.all(after ?? 0n, ...this.logPrefixes, limit) as EventRow[];
    return rows.map(toStoredEvent);
  }

  private translate(error: unknown, streamId: string, options: AppendOptions): unknown {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      // Cannot happen under BEGIN IMMEDIATE; kept so a surprise still reads as a concurrency conflict.
      const last = this.statements.lastEvent.get(streamId) as EventRow | undefined;
      return new WrongExpectedRevisionError(streamId, options.expectedRevision, last ? Number(last.stream_position) : null);
    }
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_FULL' || code === 'SQLITE_IOERR' || (typeof code === 'string' && code.startsWith('SQLITE_IOERR'))) {
      return new EventStoreUnavailableError(`the SQLite event store cannot write now (${code})`, error);
    }
    return error;
  }

  private migrate(): void {
    const current = () => this.db.pragma('user_version', { simple: true }) as number;
    if (current() > SCHEMA_VERSION) {
      throw new Error(`the event database has schema version ${current()}, newer than this program knows (${SCHEMA_VERSION}); upgrade the program`);
    }
    if (current() === SCHEMA_VERSION) return;
    this.db
      .transaction(() => {
        // Re-read under the write lock: another process may have migrated meanwhile.
        for (let version = current() + 1; version <= SCHEMA_VERSION; version++) {
          this.db.exec(MIGRATIONS[version]);
          this.db.pragma(`user_version = ${version}`);
        }
      })
      .immediate();
  }

  private prepareStatements() {
    const db = this.db;
    // substr compares exactly: no pattern characters to escape in a prefix.
    const inLog = this.logPrefixes.length === 0 ? '1' : this.logPrefixes.map((p) => `substr(stream_id, 1, ${[...p].length}) = ?`).join(' OR ');
    return {
      ping: db.prepare('SELECT 1'),
      lastEvent: db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY stream_position DESC LIMIT 1`).safeIntegers(true),
      insertEvent: db
        .prepare('INSERT INTO events (stream_id, stream_position, type, data, metadata) VALUES (?, ?, ?, ?, ?) RETURNING global_position')
        .safeIntegers(true),
      readStream: db
        .prepare(
          `SELECT ${COLUMNS} FROM events
           WHERE stream_id = ? AND stream_position >= ? AND stream_position <= ?
           ORDER BY stream_position LIMIT ?`,
        )
        .safeIntegers(true),
      readAll: db
        .prepare(`SELECT ${COLUMNS} FROM events WHERE global_position > ? AND (${inLog}) ORDER BY global_position LIMIT ?`)
        .safeIntegers(true),
      // Along the UNIQUE (stream_id, stream_position) index: BINARY collation, byte order.
      readByStream: db
        .prepare(
          `SELECT ${COLUMNS} FROM events
           WHERE (stream_id, stream_position) > (?, ?) AND global_position <= ? AND (${inLog})
           ORDER BY stream_id, stream_position LIMIT ?`,
        )
        .safeIntegers(true),
      headPosition: db
        .prepare(`SELECT global_position FROM events WHERE ${inLog} ORDER BY global_position DESC LIMIT 1`)
        .safeIntegers(true),
    };
  }
}

/** `<dataDir>/events.sqlite`, creating the directory; other options as for SqliteEventStore. */
export function openSqliteEventStore(dataDir: string, options: Omit<SqliteEventStoreOptions, 'file'> = {}): SqliteEventStore {
  mkdirSync(dataDir, { recursive: true });
  return new SqliteEventStore({ ...options, file: join(dataDir, 'events.sqlite') });
}

function toStoredEvent(row: EventRow): StoredEvent {
  return decodeStoredEvent({
    streamId: row.stream_id,
    revision: Number(row.stream_position),
    position: row.global_position,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
  });
}
