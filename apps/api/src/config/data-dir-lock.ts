import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'zicht.lock';
const OWNER_FILE = 'zicht.lock.json';

/** Another process owns the data directory. Its message is the one line printed before exiting. */
export class DataDirectoryInUseError extends Error {
  constructor(
    readonly dataDir: string,
    owner: { pid?: number; purpose?: string } | null,
  ) {
    const who = owner?.pid ? ` (${owner.purpose ?? 'zicht'}, pid ${owner.pid})` : '';
    super(`the data directory ${dataDir} is in use by another zicht process${who}; stop it first, or give this one another ZICHT_DATA_DIR`);
    this.name = 'DataDirectoryInUseError';
  }
}

/**
 * One process owns an embedded data directory: the server, or a CLI command that writes (seed,
 * rebuild-projections, the in-process demo). Two writers would race the projections' checkpoint and
 * the access log's day streams.
 *
 * The lock is SQLite's own exclusive lock on `zicht.lock` (locking_mode=EXCLUSIVE, held until the
 * connection closes): an advisory lock of the operating system, which it releases when the process
 * ends in any way, SIGKILL and power loss included. So there is no stale lock to time out or clean
 * up, and a server killed with -9 can be started again at once. (A lock file of the mkdir or pid kind
 * would need a staleness guess instead.) The owner's pid is written beside it for the message only.
 */
export class DataDirectoryLock {
  private constructor(
    private db: Database.Database | null,
    readonly dataDir: string,
  ) {}

  /** Takes the directory (creating it) or throws DataDirectoryInUseError at once. */
  static acquire(dataDir: string, purpose: string): DataDirectoryLock {
    mkdirSync(dataDir, { recursive: true });
    // A short busy timeout settles two processes starting at the same instant: one wins, one is told.
    const db = new Database(join(dataDir, LOCK_FILE), { timeout: 250 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = MEMORY');
      db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS owner (pid INTEGER NOT NULL); DELETE FROM owner;');
      db.prepare('INSERT INTO owner (pid) VALUES (?)').run(process.pid);
      db.exec('COMMIT'); // in exclusive locking mode the lock outlives the transaction
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DataDirectoryInUseError(dataDir, readOwner(dataDir));
      throw error;
    }
    writeFileSync(join(dataDir, OWNER_FILE), `${JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() })}\n`);
    return new DataDirectoryLock(db, dataDir);
  }

  release(): void {
    this.db?.close();
    this.db = null;
  }
}

function readOwner(dataDir: string): { pid?: number; purpose?: string } | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')) as { pid?: number; purpose?: string };
  } catch {
    return null;
  }
}
