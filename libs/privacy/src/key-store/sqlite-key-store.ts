import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync } from 'node:fs';
import { MasterKey } from '../master-key';
import { CaseKeyInfo, Erasure, KeyCacheOptions, KeyStore } from './port';
import { KeyRecords, WrappedKeyStore } from './wrapped-key-store';

/** Bumped with every migration below; stored in `PRAGMA user_version`. */
const SCHEMA_VERSION = 1;

const MIGRATIONS: Record<number, string> = {
  1: `
    CREATE TABLE key_store_meta (
      name  TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE case_keys (
      case_id    TEXT PRIMARY KEY,
      wrapped    BLOB NOT NULL,
      created_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE case_key_erasures (
      case_id   TEXT PRIMARY KEY,
      erased_at TEXT NOT NULL
    ) WITHOUT ROWID;
  `,
};

export interface SqliteKeyStoreOptions {
  /** The key store file, `<data dir>/keys.sqlite` (created with mode 0600 when missing). */
  file: string;
  master: MasterKey;
  cache?: KeyCacheOptions;
  busyTimeoutMs?: number;
  now?: () => number;
}

/**
 * The embedded key store: one SQLite file beside the event store, never inside it. WAL mode with
 * synchronous=FULL (a key is durable before the event it encrypts is appended), secure_delete=ON
 * (deleted rows and freed pages are overwritten with zeros), and after every destroy the WAL is
 * checkpointed and truncated, so a destroyed key is left in no page of any file of the store.
 */
class SqliteKeyRecords implements KeyRecords {
  readonly kind = 'sqlite';
  readonly where: string;
  private readonly db: Database.Database;
  private readonly statements: ReturnType<SqliteKeyRecords['prepare']>;
  private readonly eraseTx: (caseId: string, at: string) => Erasure;
  private readonly rewrapTx: (oldCheck: string, newCheck: string, rewrap: (caseId: string, wrapped: Buffer) => Buffer) => number | 'check-mismatch';
  private dataVersion: number;
  /** A destroy whose WAL could not be truncated yet (another connection was reading); retried. */
  private walToTruncate = false;

  constructor(file: string, busyTimeoutMs: number) {
    this.where = file;
    if (!existsSync(file)) closeSync(openSync(file, 'wx', 0o600)); // an empty file is an empty database; WAL and SHM take its mode
    this.db = new Database(file);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('secure_delete = ON');
      this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
      this.migrate();
      this.statements = this.prepare();
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.dataVersion = this.statements.dataVersion.get() as number;
    this.eraseTx = this.db.transaction((caseId: string, at: string): Erasure => {
      const previous = this.statements.erasure.get(caseId) as string | undefined;
      if (previous !== undefined) return { erasedAt: previous, first: false };
      this.statements.insertErasure.run(caseId, at);
      this.statements.deleteKey.run(caseId);
      return { erasedAt: at, first: true };
    }).immediate;
    this.rewrapTx = this.db.transaction((oldCheck: string, newCheck: string, rewrap: (caseId: string, wrapped: Buffer) => Buffer) => {
      if (this.statements.check.get() !== oldCheck) return 'check-mismatch' as const;
      const rows = this.statements.allKeys.all() as Array<{ case_id: string; wrapped: Buffer }>;
      for (const row of rows) this.statements.updateKey.run(rewrap(row.case_id, row.wrapped), row.case_id);
      this.statements.setCheck.run(newCheck);
      return rows.length;
    }).immediate;
  }

  async initCheck(check: string): Promise<string> {
    this.statements.initCheck.run(check);
    return this.statements.check.get() as string;
  }

  async read(caseId: string): Promise<{ wrapped: Buffer } | { erasedAt: string } | null> {
    const row = this.statements.read.get(caseId, caseId) as { wrapped: Buffer | null; erased_at: string | null } | undefined;
    if (!row) return null;
    if (row.erased_at !== null) return { erasedAt: row.erased_at };
    return { wrapped: row.wrapped as Buffer };
  }

  async insert(caseId: string, wrapped: Buffer, createdAt: string, check: string): Promise<'inserted' | 'exists' | 'erased' | 'check-mismatch'> {
    const result = this.statements.insertKey.run(caseId, wrapped, createdAt, check, caseId);
    if (result.changes === 1) return 'inserted';
    if (this.statements.check.get() !== check) return 'check-mismatch';
    return this.statements.erasure.get(caseId) !== undefined ? 'erased' : 'exists';
  }

