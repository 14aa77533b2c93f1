import { CompiledQuery, Kysely } from 'kysely';
import { TableSpec } from './table-spec';

/**
 * The projections' writes and lookups by key, many rows per statement. Each statement's SQL is built
 * once per shape with Kysely (so it is the dialect's own) and then run again and again with new
 * values; the SQLite driver keeps the prepared statement of each SQL text (read-model-database.ts).
 * Row counts per statement are powers of two, so every table has a handful of SQL texts.
 */
const MAX_ROWS = 256;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/** What an upsert does with a row whose key is there already. */
export type OnConflict = { replace: string[] } | { add: string } | 'nothing';

export class Statements {
  private readonly texts = new Map<string, string>();

  /** Inserts (or upserts) rows: each one's values in the spec's column order, as `rowValues` checked them. */
  async write(db: Db, table: string, spec: TableSpec, values: unknown[][], onConflict?: OnConflict): Promise<void> {
    if (values.length === 0) return;
    const columns = Object.keys(spec.columns);
    for (const [from, n] of pieces(values.length)) {
      const text = this.text(`w|${table}|${JSON.stringify(onConflict ?? null)}|${n}`, () => {
        let query = db.insertInto(table).values(Array.from({ length: n }, () => Object.fromEntries(columns.map((c) => [c, 0]))));
        if (onConflict !== undefined) {
          const key = spec.key ?? [];
          query = query.onConflict((oc) => {
            const target = oc.columns(key);
            if (onConflict === 'nothing') return target.doNothing();
            if ('add' in onConflict) return target.doUpdateSet((eb) => ({ [onConflict.add]: eb(`${table}.${onConflict.add}`, '+', eb.ref(`excluded.${onConflict.add}`)) }));
            return target.doUpdateSet((eb) => Object.fromEntries(onConflict.replace.map((c) => [c, eb.ref(`excluded.${c}`)])));
          });
        }
        return query.compile().sql;
      });
      await db.executeQuery(CompiledQuery.raw(text, values.slice(from, from + n).flat()));
    }
  }

  async deleteWhereIn(db: Db, table: string, column: string, keys: readonly string[]): Promise<void> {
    for (const [from, n] of pieces(keys.length)) {
      const text = this.text(`d|${table}|${column}|${n}`, () => db.deleteFrom(table).where(column, 'in', Array(n).fill('')).compile().sql);
      await db.executeQuery(CompiledQuery.raw(text, keys.slice(from, from + n)));
    }
  }

  async selectWhereIn<R>(db: Db, table: string, columns: readonly string[], column: string, keys: readonly string[]): Promise<R[]> {
    const rows: R[] = [];
    for (const [from, n] of pieces(keys.length)) {
      const text = this.text(`s|${table}|${columns.join()}|${column}|${n}`, () => db.selectFrom(table).select(columns).where(column, 'in', Array(n).fill('')).compile().sql);
      rows.push(...(await db.executeQuery<R>(CompiledQuery.raw(text, keys.slice(from, from + n)))).rows);
    }
    return rows;
  }

  private text(key: string, build: () => string): string {
    let text = this.texts.get(key);
    if (text === undefined) this.texts.set(key, (text = build()));
    return text;
  }
}

/** [offset, count] pieces of `total`: as many full statements as fit, then the rest in powers of two. */
function pieces(total: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  for (let n = MAX_ROWS; n >= 1 && from < total; n >>= 1) {
    while (total - from >= n) {
      out.push([from, n]);
      from += n;
      if (n < MAX_ROWS) break;
    }
  }
  return out;
}
