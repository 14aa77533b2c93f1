import { Projection, ProjectionWriter, ReadModelDb, openReadModelDatabase } from '@zicht/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * The databases every projection suite runs on: SQLite always, and PostgreSQL when
 * ZICHT_TEST_DATABASE_URL is set (each database opened in a fresh schema, dropped afterwards).
 * Without it the PostgreSQL runs are not registered, and that is said once, plainly.
 */
const url = process.env.ZICHT_TEST_DATABASE_URL;
export const DIALECTS: Array<'sqlite' | 'postgres'> = url ? ['sqlite', 'postgres'] : ['sqlite'];
if (!url) console.warn('Projections: the PostgreSQL runs were skipped because ZICHT_TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/zicht_test).');

let opened = 0;
const run = `${process.pid}_${Date.now().toString(36)}`;

/** Opens fresh read-model databases of one dialect; `closeAll` destroys them (and drops their schemas). */
export function readModelDatabases(dialect: 'sqlite' | 'postgres') {
  const open: Array<{ db: ReadModelDb; drop: () => Promise<void> }> = [];
  let dir: string | null = null;
  return {
    async open(): Promise<ReadModelDb> {
      opened += 1;
      if (dialect === 'sqlite') {
        dir ??= mkdtempSync(join(tmpdir(), 'zicht-read-models-'));
        const db = await openReadModelDatabase(join(dir, `read-models-${opened}.sqlite`));
        open.push({ db, drop: async () => undefined });
        return db;
      }
      const schema = `zicht_projections_${run}_${opened}`;
      const db = await openReadModelDatabase(url!, { schema });
      open.push({
        db,
        drop: async () => {
          const client = new Client({ connectionString: url });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await client.end();
        },
      });
      return db;
    },
    async closeAll(): Promise<void> {
      for (const { db, drop } of open.splice(0)) {
        await db.destroy();
        await drop();
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = null;
    },
  };
}

/** The projection, counting the events its writers are given (per batch). */
export function counting(projection: Projection, applied: number[], overrides: Partial<Pick<Projection, 'version'>> = {}): Projection {
  return {
    name: projection.name,
    version: overrides.version ?? projection.version,
    tables: projection.tables,
    migrations: projection.migrations,
    createWriter: (names): ProjectionWriter => {
      const writer = projection.createWriter(names);
      return {
        apply: async (trx, events, batch) => {
          applied.push(events.length);
          await writer.apply(trx, events, batch);
        },
      };
    },
  };
}

export const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
