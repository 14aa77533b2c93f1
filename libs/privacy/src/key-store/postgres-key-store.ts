import { Pool, PoolClient, PoolConfig } from 'pg';
import { postgresPool, postgresSessionConfig } from '@zicht/event-store';
import { MasterKey } from '../master-key';
import { CaseKeyInfo, Erasure, KeyCacheOptions, KeyStore } from './port';
import { KeyRecords, WrappedKeyStore } from './wrapped-key-store';

export interface PostgresKeyStoreOptions {
  /** postgres://… ; or give `pool` settings. */
  connectionString?: string;
  pool?: PoolConfig;
  /** The schema of the tables (default `public`); created when missing. */
  schema?: string;
  master: MasterKey;
  cache?: KeyCacheOptions;
  now?: () => number;
}

/** The wrapped key's length: a destroy overwrites it with as many zero bytes before deleting the row. */
const WRAPPED_BYTES = 61;

/**
 * The key store on PostgreSQL: `case_keys` (wrapped keys), `case_key_erasures` (who was erased,
 * when) and `key_store_meta` (the master key's check value). Creating a key and destroying one take
 * a per-case advisory lock, so a destroy and a creation of the same case never interleave; a
 * creation also holds the check value's row (FOR SHARE), so a rotation by another process either
 * re-wraps the new key or makes the creation fail, never leaving it wrapped by the old master key.
 */
class PostgresKeyRecords implements KeyRecords {
  readonly kind = 'postgres';
  readonly where: string;
  private readonly t: { meta: string; keys: string; erasures: string };

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {
    this.where = `PostgreSQL schema ${schema}`;
    const q = (name: string) => `"${schema}"."${name}"`;
    this.t = { meta: q('key_store_meta'), keys: q('case_keys'), erasures: q('case_key_erasures') };
  }