  async erase(caseId: string, at: string): Promise<Erasure> {
    const erasure = this.eraseTx(caseId, at);
    if (erasure.first) this.walToTruncate = true;
    this.truncateWal();
    return erasure;
  }

  async list(after: string | null, limit: number): Promise<CaseKeyInfo[]> {
    const rows = this.statements.list.all(after ?? '', after ?? '', limit) as Array<{ case_id: string; created_at: string | null; erased_at: string | null }>;
    return rows.map((r) => ({ caseId: r.case_id, createdAt: r.created_at, erasedAt: r.erased_at }));
  }

  async rewrapAll(oldCheck: string, newCheck: string, rewrap: (caseId: string, wrapped: Buffer) => Buffer): Promise<number | 'check-mismatch'> {
    const outcome = this.rewrapTx(oldCheck, newCheck, rewrap);
    // The old wraps are no use without the old master key; still, leave them in no file.
    if (outcome !== 'check-mismatch') {
      this.walToTruncate = true;
      this.truncateWal();
    }
    return outcome;
  }

  changedElsewhere(): boolean {
    const version = this.statements.dataVersion.get() as number;
    const changed = version !== this.dataVersion;
    this.dataVersion = version;
    return changed;
  }

  async ping(): Promise<void> {
    if (!this.db.open) throw new Error('the SQLite key store is closed');
    this.statements.check.get();
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.truncateWal();
    this.db.close();
  }

  private truncateWal(): void {
    if (!this.walToTruncate) return;
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (result && result.busy === 0) this.walToTruncate = false;
  }

  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) throw new Error(`${this.where} has key store schema ${current}; this version knows up to ${SCHEMA_VERSION}`);
    for (let v = current + 1; v <= SCHEMA_VERSION; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]);
        this.db.pragma(`user_version = ${v}`);
      }).immediate();
    }
  }

  private prepare() {
    const db = this.db;
    return {
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
      check: db.prepare("SELECT value FROM key_store_meta WHERE name = 'check'").pluck(),
      initCheck: db.prepare("INSERT OR IGNORE INTO key_store_meta (name, value) VALUES ('check', ?)"),
      setCheck: db.prepare("UPDATE key_store_meta SET value = ? WHERE name = 'check'"),
      read: db.prepare(
        `SELECT * FROM (
           SELECT NULL AS wrapped, erased_at FROM case_key_erasures WHERE case_id = ?
           UNION ALL SELECT wrapped, NULL AS erased_at FROM case_keys WHERE case_id = ?
         ) ORDER BY erased_at IS NULL LIMIT 1`,
      ),
      erasure: db.prepare('SELECT erased_at FROM case_key_erasures WHERE case_id = ?').pluck(),
      insertKey: db.prepare(
        `INSERT OR IGNORE INTO case_keys (case_id, wrapped, created_at)
         SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM key_store_meta WHERE name = 'check' AND value = ?)
           AND NOT EXISTS (SELECT 1 FROM case_key_erasures WHERE case_id = ?)`,
      ),
      insertErasure: db.prepare('INSERT INTO case_key_erasures (case_id, erased_at) VALUES (?, ?)'),
      deleteKey: db.prepare('DELETE FROM case_keys WHERE case_id = ?'),
      allKeys: db.prepare('SELECT case_id, wrapped FROM case_keys'),
      updateKey: db.prepare('UPDATE case_keys SET wrapped = ? WHERE case_id = ?'),
      list: db.prepare(
        `SELECT case_id, MAX(created_at) AS created_at, MAX(erased_at) AS erased_at FROM (
           SELECT case_id, created_at, NULL AS erased_at FROM case_keys WHERE case_id > ?
           UNION ALL SELECT case_id, NULL, erased_at FROM case_key_erasures WHERE case_id > ?
         ) GROUP BY case_id ORDER BY case_id LIMIT ?`,
      ),
    };
  }
}

export function openSqliteKeyStore(options: SqliteKeyStoreOptions): Promise<KeyStore> {
  return WrappedKeyStore.open(new SqliteKeyRecords(options.file, options.busyTimeoutMs ?? 5000), options.master, options);
}
