import { PostgresEventStore } from '@zicht/event-store';
import { MasterKey, generateMasterKeyText, openPostgresKeyStore } from '@zicht/privacy';
import { sql } from 'kysely';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { readModelDatabases } from './read-model-databases';

/**
 * The server may end any session at any time: a restart, a failover, an administrator, a timeout.
 * Each store's pool must outlive that (pg raises the error of an idle session on its pool, which
 * ends the process when nobody listens) and answer the next query on a new session.
 */
const url = process.env.ZICHT_TEST_DATABASE_URL;

async function terminate(pids: number[] | string): Promise<void> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    if (typeof pids === 'string') await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [pids]);
    else await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
  } finally {
    await admin.end();
  }
  await new Promise((resolve) => setTimeout(resolve, 200)); // the FATAL reaches the idle sessions
}

async function dropSchema(schema: string): Promise<void> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await admin.end();
  }
}

if (url) {
  describe('the PostgreSQL sessions of every store, ended by the server', () => {
    it('the read models: an idle session ended is dropped, and the next query runs on a new one', async () => {
      const databases = readModelDatabases('postgres');
      try {
        const db = await databases.open();
        const before = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db);
        await terminate(before.rows.map((r) => r.pid));
        const after = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db);
        expect(after.rows[0].pid).not.toBe(before.rows[0].pid);
      } finally {
        await databases.closeAll();
      }
    });

    it('the event store: an idle session ended is dropped, and the next append runs on a new one', async () => {
      const schema = `zicht_sessions_${randomBytes(5).toString('hex')}`;
      const store = new PostgresEventStore({ connectionString: url, schema });
      const pool = (store as unknown as { pool: { query: (text: string) => Promise<{ rows: Array<{ pid: number }> }> } }).pool;
      try {
        await store.ready();
        const before = (await pool.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        await terminate([before]);
        const streamId = `case-${randomUUID()}`;
        const meta = { eventId: randomUUID(), actor: { id: 'u-1', role: 'professional', organisation: 'org-a' }, occurredAt: '2026-11-01T09:00:00.000Z', correlationId: 'c', causationId: 'c', schemaVersion: 1 };
        await store.appendToStream(streamId, [{ type: 'signal', data: { n: 1 }, metadata: meta }], { expectedRevision: 'no-stream' });
        expect(await store.readStream(streamId)).toHaveLength(1);
      } finally {
        await store.close();
        await dropSchema(schema);
      }
    });

    it('the key store: its idle sessions ended are dropped, and the next key is read on a new one', async () => {
      const schema = `zicht_sessions_keys_${randomBytes(5).toString('hex')}`;
      const name = `zicht-test-keys-${randomBytes(4).toString('hex')}`; // its sessions alone are ended
      const keys = await openPostgresKeyStore({ connectionString: `${url}${url!.includes('?') ? '&' : '?'}application_name=${name}`, schema, master: MasterKey.fromBase64(generateMasterKeyText(), 'test'), cache: { maxEntries: 0 } });
      try {
        const caseId = randomUUID();
        const created = await keys.getOrCreate(caseId);
        await terminate(name);
        const read = await keys.get(caseId);
        expect(typeof read !== 'string' && read.equals(created)).toBe(true);
      } finally {
        await keys.close();
        await dropSchema(schema);
      }
    });
  });
} else {
  console.warn('PostgreSQL sessions: skipped because ZICHT_TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
}
