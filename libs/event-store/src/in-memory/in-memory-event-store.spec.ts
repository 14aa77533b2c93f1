import { randomUUID } from 'node:crypto';
import { verifyChain } from '../hash-chain';
import { NewEvent, StoredEvent } from '../port';
import { InMemoryEventStore } from './in-memory-event-store';

const ev = (n: number): NewEvent => ({
  type: 'signal',
  data: { n },
  metadata: {
    eventId: randomUUID(),
    actor: { id: 'u-1', role: 'professional', organisation: 'org-a' },
    occurredAt: '2026-11-01T09:00:00.000Z',
    correlationId: 'c',
    causationId: 'c',
    schemaVersion: 1,
  },
});

/** Appends `streams` x `perStream` events, one per append, interleaved. */
async function fill(store: InMemoryEventStore, streams: number, perStream: number): Promise<void> {
  const ids = Array.from({ length: streams }, () => `case-${randomUUID()}`);
  for (let i = 0; i < perStream; i++) {
    for (const id of ids) await store.appendToStream(id, [ev(i)], { expectedRevision: i === 0 ? 'no-stream' : i - 1 });
  }
}

/** Runs a subscription until it has seen the head, returning every delivered event (with repeats). */
async function deliveries(store: InMemoryEventStore, batchSize: number): Promise<StoredEvent[]> {
  const head = await store.headPosition();
  const delivered: StoredEvent[] = [];
  let seenHead!: () => void;
  const reachedHead = new Promise<void>((resolve) => (seenHead = resolve));
  const sub = store.subscribeToAll({
    after: null,
    batchSize,
    handler: async (batch) => {
      delivered.push(...batch);
      if (batch[batch.length - 1].position === head) seenHead();
    },
  });
  await reachedHead;
  await sub.stop();
  return delivered;
}

describe('InMemoryEventStore', () => {
  it('delivers every event exactly once without redelivery', async () => {
    const store = new InMemoryEventStore();
    await fill(store, 3, 10);
    const delivered = await deliveries(store, 4);
    expect(delivered.map((e) => e.position)).toEqual(Array.from({ length: 30 }, (_, i) => BigInt(i + 1)));
  });

  it('refuses log stream prefixes that cannot name a stream', () => {
    for (const bad of [[], [''], ['case-', 7]] as unknown as string[][]) {
      expect(() => new InMemoryEventStore({ logStreamPrefixes: bad })).toThrow(/logStreamPrefixes must be a non-empty list of non-empty strings/);
    }
    expect(() => new InMemoryEventStore({ logStreamPrefixes: ['case-'] })).not.toThrow();
  });

  describe('redelivery mode (at-least-once on purpose)', () => {
    it('delivers some events more than once, but every event at least once and each batch in order', async () => {
      const store = new InMemoryEventStore({ redeliver: { seed: 7 } });
      await fill(store, 3, 20);
      const delivered = await deliveries(store, 5);
      const distinct = new Set(delivered.map((e) => e.position));
      expect(distinct.size).toBe(60);
      expect(delivered.length).toBeGreaterThan(60);
    });

    it('breaks a projection that is not idempotent, and not one that skips what it has seen', async () => {
      const store = new InMemoryEventStore({ redeliver: true });
      await fill(store, 2, 3);
      const delivered = await deliveries(store, 2);
      const naiveCount = delivered.length;
      let checkpoint = 0n;
      let idempotentCount = 0;
      for (const event of delivered) {
        if (event.position <= checkpoint) continue;
        checkpoint = event.position;
        idempotentCount += 1;
      }
      expect(idempotentCount).toBe(6);
      expect(naiveCount).toBeGreaterThan(6);
    });

    it('is deterministic for a seed', async () => {
      const run = async (seed: number) => {
        const store = new InMemoryEventStore({ redeliver: { seed } });
        await fill(store, 2, 15);
        return (await deliveries(store, 3)).map((e) => e.position);
      };
      expect(await run(3)).toEqual(await run(3));
      expect(await run(3)).not.toEqual(await run(4));
    });
  });

  it('hands out copies: mutating what was read does not change the store', async () => {
    const store = new InMemoryEventStore();
    const s = `case-${randomUUID()}`;
    const { events } = await store.appendToStream(s, [ev(1)], { expectedRevision: 'no-stream' });
    events[0].data.n = 99;
    const [read] = await store.readStream(s);
    read.metadata.actor.id = 'someone-else';
    expect(await store.readStream(s)).toMatchObject([{ data: { n: 1 }, metadata: { actor: { id: 'u-1' } } }]);
  });

  it('tamper() changes stored history so that verification finds it', async () => {
    const store = new InMemoryEventStore();
    const s = `case-${randomUUID()}`;
    await store.appendToStream(s, [ev(0), ev(1), ev(2)], { expectedRevision: 'no-stream' });
    expect(verifyChain(await store.readStream(s))).toMatchObject({ valid: true });
    store.tamper(s, 1, (event) => {
      event.data = { n: 100 };
    });
    expect(verifyChain(await store.readStream(s))).toMatchObject({ valid: false, firstInvalidRevision: 1 });
    expect(() => store.tamper(s, 9, () => undefined)).toThrow(/no event 9/);
  });

  it('refuses work after close', async () => {
    const store = new InMemoryEventStore();
    await store.close();
    await expect(store.ready()).rejects.toThrow(/closed/);
  });
});