  async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('zicht-key-store-migrate'))");
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.t.meta} (name text PRIMARY KEY, value text NOT NULL)`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.t.keys} (case_id text COLLATE "C" PRIMARY KEY, wrapped bytea NOT NULL, created_at timestamptz NOT NULL)`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.t.erasures} (case_id text COLLATE "C" PRIMARY KEY, erased_at timestamptz NOT NULL)`);
    });
  }

  async initCheck(check: string): Promise<string> {
    await this.pool.query(`INSERT INTO ${this.t.meta} (name, value) VALUES ('check', $1) ON CONFLICT (name) DO NOTHING`, [check]);
    return this.check(this.pool);
  }

  async read(caseId: string): Promise<{ wrapped: Buffer } | { erasedAt: string } | null> {
    const { rows } = await this.pool.query<{ wrapped: Buffer | null; erased_at: Date | null }>(
      `SELECT NULL::bytea AS wrapped, erased_at FROM ${this.t.erasures} WHERE case_id = $1
       UNION ALL SELECT wrapped, NULL FROM ${this.t.keys} WHERE case_id = $1
       ORDER BY 2 NULLS LAST LIMIT 1`,
      [caseId],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.erased_at !== null) return { erasedAt: row.erased_at.toISOString() };
    return { wrapped: row.wrapped as Buffer };
  }

  insert(caseId: string, wrapped: Buffer, createdAt: string, check: string): Promise<'inserted' | 'exists' | 'erased' | 'check-mismatch'> {
    return this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`zicht-case-key:${caseId}`]);
      const inserted = await client.query(
        `WITH guard AS (SELECT 1 FROM ${this.t.meta} WHERE name = 'check' AND value = $4 FOR SHARE)
         INSERT INTO ${this.t.keys} (case_id, wrapped, created_at)
         SELECT $1, $2, $3 FROM guard WHERE NOT EXISTS (SELECT 1 FROM ${this.t.erasures} WHERE case_id = $1)
         ON CONFLICT (case_id) DO NOTHING`,
        [caseId, wrapped, createdAt, check],
      );
      if (inserted.rowCount === 1) return 'inserted';
      if ((await this.check(client)) !== check) return 'check-mismatch';
      const erased = await client.query(`SELECT 1 FROM ${this.t.erasures} WHERE case_id = $1`, [caseId]);
      return erased.rowCount ? 'erased' : 'exists';
    });
  }

  erase(caseId: string, at: string): Promise<Erasure> {
    return this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`zicht-case-key:${caseId}`]);
      const previous = await client.query<{ erased_at: Date }>(`SELECT erased_at FROM ${this.t.erasures} WHERE case_id = $1`, [caseId]);
      if (previous.rows[0]) return { erasedAt: previous.rows[0].erased_at.toISOString(), first: false };
      await client.query(`INSERT INTO ${this.t.erasures} (case_id, erased_at) VALUES ($1, $2)`, [caseId, at]);
      // Overwrite, then delete. PostgreSQL keeps old row versions until VACUUM reclaims them (see docs/privacy.md).
      await client.query(`UPDATE ${this.t.keys} SET wrapped = $2 WHERE case_id = $1`, [caseId, Buffer.alloc(WRAPPED_BYTES)]);
      await client.query(`DELETE FROM ${this.t.keys} WHERE case_id = $1`, [caseId]);
      return { erasedAt: new Date(at).toISOString(), first: true };
    });
  }

  async list(after: string | null, limit: number): Promise<CaseKeyInfo[]> {
    const { rows } = await this.pool.query<{ case_id: string; created_at: Date | null; erased_at: Date | null }>(
      `SELECT case_id, MAX(created_at) AS created_at, MAX(erased_at) AS erased_at FROM (
         SELECT case_id, created_at, NULL::timestamptz AS erased_at FROM ${this.t.keys} WHERE case_id > $1
         UNION ALL SELECT case_id, NULL, erased_at FROM ${this.t.erasures} WHERE case_id > $1
       ) AS known GROUP BY case_id ORDER BY case_id LIMIT $2`,
      [after ?? '', limit],
    );
    return rows.map((r) => ({ caseId: r.case_id, createdAt: r.created_at?.toISOString() ?? null, erasedAt: r.erased_at?.toISOString() ?? null }));
  }

  rewrapAll(oldCheck: string, newCheck: string, rewrap: (caseId: string, wrapped: Buffer) => Buffer): Promise<number | 'check-mismatch'> {
    return this.transaction(async (client) => {
      // Holding the check row makes concurrent creations wait, and then fail their guard.
      const current = await client.query<{ value: string }>(`SELECT value FROM ${this.t.meta} WHERE name = 'check' FOR UPDATE`);
      if (current.rows[0]?.value !== oldCheck) return 'check-mismatch' as const;
      const { rows } = await client.query<{ case_id: string; wrapped: Buffer }>(`SELECT case_id, wrapped FROM ${this.t.keys} ORDER BY case_id FOR UPDATE`);
      const ids = rows.map((r) => r.case_id);
      const wraps = rows.map((r) => rewrap(r.case_id, r.wrapped));
      for (let i = 0; i < ids.length; i += 5000) {
        await client.query(
          `UPDATE ${this.t.keys} AS k SET wrapped = n.wrapped FROM unnest($1::text[], $2::bytea[]) AS n(case_id, wrapped) WHERE k.case_id = n.case_id`,
          [ids.slice(i, i + 5000), wraps.slice(i, i + 5000)],
        );
      }
      await client.query(`UPDATE ${this.t.meta} SET value = $1 WHERE name = 'check'`, [newCheck]);
      return rows.length;
    });
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async check(client: Pick<Pool, 'query'>): Promise<string> {
    const { rows } = await client.query<{ value: string }>(`SELECT value FROM ${this.t.meta} WHERE name = 'check'`);
    return rows[0].value;
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

export async function openPostgresKeyStore(options: PostgresKeyStoreOptions): Promise<KeyStore> {
  const schema = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new RangeError(`not a plain schema name: ${JSON.stringify(schema)}`);
  // Sessions as every other of ours: ended within seconds when this machine vanishes, and a session the
  // server ends fails its next query instead of ending the process.
  const pool = postgresPool({ ...(options.pool ?? {}), ...(options.connectionString ? postgresSessionConfig(options.connectionString) : {}) });
  const records = new PostgresKeyRecords(pool, schema);
  try {
    await records.migrate();
  } catch (error) {
    await pool.end();
    throw error;
  }
  return WrappedKeyStore.open(records, options.master, options);
}
