import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { eventStoreContract } from './event-store.contract';
import { InMemoryEventStore } from './in-memory/in-memory-event-store';
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
