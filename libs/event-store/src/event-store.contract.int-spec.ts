import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { eventStoreContract } from './event-store.contract';
import { InMemoryEventStore } from './in-memory/in-memory-event-store';
import { dropPostgresSchema } from './postgres/postgres-admin';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

jest.setTimeout(30_000);

eventStoreContract('in-memory', async (clock, log) => {
  const store = new InMemoryEventStore({ clock, ...log });
  return { store, empty: true, cleanup: () => store.close() };
});

eventStoreContract('sqlite', async (clock, log) => {
  const dir = mkdtempSync(join(tmpdir(), 'zicht-contract-'));
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), clock, ...log });
  return {
    store,
    empty: true,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
if (connectionString) {
  eventStoreContract('eventstoredb', async (clock, log) => {
    const store = new EventStoreDbEventStore({ connectionString, clock, ...log });
    return { store, empty: false, cleanup: () => store.close() };
  });
} else {
  // Not registered rather than skipped: say so plainly once.
  console.warn('EventStore contract: the EventStoreDB run was skipped because EVENTSTORE_CONNECTION_STRING is not set (e.g. esdb://localhost:2113?tls=false).');
}

const databaseUrl = process.env.ZICHT_TEST_DATABASE_URL;
if (databaseUrl) {
  // Every store in its own schema, created by the store and dropped afterwards.
  eventStoreContract('postgres', async (clock, log) => {
    const schema = `zicht_contract_${randomBytes(6).toString('hex')}`;
    const store = new PostgresEventStore({ connectionString: databaseUrl, schema, clock, pollMs: 200, ...log });
    return {
      store,
      empty: true,
      cleanup: async () => {
        await store.close();
        await dropPostgresSchema(databaseUrl, schema);
      },
    };
  });
} else {
  console.warn('EventStore contract: the PostgreSQL run was skipped because ZICHT_TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
}
