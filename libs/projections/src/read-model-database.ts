import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { postgresPool, postgresSessionConfig } from '@zicht/event-store';
import type { AccessLogTables } from './access-log';
import { tableNames } from './dialect';
import type { AnalyticsTables } from './analytics/analytics-projection';
import type { CaseTables } from './case-read-model';
import type { RadarTables } from './radar';

/**
 * The read-model tables as queries see them (each projection owns its own, see projection.ts).
 * Queries go through Kysely and use only portable SQL; dialect.ts says where SQLite and PostgreSQL
 * differ.
 */
export interface ReadModelTables extends CaseTables, AnalyticsTables, AccessLogTables, RadarTables {}

export type ReadModelDb = Kysely<ReadModelTables>;

export interface ReadModelDatabaseOptions {
  /** PostgreSQL only: the schema to use (created when missing), e.g. a fresh one per test run. */
  schema?: string;
}

/**
 * Opens the read models: a PostgreSQL database for a `postgres://` (or `postgresql://`) URL,
 * otherwise the SQLite file at that path (created when missing; `:memory:` for a private one).
 * The projection runner creates and migrates each projection's tables when it starts.
 */
export async function openReadModelDatabase(target: string, options: ReadModelDatabaseOptions = {}): Promise<ReadModelDb> {
  const db = /^postgres(ql)?:\/\//.test(target) ? await openPostgres(target, options.schema) : openSqlite(target);
  try {
    await dropEarlierLayout(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/**
 * synchronous=NORMAL: the read models and their checkpoints commit together, so losing the last
 * commits on power loss only means projecting those events again.
 */
function openSqlite(file: string): ReadModelDb {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  // A rebuild writes far more than a page cache of 2 MB holds: 64 MB keeps its indexes in memory.
  database.pragma('cache_size = -65536');
  return new Kysely<ReadModelTables>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

async function openPostgres(url: string, schema: string | undefined): Promise<ReadModelDb> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error('the read-model schema must be a plain lower-case name');
  const session = postgresSessionConfig(url, schema ? `-c search_path=${schema}` : undefined);
  const pool = postgresPool({ ...session, application_name: session.application_name ?? 'zicht-read-models', max: 10 });
  if (schema) {
    const client = await pool.connect().catch(async (error: unknown) => {
      await pool.end();
      throw error;
    });
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      client.release();
    }
  }
  return new Kysely<ReadModelTables>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Kysely's SQLite driver prepares every query anew; the projections run the same few statements
 * for every batch. A bounded cache of prepared statements per SQL text saves that work.
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

/**
 * Read models of the earlier layout (one schema for all, one checkpoint; `kysely_migration`) are
 * dropped, to be rebuilt at start: their rows hold whole states, and one checkpoint cannot tell the
 * projections apart. The log anchors, which are no projection, stay (log-anchors owns them now).
 */
async function dropEarlierLayout(db: ReadModelDb): Promise<void> {
  const tables = await tableNames(db);
  if (!tables.has('kysely_migration') || tables.has('projection_generations')) return;
  const earlier = ['case_due_items', 'case_access', 'case_read_model', 'analytics_counts', 'analytics_case', 'access_log_cases', 'access_log', 'projection_checkpoints', 'kysely_migration_lock', 'kysely_migration'];
  await db.transaction().execute(async (trx) => {
    for (const table of earlier) if (tables.has(table)) await trx.schema.dropTable(table).execute();
  });
}
