import Database from 'better-sqlite3';
import { Kysely, Migration, Migrator, SqliteAdapter, SqliteDialect, sql } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The read-model tables. Queries go through Kysely and use only portable SQL, so the read models
 * can move to PostgreSQL (Kysely's PostgresDialect) when the platform runs on several machines.
 */
export interface ReadModelTables extends LogAnchorTables, AccessLogTables, AnalyticsTables {
  projection_checkpoints: {
    name: string;
    /** The last projected global position, as a zero-padded decimal (sorts as it counts). */
    position: string | null;
    /** The projection code's version; a different one rebuilds the read models at start. */
    version: number;
    updated_at: string;
  };
  case_read_model: {
    case_id: string;
    revision: number;
    status: string;
    region: string;
    opened_at: string;
    last_event_at: string;
    /** The folded case state (JSON): summary, accountability and compliance are computed from it with the clock. */
    state: string;
  };
  case_access: {
    case_id: string;
    /** 'organisation' | 'veilig-thuis-region' */
    kind: string;
    value: string;
  };
  case_due_items: {
    case_id: string;
    kind: string;
    due_date: string;
    ref_event_id: string;
    /** The item as the domain describes it (JSON; no personal data). */
    item: string;
  };
}

/** Analytics: codes, dates and counts only (see analytics/case-analytics.ts); never a child, a text or a person. */
export interface AnalyticsTables {
  /** One row per case. */
  analytics_case: {
    case_id: string;
    /** The last projected revision of the case. */
    revision: number;
    region: string;
    beroepsgroep: string;
    status: string;
    /** `YYYY-MM` of the current help; null without help. */
    hulp_month: string | null;
    next_check_due: string | null;
    /** The case's analytic fold (JSON: codes, dates and the case's own event ids). */
    fold: string;
  };
  /**
   * Counters per month: what the analyst tables add up. Every count is kept once per dimension
   * (`region`, `beroepsgroep`, `month`), so a table by one dimension reads only its own rows, in the
   * order of its GROUP BY.
   */
  analytics_counts: {
    dimension: string;
    measure: string;
    /** The region, the beroepsgroep or the month. */
    grp: string;
    /** `YYYY-MM` */
    month: string;
    /** '' when the measure has none. */
    code: string;
    /** Days, for the measures that are durations; 0 otherwise. */
    days: number;
    n: number;
  };
}

/**
 * Anchors of the global log (see @zicht/event-store integrity.ts), taken by the server from time to
 * time. Not a projection: a rebuild keeps them, so that they can be checked against the log later.
 */
export interface LogAnchorTables {
  log_anchors: {
    position: string;
    events: number;
    digest: string;
    taken_at: string;
  };
}

/** The access log (who read which case, every refused attempt), from the `access-` streams. */
export interface AccessLogTables {
  access_log: {
    /** The global position (zero-padded decimal): the order of the log. */
    position: string;
    event_id: string;
    at: string;
    /** 'read' | 'refused' */
    outcome: string;
    principal_id: string | null;
    role: string | null;
    organisation: string | null;
    method: string;
    route: string;
    status: number;
    request_id: string;
  };
  access_log_cases: {
    position: string;
    case_id: string;
  };
}

export type ReadModelDb = Kysely<ReadModelTables>;

const migrations: Record<string, Migration> = {
  '001-case-read-models': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('projection_checkpoints')
        .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
        .addColumn('position', 'varchar(40)')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('case_read_model')
        .addColumn('case_id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('region', 'varchar(10)', (c) => c.notNull())
        .addColumn('opened_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('last_event_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('case_read_model_opened').on('case_read_model').columns(['opened_at', 'case_id']).execute();
      await db.schema
        .createTable('case_access')
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('kind', 'varchar(30)', (c) => c.notNull())
        .addColumn('value', 'varchar(200)', (c) => c.notNull())
        .addPrimaryKeyConstraint('case_access_pk', ['case_id', 'kind', 'value'])
        .execute();
      await db.schema.createIndex('case_access_by_party').on('case_access').columns(['kind', 'value', 'case_id']).execute();
      await db.schema
        .createTable('case_due_items')
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('kind', 'varchar(40)', (c) => c.notNull())
        .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
        .addColumn('ref_event_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('item', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('case_due_items_by_case').on('case_due_items').columns(['case_id']).execute();
      await db.schema.createIndex('case_due_items_by_date').on('case_due_items').columns(['due_date', 'case_id']).execute();
    },
  },
  '002-analytics': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('analytics_case')
        .addColumn('case_id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('region', 'varchar(10)', (c) => c.notNull())
        .addColumn('beroepsgroep', 'varchar(100)', (c) => c.notNull())
        .addColumn('status', 'varchar(10)', (c) => c.notNull())
        .addColumn('hulp_month', 'varchar(7)')
        .addColumn('next_check_due', 'varchar(10)')
        .addColumn('fold', 'text', (c) => c.notNull())
        .execute();
      // Covers the cases under monitoring that fell due earlier this month (the rest are counters).
      await db.schema
        .createIndex('analytics_case_due')
        .on('analytics_case')
        .columns(['status', 'next_check_due', 'hulp_month', 'region', 'beroepsgroep'])
        .execute();
      await db.schema
        .createTable('analytics_counts')
        .addColumn('dimension', 'varchar(20)', (c) => c.notNull())
        .addColumn('measure', 'varchar(40)', (c) => c.notNull())
        .addColumn('grp', 'varchar(100)', (c) => c.notNull())
        .addColumn('code', 'varchar(40)', (c) => c.notNull())
        .addColumn('days', 'integer', (c) => c.notNull())
        .addColumn('month', 'varchar(7)', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        // The order of every table's GROUP BY (measure, grp, code, days): no sort at query time.
        .addPrimaryKeyConstraint('analytics_counts_pk', ['dimension', 'measure', 'grp', 'code', 'days', 'month'])
        // The rows in key order, which is every table's GROUP BY order: a query reads one b-tree, a
        // count updates one. (SQLite only; on PostgreSQL an index on the key INCLUDE (n) does the same.)
        .$call((table) => (db.getExecutor().adapter instanceof SqliteAdapter ? table.modifyEnd(sql`without rowid`) : table))
        .execute();
    },
  },
  '003-access-log': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('access_log')
        .addColumn('position', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('event_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('at', 'varchar(40)', (c) => c.notNull())
        .addColumn('outcome', 'varchar(10)', (c) => c.notNull())
        .addColumn('principal_id', 'varchar(200)')
        .addColumn('role', 'varchar(20)')
        .addColumn('organisation', 'varchar(200)')
        .addColumn('method', 'varchar(10)', (c) => c.notNull())
        .addColumn('route', 'varchar(200)', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('request_id', 'varchar(100)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('access_log_by_principal').on('access_log').columns(['principal_id', 'position']).execute();
      await db.schema.createIndex('access_log_by_time').on('access_log').columns(['at']).execute();
      await db.schema
        .createTable('access_log_cases')
        .addColumn('position', 'varchar(40)', (c) => c.notNull())
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull())
        .addPrimaryKeyConstraint('access_log_cases_pk', ['case_id', 'position'])
        .execute();
    },
  },
  '004-log-anchors': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('log_anchors')
        .addColumn('position', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('events', 'integer', (c) => c.notNull())
        .addColumn('digest', 'varchar(64)', (c) => c.notNull())
        .addColumn('taken_at', 'varchar(40)', (c) => c.notNull())
        .execute();
    },
  },
};

/**
 * Opens (creating when missing) the SQLite read-model file and brings its schema up to date.
 * synchronous=NORMAL: the read models and their checkpoint commit together, so losing the last
 * commits on power loss only means projecting those events again.
 */
export async function openReadModelDatabase(file: string): Promise<ReadModelDb> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<ReadModelTables>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  return db;
}

/**
 * Kysely's SQLite driver prepares every query anew; the projection runs the same few statements for
 * every event. A bounded cache of prepared statements per SQL text saves that work.
 */
function withStatementCache(database: Database.Database, size = 500): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    let statement = cache.get(source);
    if (statement === undefined) {
      statement = database.prepare(source);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
      cache.set(source, statement);
    }
    return statement;
  };
  return new Proxy(database, {
    get: (target, key) => {
      if (key === 'prepare') return prepare;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value; // native methods need the real instance
    },
  });
}

/** Deletes every row of the read models (not the schema), inside the caller's transaction. */
export async function clearReadModels(db: Kysely<ReadModelTables>): Promise<void> {
  await db.deleteFrom('case_due_items').execute();
  await db.deleteFrom('case_access').execute();
  await db.deleteFrom('case_read_model').execute();
  await db.deleteFrom('analytics_counts').execute();
  await db.deleteFrom('analytics_case').execute();
  await db.deleteFrom('access_log_cases').execute();
  await db.deleteFrom('access_log').execute();
  await db.deleteFrom('projection_checkpoints').execute();
}

export { sql };
