import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { keyStoreContract } from './key-store.contract';
import { InMemoryKeyStorage, openInMemoryKeyStore } from './in-memory-key-store';
import { openPostgresKeyStore } from './postgres-key-store';
import { openSqliteKeyStore } from './sqlite-key-store';

jest.setTimeout(30_000);

keyStoreContract('in-memory', async () => {
  const storage = new InMemoryKeyStorage();
  return { open: (master, cache) => openInMemoryKeyStore({ master, storage, cache }), cleanup: async () => undefined };
});

keyStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zicht-keys-contract-'));
  return {
    open: (master, cache) => openSqliteKeyStore({ file: join(dir, 'keys.sqlite'), master, cache }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

const connectionString = process.env.ZICHT_TEST_DATABASE_URL;
if (connectionString) {
  keyStoreContract('postgres', async () => {
    // A schema per test: the tables start empty and are dropped after.
    const schema = `zicht_keys_${randomBytes(6).toString('hex')}`;
    return {
      open: (master, cache) => openPostgresKeyStore({ connectionString, schema, master, cache }),
      cleanup: async () => {
        const client = new Client({ connectionString });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await client.end();
        }
      },
    };
  });
} else {
  // Not registered rather than skipped: say so plainly once.
  console.warn('KeyStore contract: the PostgreSQL run was skipped because ZICHT_TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
}
