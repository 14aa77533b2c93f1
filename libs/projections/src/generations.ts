import { Kysely } from 'kysely';
import { dialectOf, tableNames } from './dialect';
import { Projection } from './projection';
import { GenerationNames, TableSpec, createIndexes, createTable, int, nullableText, text } from './table-spec';

/**
 * The runner's own bookkeeping: per projection its generations (the live one queries read, and one
 * being built), each with its version, checkpoint and migrations; and the events it parked.
 *
 * A generation's tables carry the suffix `__g<n>` while it is built beside a live one, and the names
 * queries use once swapped in. Indexes and constraints always carry the suffix, so that two
 * generations never clash.
 */
export const GENERATIONS = {
  name: 'projection_generations',
  columns: {
    name: text(100),
    generation: int(),
    version: int(),
    /** 'live' | 'building' */
    status: text(10),
    /** The last projected global position, zero-padded (sorts as it counts); null before the first. */
    position: nullableText(40),
    /** How many of the projection's migrations its tables have had. */
    migrations: int(),
    /** Events applied since this generation began (the progress of a build). */
    events: int(),
    /**
     * While a build reads the log stream by stream up to a head (see `ProjectionRunner`): that head
     * and the last event applied, as JSON `{"upTo":"<position>","after":["<stream id>",<revision>]|null}`;
     * `position` stays null until the sweep ends at the head. Null otherwise.
     */
    sweep: nullableText(400),
    started_at: text(40),
    updated_at: text(40),
  },
  key: ['name', 'generation'],
} satisfies TableSpec;

export const PARKED = {
  name: 'projection_parked',
  columns: {
    name: text(100),
    generation: int(),
    position: text(40),
    stream_id: text(200),
    revision: int(),
    error: text(100),
    reason: text(200),
    parked_at: text(40),
  },
  key: ['name', 'generation', 'position'],
} satisfies TableSpec;

export interface GenerationRow {
  name: string;
  generation: number;
  version: number;
  status: 'live' | 'building';
  position: string | null;
  migrations: number;
  events: number;
  sweep: string | null;
  started_at: string;
  updated_at: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const runnerNames = (db: Db): GenerationNames => ({ dialect: dialectOf(db), table: (name) => name, index: (name) => name });

export async function ensureRunnerTables(db: Db): Promise<void> {
  const existing = await tableNames(db);
  for (const spec of [GENERATIONS, PARKED]) {
    if (!existing.has(spec.name)) await createTable(db, runnerNames(db), spec);
  }
  // A table made before the sweep column: add it (nullable, so the rows it has stay as they are).
  if (existing.has(GENERATIONS.name)) {
    const hasSweep = await db.selectFrom(GENERATIONS.name).select('sweep').limit(1).execute().then(() => true, () => false);
    if (!hasSweep) await db.schema.alterTable(GENERATIONS.name).addColumn('sweep', 'varchar(400)').execute();
  }
}

const tablesOf = (projection: Projection) => projection.tables.map((t) => t.name);

/** The names of a generation's tables: the ones queries use (`live`), or suffixed beside them. */
export function generationNames(db: Db, projection: Projection, generation: number, live: boolean): GenerationNames {
  return {
    dialect: dialectOf(db),
    table: (name) => {
      if (!tablesOf(projection).includes(name)) throw new Error(`projection ${projection.name} does not own the table ${name}`);
      return live ? name : `${name}__g${generation}`;
    },
    index: (name) => `${name}__g${generation}`,
  };
}

/** Creates a generation's tables (primary keys only: see `indexGeneration`) and its row, in one transaction. */
export async function createGeneration(db: Db, projection: Projection, generation: number, live: boolean, now: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const names = generationNames(trx, projection, generation, live);
    for (const table of tablesOf(projection)) await trx.schema.dropTable(names.table(table)).ifExists().execute();
    for (const spec of projection.tables) await createTable(trx, names, spec);
    await trx
      .insertInto(GENERATIONS.name)
      .values({ name: projection.name, generation, version: projection.version, status: 'building', position: null, migrations: projection.migrations.length, events: 0, sweep: null, started_at: now, updated_at: now })
      .execute();
  });
}

/** A generation's other indexes, once it has caught up (again after a restart: each only once). */
export async function indexGeneration(db: Db, projection: Projection, generation: number, live: boolean): Promise<void> {
  const names = generationNames(db, projection, generation, live);
  for (const spec of projection.tables) await createIndexes(db, names, spec);
}

/** Runs the migrations a live generation has not had yet. */
export async function migrateGeneration(db: Db, projection: Projection, row: GenerationRow, live: boolean): Promise<void> {
  if (row.migrations > projection.migrations.length) {
    throw new Error(`the read model ${projection.name} has ${row.migrations} migrations, more than this program knows (${projection.migrations.length}); upgrade the program`);
  }
  if (row.migrations === projection.migrations.length) return;
  await db.transaction().execute(async (trx) => {
    const names = generationNames(trx, projection, row.generation, live);
    for (const migrate of projection.migrations.slice(row.migrations)) await migrate(trx, names);
    await trx.updateTable(GENERATIONS.name).set({ migrations: projection.migrations.length }).where('name', '=', row.name).where('generation', '=', row.generation).execute();
  });
}

/** Drops a generation's tables, its row and its parked events. */
export async function dropGeneration(db: Db, projection: Projection, generation: number, live: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const names = generationNames(trx, projection, generation, live);
    for (const table of tablesOf(projection)) await trx.schema.dropTable(names.table(table)).ifExists().execute();
    await trx.deleteFrom(GENERATIONS.name).where('name', '=', projection.name).where('generation', '=', generation).execute();
    await trx.deleteFrom(PARKED.name).where('name', '=', projection.name).where('generation', '=', generation).execute();
  });
}

/**
 * Inside the swap's transaction: the built generation takes the names queries use, the old one (if
 * any) goes with its parked events. Afterwards every query reads the new tables.
 */
export async function swapIn(trx: Db, projection: Projection, built: { generation: number; inPlace: boolean; position: string | null }, old: number | null): Promise<void> {
  if (!built.inPlace) {
    for (const table of tablesOf(projection)) {
      await trx.schema.dropTable(table).ifExists().execute();
      await trx.schema.alterTable(`${table}__g${built.generation}`).renameTo(table).execute();
    }
  }
  if (old !== null) {
    await trx.deleteFrom(GENERATIONS.name).where('name', '=', projection.name).where('generation', '=', old).execute();
    await trx.deleteFrom(PARKED.name).where('name', '=', projection.name).where('generation', '=', old).execute();
  }
  await trx.updateTable(GENERATIONS.name).set({ status: 'live', position: built.position }).where('name', '=', projection.name).where('generation', '=', built.generation).execute();
}
