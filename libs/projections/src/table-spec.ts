import { Kysely } from 'kysely';
import { Dialect, keyOrdered } from './dialect';

/**
 * A read-model table described once: its migration creates it from this, its writer checks every
 * row against it before writing (so an event of an unexpected shape is parked instead of failing the
 * batch), and its TypeScript row type (`RowOf`) is derived from it for the typed Kysely queries.
 */
export type Column = { type: 'text'; max: number; nullable?: boolean } | { type: 'long-text' } | { type: 'int'; nullable?: boolean };

export interface TableSpec<C extends Record<string, Column> = Record<string, Column>> {
  /** The name queries use (the live generation's table). */
  name: string;
  columns: C;
  /** The primary key; omitted for a table that is only ever read and deleted by an index. */
  key?: Array<keyof C & string>;
  /** Every column is key (see dialect.ts: WITHOUT ROWID on SQLite). */
  keyOrdered?: boolean;
  indexes?: Record<string, Array<keyof C & string>>;
}

type ValueOf<C extends Column> = C extends { type: 'int' } ? number : string;
type NullableOf<C extends Column> = C extends { nullable: true } ? null : never;
export type RowOf<S extends TableSpec> = { [K in keyof S['columns']]: ValueOf<S['columns'][K]> | NullableOf<S['columns'][K]> };

export const text = (max: number) => ({ type: 'text', max }) as { type: 'text'; max: number };
export const nullableText = (max: number) => ({ type: 'text', max, nullable: true }) as { type: 'text'; max: number; nullable: true };
export const longText = () => ({ type: 'long-text' }) as const;
export const int = () => ({ type: 'int' }) as const;

/** An event that a projection cannot turn into rows; its message names the field and rule, never a value. */
export class ProjectionDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectionDataError';
  }
}

/** The names of one generation's tables, indexes and constraints (see projection-runner.ts). */
export interface GenerationNames {
  readonly dialect: Dialect;
  /** The physical name of one of the projection's tables in this generation. */
  table(name: string): string;
  /** An index or constraint name, unique across generations. */
  index(name: string): string;
}

/** Creates the table with its primary key (its other indexes: `createIndexes`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function createTable(db: Kysely<any>, names: GenerationNames, spec: TableSpec): Promise<void> {
  const table = names.table(spec.name);
  let builder = db.schema.createTable(table);
  for (const [column, c] of Object.entries(spec.columns)) {
    const type = c.type === 'int' ? 'integer' : c.type === 'long-text' ? 'text' : (`varchar(${c.max})` as const);
    builder = builder.addColumn(column, type, (col) => (c.type !== 'long-text' && c.nullable ? col : col.notNull()));
  }
  if (spec.key) builder = builder.addPrimaryKeyConstraint(names.index(`${spec.name}_pk`), spec.key as never[]);
  if (spec.keyOrdered) builder = keyOrdered(builder, names.dialect);
  await builder.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function createIndexes(db: Kysely<any>, names: GenerationNames, spec: TableSpec): Promise<void> {
  for (const [index, columns] of Object.entries(spec.indexes ?? {})) {
    await db.schema.createIndex(names.index(index)).ifNotExists().on(names.table(spec.name)).columns(columns).execute();
  }
}

/** The row's values in column order, after checking each against the spec. */
export function rowValues(spec: TableSpec, row: Record<string, unknown>): unknown[] {
  const values: unknown[] = [];
  for (const [column, c] of Object.entries(spec.columns)) {
    const value = row[column];
    if (value === null && c.type !== 'long-text' && c.nullable) {
      values.push(null);
      continue;
    }
    if (c.type === 'int' ? !Number.isSafeInteger(value) : typeof value !== 'string' || (c.type === 'text' && value.length > c.max)) {
      const expected = c.type === 'int' ? 'a whole number' : c.type === 'text' ? `a text of at most ${c.max} characters` : 'a text';
      throw new ProjectionDataError(`${spec.name}.${column} would not be ${expected}`);
    }
    values.push(value);
  }
  return values;
}
