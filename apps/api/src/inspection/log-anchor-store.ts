import { Kysely, Migration, Migrator } from 'kysely';

/**
 * Where the anchors of the global log are kept: in the read-model database, but no projection (a
 * rebuild never touches them, so that the log can be checked against them later). Its own table
 * and its own migrations; the table of an earlier layout (the same name and columns) is kept with
 * its anchors.
 */
export interface LogAnchorRow {
  /** The anchored position, zero-padded (sorts as it counts). */
  position: string;
  events: number;
  digest: string;
  taken_at: string;
}

interface LogAnchorTables {
  log_anchors: LogAnchorRow;
}

const migrations: Record<string, Migration> = {
  '001-log-anchors': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('log_anchors')
        .ifNotExists()
        .addColumn('position', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('events', 'integer', (c) => c.notNull())
        .addColumn('digest', 'varchar(64)', (c) => c.notNull())
        .addColumn('taken_at', 'varchar(40)', (c) => c.notNull())
        .execute();
    },
  },
};

export class LogAnchorStore {
  private constructor(private readonly db: Kysely<LogAnchorTables>) {}

  /** Brings the anchors' table up to date on `db` (any read-model database) and returns the store. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  static async open(db: Kysely<any>): Promise<LogAnchorStore> {
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
      migrationTableName: 'log_anchor_migrations',
      migrationLockTableName: 'log_anchor_migrations_lock',
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return new LogAnchorStore(db as Kysely<LogAnchorTables>);
  }

  /** Newest first. */
  list(limit: number): Promise<LogAnchorRow[]> {
    return this.db.selectFrom('log_anchors').selectAll().orderBy('position', 'desc').limit(limit).execute();
  }

  async last(): Promise<LogAnchorRow | null> {
    return (await this.db.selectFrom('log_anchors').selectAll().orderBy('position', 'desc').limit(1).executeTakeFirst()) ?? null;
  }

  async add(row: LogAnchorRow): Promise<void> {
    await this.db.insertInto('log_anchors').values(row).execute();
  }
}
