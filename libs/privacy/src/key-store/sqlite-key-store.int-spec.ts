import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MasterKey, generateMasterKeyText } from '../master-key';
import { KeyStore } from './port';
import { openSqliteKeyStore } from './sqlite-key-store';

jest.setTimeout(60_000);

/** Every byte of every file in the directory (the database, its WAL and shared-memory file). */
function occurrences(dir: string, needle: Buffer): Record<string, number> {
  const hits: Record<string, number> = {};
  for (const name of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, name));
    let count = 0;
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) count += 1;
    if (count > 0) hits[name] = count;
  }
  return hits;
}

describe('SQLite key store files', () => {
  let dir: string;
  let file: string;
  let master: MasterKey;
  let store: KeyStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zicht-keys-'));
    file = join(dir, 'keys.sqlite');
    master = MasterKey.fromBase64(generateMasterKeyText(), 'test');
    store = await openSqliteKeyStore({ file, master });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The stored (wrapped) bytes of each case's key, read by a second connection that is closed again. */
  function wrappedKeys(): Map<string, Buffer> {
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare('SELECT case_id, wrapped FROM case_keys').all() as Array<{ case_id: string; wrapped: Buffer }>;
      return new Map(rows.map((r) => [r.case_id, r.wrapped]));
    } finally {
      db.close();
    }
  }

  it('leaves a destroyed key, raw or wrapped, in no byte of any file of the store, WAL included', async () => {
    const ids = Array.from({ length: 3000 }, () => randomUUID());
    const raw = new Map<string, Buffer>();
    // Created one by one (a transaction each), so that pages split and the WAL holds many page versions.
    for (const id of ids) raw.set(id, (await store.getOrCreate(id)).export());
    const wrapped = wrappedKeys();
    const doomed = [ids[0], ids[1], ids[1500], ids[2998], ids[2999], ...ids.filter((_, i) => i % 97 === 5)];
    // The search finds what is there: before the destroy, every wrapped key is in the files.
    for (const id of doomed) expect(Object.keys(occurrences(dir, wrapped.get(id)!)).length).toBeGreaterThan(0);
    expect(readdirSync(dir).sort()).toEqual(['keys.sqlite', 'keys.sqlite-shm', 'keys.sqlite-wal']);

    for (const id of doomed) await store.destroy(id, '2046-11-01T00:00:00Z');

    for (const id of doomed) {
      expect([id, occurrences(dir, wrapped.get(id)!)]).toEqual([id, {}]);
      expect([id, occurrences(dir, raw.get(id)!)]).toEqual([id, {}]);
      expect(await store.get(id)).toBe('erased');
    }
    // The keys that were not destroyed are still stored and still open.
    const kept = ids.filter((id) => !doomed.includes(id));
    expect(Object.keys(occurrences(dir, wrapped.get(kept[0])!)).length).toBeGreaterThan(0);
    const reopened = await openSqliteKeyStore({ file, master, cache: { maxEntries: 0 } });
    try {
      for (const id of kept.slice(0, 50)) expect((await reopened.get(id) as { export(): Buffer }).export()).toEqual(raw.get(id));
    } finally {
      await reopened.close();
    }
    // No unwrapped key was ever written.
    for (const id of kept.slice(0, 50)) expect([id, occurrences(dir, raw.get(id)!)]).toEqual([id, {}]);
  });

  it('creates the store file with mode 0600', () => {
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('sees a destroy through another connection at once, whatever the cache TTL', async () => {
    const caseId = randomUUID();
    await store.getOrCreate(caseId);
    const other = await openSqliteKeyStore({ file, master });
    try {
      await other.destroy(caseId, '2046-11-01T00:00:00Z');
    } finally {
      await other.close();
    }
    expect(await store.get(caseId)).toBe('erased');
  });
});
