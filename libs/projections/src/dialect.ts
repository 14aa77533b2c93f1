import { CreateTableBuilder, Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Where the read models' SQL differs between SQLite (embedded default) and PostgreSQL (several
 * machines): said here, and nowhere else. Everything else is the same Kysely query on both.
 *
 * - Upserts: both speak `INSERT ... ON CONFLICT (key) DO UPDATE SET c = excluded.c` (SQLite since
 *   3.24), so the projections write one statement for both.
 * - Key-ordered tables (`keyOrdered`): SQLite stores a table whose rows are all key `WITHOUT ROWID`
 *   (one b-tree in key order: a GROUP BY reads it in order, a counter updates one page). PostgreSQL
 *   has no such clause; its primary-key index serves the same queries.
 * - Aggregates: PostgreSQL answers COUNT and SUM over integers as bigint, which `pg` hands over as a
 *   string; every aggregate is read through `Number()`.
 * - Renaming a table (the swap after a rebuild in the shadow) is `ALTER TABLE ... RENAME TO` on both,
 *   inside the swap's transaction; index and constraint names are global per schema on PostgreSQL
 *   (and indexes on SQLite), so every generation suffixes its own.
 */
export type Dialect = 'sqlite' | 'postgres';

/*
 * - Which tables there are: Kysely's introspection lists every schema's tables on PostgreSQL; the
 *   read models live in the connection's current schema (`search_path`), so `tableNames` asks for
 *   that one.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** The tables of the read models' schema. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function tableNames(db: Kysely<any>): Promise<Set<string>> {
  if (dialectOf(db) === 'sqlite') return new Set((await db.introspection.getTables()).map((t) => t.name));
  const { rows } = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema()`.execute(db);
  return new Set(rows.map((r) => r.table_name));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function keyOrdered<T extends CreateTableBuilder<any, any>>(table: T, dialect: Dialect): T {
  return (dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table) as T;
}
