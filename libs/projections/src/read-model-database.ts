import Database from 'better-sqlite3';
import { Kysely, Migration, Migrator, SqliteDialect, sql } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The read-model tables. Queries go through Kysely and use only portable SQL, so the read models
 * can move to PostgreSQL (Kysely's PostgresDialect) when the platform runs on several machines.
 */
export interface ReadModelTables {
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
  const db = new Kysely<ReadModelTables>({ dialect: new SqliteDialect({ database }) });
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  return db;
}

/** Deletes every row of the read models (not the schema), inside the caller's transaction. */
export async function clearReadModels(db: Kysely<ReadModelTables>): Promise<void> {
  await db.deleteFrom('case_due_items').execute();
  await db.deleteFrom('case_access').execute();
  await db.deleteFrom('case_read_model').execute();
  await db.deleteFrom('projection_checkpoints').execute();
}

export { sql };
