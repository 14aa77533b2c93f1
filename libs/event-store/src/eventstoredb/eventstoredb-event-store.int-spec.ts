import { randomUUID } from 'node:crypto';
import { EventStoreUnavailableError, NewEvent } from '../port';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// Runs without a server: what the adapter answers when EventStoreDB cannot be reached. (The full
// contract against a real server is in event-store.contract.int-spec.ts.)
describe('EventStoreDbEventStore when the server cannot be reached', () => {
  let store: EventStoreDbEventStore;
  beforeEach(() => {
    store = new EventStoreDbEventStore({ connectionString: 'esdb://127.0.0.1:1?tls=false', readyTimeoutMs: 3_000 });
  });
  afterEach(() => store.close());

  const ev = (): NewEvent => ({
    type: 'signal',
    data: { n: 1 },
    metadata: {
      eventId: randomUUID(),
      actor: { id: 'u-1', role: 'professional', organisation: 'org-a' },
      occurredAt: '2026-11-01T09:00:00.000Z',
      correlationId: 'c',
      causationId: 'c',
      schemaVersion: 1,
    },
  });

  it('ready() rejects with EventStoreUnavailableError', async () => {
    await expect(store.ready()).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('appends and reads fail with EventStoreUnavailableError', async () => {
    await expect(store.appendToStream(`case-${randomUUID()}`, [ev()], { expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readStream(`case-${randomUUID()}`)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('a subscription ends through `failed`', async () => {
    const sub = store.subscribeToAll({ after: null, handler: async () => undefined });
    await expect(sub.failed).resolves.toBeInstanceOf(EventStoreUnavailableError);
    await sub.stop();
  });
});
