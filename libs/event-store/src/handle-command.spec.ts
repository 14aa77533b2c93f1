import { randomUUID } from 'node:crypto';
import { CommandHandler, ConcurrencyExhaustedError, IdempotencyKeyReusedError, PreconditionFailedError, StreamFolder } from './handle-command';
import { InMemoryEventStore } from './in-memory/in-memory-event-store';
import { NewEvent, WrongExpectedRevisionError } from './port';

// A counter stream: each event adds its `by` to the total.
const folder: StreamFolder<{ total: number; folded: number }> = {
  initialState: { total: 0, folded: 0 },
  evolve: (state, event) => ({ total: state.total + (event.data.by as number), folded: state.folded + 1 }),
};

const add = (by: number, extra: Partial<NewEvent['metadata']> = {}): NewEvent => ({
  type: 'added',
  data: { by },
  metadata: { eventId: randomUUID(), actor: { id: 'a', role: 'professional', organisation: 'org-a' }, occurredAt: '2026-11-01T09:00:00Z', correlationId: 'c', causationId: 'c', schemaVersion: 1, ...extra },
});

describe('CommandHandler (handleCommand)', () => {
  let store: InMemoryEventStore;
  let handler: CommandHandler<{ total: number; folded: number }>;
  const stream = () => `case-${randomUUID()}`;

  beforeEach(() => {
    store = new InMemoryEventStore();
    handler = new CommandHandler(store, folder);
  });

  it('folds the stream, decides on the state, and appends with the expected revision', async () => {
    const s = stream();
    const seen: Array<[number, number | null]> = [];
    const decide = (state: { total: number }, revision: number | null) => {
      seen.push([state.total, revision]);
      return [add(2)];
    };
    expect(await handler.handle(s, decide)).toMatchObject({ revision: 0, replayed: false, events: [{ type: 'added' }] });
    expect(await handler.handle(s, decide)).toMatchObject({ revision: 1 });
    expect(seen).toEqual([[0, null], [2, 0]]);
    expect((await handler.load(s)).state.total).toBe(4);
  });

  it('runs the guard before If-Match and idempotency, so a refused caller learns nothing of the stream', async () => {
    const s = stream();
    await handler.handle(s, () => [add(1, { idempotencyKey: 'k-1', requestHash: 'h-1' })], { idempotency: { key: 'k-1', scope: 'org-a', requestHash: 'h-1' } });
    class Hidden extends Error {}
    const guard = () => {
      throw new Hidden();
    };
    await expect(handler.handle(s, () => [add(1)], { guard, expectedRevision: 7 })).rejects.toBeInstanceOf(Hidden);
    await expect(handler.handle(s, () => [add(1)], { guard, idempotency: { key: 'k-1', scope: 'org-a', requestHash: 'h-1' } })).rejects.toBeInstanceOf(Hidden);
    const seen: Array<number | null> = [];
    await handler.handle(s, () => [add(1)], { guard: (_state, revision) => void seen.push(revision) });
    expect(seen).toEqual([0]);
    expect((await store.readStream(s)).length).toBe(2);
  });

  it('serialises concurrent commands on one stream: none lost, revisions contiguous', async () => {
    const s = stream();
    const outcomes = await Promise.all(Array.from({ length: 25 }, () => handler.handle(s, () => [add(1)])));
    expect(outcomes.map((o) => o.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect((await store.readStream(s)).length).toBe(25);
  });

  it('re-reads and re-decides when another writer got there first (another process)', async () => {
    const s = stream();
    await handler.handle(s, () => [add(1)]);
    const other = new CommandHandler(store, folder);
    await other.handle(s, () => [add(10)]); // this handler's cache is now stale
    const totals: number[] = [];
    await handler.handle(s, (state) => {
      totals.push(state.total);
      return [add(100)];
    });
    expect(totals.at(-1)).toBe(11);
    expect((await handler.load(s)).state.total).toBe(111);
  });

  it('retries a conflicting append a bounded number of times, then gives up', async () => {
    const s = stream();
    const spy = jest.spyOn(store, 'appendToStream').mockRejectedValue(new WrongExpectedRevisionError(s, 'no-stream', 0));
    const bounded = new CommandHandler(store, folder, { maxAttempts: 3 });
    await expect(bounded.handle(s, () => [add(1)])).rejects.toBeInstanceOf(ConcurrencyExhaustedError);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('with an expected revision (If-Match), a stale one fails at once and appends nothing', async () => {
    const s = stream();
    await handler.handle(s, () => [add(1)]);
    await handler.handle(s, () => [add(1)]);
    const error = await handler.handle(s, () => [add(1)], { expectedRevision: 0 }).catch((e) => e);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(error.currentRevision).toBe(1);
    expect((await store.readStream(s)).length).toBe(2);
    expect(await handler.handle(s, () => [add(1)], { expectedRevision: 1 })).toMatchObject({ revision: 2 });
  });

  it('answers a repeated idempotency key from the stream, and refuses it with another request', async () => {
    const s = stream();
    const idem = { key: 'k-1', scope: 'org-a', requestHash: 'h1' };
    const mk = () => [add(5, { idempotencyKey: 'k-1', requestHash: 'h1' }), add(6, { idempotencyKey: 'k-1', requestHash: 'h1' })];
    const first = await handler.handle(s, mk, { idempotency: idem });
    await handler.handle(s, () => [add(1)]);
    const again = await handler.handle(s, mk, { idempotency: idem });
    expect(again).toMatchObject({ revision: first.revision, events: first.events, replayed: true });
    await expect(handler.handle(s, mk, { idempotency: { ...idem, requestHash: 'h2' } })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    // another organisation may use the same key
    expect(await handler.handle(s, () => [add(1)], { idempotency: { ...idem, scope: 'org-b' } })).toMatchObject({ replayed: false });
    // and a fresh handler (a restarted process) finds the key in the stream's metadata
    const restarted = new CommandHandler(store, folder);
    expect(await restarted.handle(s, mk, { idempotency: idem })).toMatchObject({ revision: first.revision, replayed: true });
    expect((await store.readStream(s)).length).toBe(4);
  });

  it('decides on its cached state without reading the stream, and reads only new events when behind', async () => {
    const s = stream();
    for (let i = 0; i < 50; i++) await handler.handle(s, () => [add(1)]);
    const read = jest.spyOn(store, 'readStream');
    await handler.handle(s, () => [add(1)]);
    expect(read).not.toHaveBeenCalled(); // its own appends keep the cache current
    await new CommandHandler(store, folder).handle(s, () => [add(1)]); // another process: the cache is behind
    await handler.handle(s, () => [add(1)]);
    expect(read).toHaveBeenCalledWith(s, { fromRevision: 51 });
    expect((await handler.load(s)).state.folded).toBe(53);
  });

  it('behind another process, gives a refusal, a 412 or nothing to record only after a fresh read', async () => {
    const s = stream();
    await handler.handle(s, () => [add(1)]);
    await new CommandHandler(store, folder).handle(s, () => [add(10)]); // the cache still says total 1, revision 0
    const enough = (state: { total: number }) => {
      if (state.total < 10) throw new Error('refused: not enough');
      return [add(100)];
    };
    expect(await handler.handle(s, enough)).toMatchObject({ revision: 2 });
    await new CommandHandler(store, folder).handle(s, () => [add(1)]); // behind again: revision 3 in the store
    expect(await handler.handle(s, () => [add(1)], { expectedRevision: 3 })).toMatchObject({ revision: 4 });
    await new CommandHandler(store, folder).handle(s, () => [add(1)]); // the store: total 114
    const seen: number[] = [];
    const once = (state: { total: number }) => {
      seen.push(state.total);
      return state.total === 113 ? [] : [add(1)]; // nothing to record on the stale state only
    };
    expect(await handler.handle(s, once)).toMatchObject({ revision: 6, events: [{ type: 'added' }] });
    expect(seen).toEqual([113, 114]);
    await new CommandHandler(store, folder).handle(s, () => [add(5)]); // the store: total 120
    const hidden = (state: { total: number }) => {
      if (state.total < 120) throw new Error('hidden');
    };
    expect(await handler.handle(s, () => [add(1)], { guard: hidden })).toMatchObject({ revision: 8 });
    expect((await store.readStream(s)).length).toBe(9);
  });

  it('keeps at most cacheSize streams folded', async () => {
    const small = new CommandHandler(store, folder, { cacheSize: 2 });
    const [a, b, c] = [stream(), stream(), stream()];
    for (const s of [a, b, c]) await small.handle(s, () => [add(1)]);
    const read = jest.spyOn(store, 'readStream');
    await small.load(a); // evicted: read from the start
    expect(read).toHaveBeenLastCalledWith(a, { fromRevision: 0 });
    await small.load(c); // cached
    expect(read).toHaveBeenLastCalledWith(c, { fromRevision: 1 });
  });

  it('a decision that throws appends nothing and does not block the stream', async () => {
    const s = stream();
    await expect(handler.handle(s, () => { throw new Error('refused'); })).rejects.toThrow('refused');
    expect(await handler.handle(s, () => [add(1)])).toMatchObject({ revision: 0 });
  });
});
