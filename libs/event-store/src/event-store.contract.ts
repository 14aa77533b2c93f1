import { randomUUID } from 'node:crypto';
import { canonicalEventContent, computeEventHash, GENESIS_HASH, verifyChain } from './hash-chain';
import { EventStore, GlobalLogOptions, NewEvent, StoredEvent, WrongExpectedRevisionError } from './port';

/**
 * The one contract every EventStore adapter passes. Stream ids are unique per test, so the suite
 * also runs against a shared EventStoreDB server; assertions that need an empty log run only when
 * the factory says the store starts `empty`.
 */
export interface ContractStore {
  store: EventStore;
  cleanup(): Promise<void>;
  /** True when the store's log is empty at the start (a fresh file or memory, not a shared server). */
  empty?: boolean;
}

/** The clock the contract controls; adapters must take recordedAt from it. */
export type ContractClock = () => Date;

/**
 * The streams the suite's global log carries. The suite names its own (a store knows no app):
 * `case-` and `access-` streams are in the log, `other-` streams are not.
 */
export const CONTRACT_LOG_PREFIXES: readonly string[] = ['case-', 'access-'];
const inContractLog = (streamId: string) => CONTRACT_LOG_PREFIXES.some((prefix) => streamId.startsWith(prefix));

/**
 * `makeStore` opens the adapter with the given clock and log options (pass them through as they
 * are: the suite also opens a store without prefixes, whose log carries every stream).
 */
export function eventStoreContract(name: string, makeStore: (clock: ContractClock, log: GlobalLogOptions) => Promise<ContractStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let now = new Date('2026-11-01T10:00:00.000Z');
    let ctx: ContractStore;
    let store: EventStore;

    beforeEach(async () => {
      now = new Date('2026-11-01T10:00:00.000Z');
      ctx = await makeStore(() => new Date(now.getTime()), { logStreamPrefixes: CONTRACT_LOG_PREFIXES });
      store = ctx.store;
    });
    afterEach(async () => {
      await ctx.cleanup();
    });

    const caseStream = () => `case-${randomUUID()}`;
    const ev = (type = 'signal', data: NewEvent['data'] = { n: 1 }, extra: Partial<NewEvent['metadata']> = {}): NewEvent => ({
      type,
      data,
      metadata: {
        eventId: randomUUID(),
        actor: { id: 'u-1', role: 'professional', organisation: 'org-a' },
        occurredAt: '2026-11-01T09:00:00.000Z',
        correlationId: 'corr-1',
        causationId: 'cause-1',
        schemaVersion: 1,
        ...extra,
      },
    });
    const many = (n: number) => Array.from({ length: n }, (_, i) => ev('signal', { n: i }));
    const revisionError = async (promise: Promise<unknown>): Promise<WrongExpectedRevisionError> => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      return error as WrongExpectedRevisionError;
    };

    describe('appendToStream', () => {
      it("appends to a new stream with 'no-stream', from revision 0", async () => {
        const s = caseStream();
        const result = await store.appendToStream(s, [ev('case-opened', { origin: 'signal' })], { expectedRevision: 'no-stream' });
        expect(result.nextExpectedRevision).toBe(0);
        expect(result.events).toHaveLength(1);
        expect(result.events[0]).toMatchObject({ streamId: s, revision: 0, type: 'case-opened', data: { origin: 'signal' } });
        expect(typeof result.position).toBe('bigint');
        expect(result.position).toBe(result.events[0].position);
        expect(await store.streamRevision(s)).toBe(0);
      });

      it("refuses 'no-stream' on an existing stream, telling the actual revision, and appends nothing", async () => {
        const s = caseStream();
        await store.appendToStream(s, many(2), { expectedRevision: 'no-stream' });
        const error = await revisionError(store.appendToStream(s, [ev()], { expectedRevision: 'no-stream' }));
        expect(error).toMatchObject({ streamId: s, expected: 'no-stream', actual: 1 });
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('appends when the expected revision matches, refuses a stale or future one with the actual revision', async () => {
        const s = caseStream();
        await store.appendToStream(s, [ev()], { expectedRevision: 'no-stream' });
        expect((await store.appendToStream(s, [ev()], { expectedRevision: 0 })).nextExpectedRevision).toBe(1);
        expect(await revisionError(store.appendToStream(s, [ev()], { expectedRevision: 0 }))).toMatchObject({ expected: 0, actual: 1 });
        expect(await revisionError(store.appendToStream(s, [ev()], { expectedRevision: 5 }))).toMatchObject({ expected: 5, actual: 1 });
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('refuses an expected revision on a stream that does not exist (actual: null)', async () => {
        const s = caseStream();
        expect(await revisionError(store.appendToStream(s, [ev()], { expectedRevision: 0 }))).toMatchObject({ actual: null });
        expect(await store.streamRevision(s)).toBeNull();
        expect(await store.readStream(s)).toEqual([]);
      });

      it('appends several events atomically, with contiguous revisions and increasing positions', async () => {
        const s = caseStream();
        await store.appendToStream(s, many(2), { expectedRevision: 'no-stream' });
        const result = await store.appendToStream(s, many(3), { expectedRevision: 1 });
        expect(result.nextExpectedRevision).toBe(4);
        expect(result.events.map((e) => e.revision)).toEqual([2, 3, 4]);
        expect(result.position).toBe(result.events[2].position);
        const read = await store.readStream(s);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
        for (let i = 1; i < read.length; i++) expect(read[i].position > read[i - 1].position).toBe(true);
        expect(read.slice(2).map((e) => e.position)).toEqual(result.events.map((e) => e.position));
        // a refused multi-event append leaves nothing behind
        await revisionError(store.appendToStream(s, many(3), { expectedRevision: 1 }));
        expect(await store.readStream(s)).toHaveLength(5);
      });

      it('lets exactly one of several concurrent appends with the same expected revision win', async () => {
        const s = caseStream();
        await store.appendToStream(s, [ev()], { expectedRevision: 'no-stream' });
        const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => store.appendToStream(s, many(2), { expectedRevision: 0 })));
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
        const read = await store.readStream(s);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(verifyChain(read)).toEqual({ valid: true, events: 3 });
      });

      it('round-trips data and metadata exactly', async () => {
        const s = caseStream();
        const data = { text: 'Zorg om Ïnes — “quoted” ✓', nested: { list: [1, 2.5, -3, true, null, 'x'], empty: {} }, zero: 0 };
        const full = ev('consultation', data, {
          actor: { id: 'u-2', role: 'veilig-thuis', organisation: 'vt-utrecht', region: 'utrecht' },
          idempotencyKey: 'key-1',
          requestHash: 'a'.repeat(64),
          correlationId: 'corr-9',
          causationId: 'cause-9',
          occurredAt: '2026-10-30T08:15:00.000Z',
          schemaVersion: 2,
        });
        const bare = ev('signal', { n: 2 });
        await store.appendToStream(s, [full, bare], { expectedRevision: 'no-stream' });
        const [first, second] = await store.readStream(s);
        expect(first.data).toEqual(data);
        expect(first.metadata).toMatchObject(full.metadata);
        expect(second.metadata).toMatchObject(bare.metadata);
        expect(Object.keys(second.metadata).sort()).toEqual(
          ['actor', 'causationId', 'correlationId', 'eventId', 'hash', 'occurredAt', 'prevHash', 'recordedAt', 'schemaVersion'].sort(),
        );
      });

      it('takes recordedAt from the injected clock', async () => {
        const s = caseStream();
        now = new Date('2026-11-03T12:34:56.789Z');
        const result = await store.appendToStream(s, many(2), { expectedRevision: 'no-stream' });
        expect(result.events.map((e) => e.metadata.recordedAt)).toEqual(['2026-11-03T12:34:56.789Z', '2026-11-03T12:34:56.789Z']);
        expect((await store.readStream(s))[1].metadata.recordedAt).toBe('2026-11-03T12:34:56.789Z');
      });
    });

    describe('the hash chain', () => {
      it('links every event to the previous one across appends, and verifies from what is read', async () => {
        const s = caseStream();
        await store.appendToStream(s, many(2), { expectedRevision: 'no-stream' });
        await store.appendToStream(s, many(2), { expectedRevision: 1 });
        const read = await store.readStream(s);
        expect(read[0].metadata.prevHash).toBe(GENESIS_HASH);
        for (let i = 1; i < read.length; i++) expect(read[i].metadata.prevHash).toBe(read[i - 1].metadata.hash);
        for (const e of read) expect(e.metadata.hash).toBe(computeEventHash(e.metadata.prevHash, canonicalEventContent(e)));
        expect(verifyChain(read)).toEqual({ valid: true, events: 4 });
      });

      it('gives a different chain to identical events in different streams', async () => {
        const [a, b] = [caseStream(), caseStream()];
        const event = ev();
        const [ea] = (await store.appendToStream(a, [event], { expectedRevision: 'no-stream' })).events;
        const [eb] = (await store.appendToStream(b, [{ ...event, metadata: { ...event.metadata, eventId: randomUUID() } }], { expectedRevision: 'no-stream' })).events;
        expect(ea.metadata.hash).not.toBe(eb.metadata.hash);
      });
    });

    describe('readStream and streamRevision', () => {
      let s: string;
      beforeEach(async () => {
        s = caseStream();
        for (let i = 0; i < 5; i++) {
          now = new Date(Date.UTC(2026, 10, 1 + i, 10)); // revision i recorded on 1 + i November
          await store.appendToStream(s, [ev('signal', { n: i })], { expectedRevision: i === 0 ? 'no-stream' : i - 1 });
        }
      });
      const revisions = (events: StoredEvent[]) => events.map((e) => e.revision);

      it('reads the whole stream in revision order', async () => {
        const read = await store.readStream(s);
        expect(revisions(read)).toEqual([0, 1, 2, 3, 4]);
        expect(read.map((e) => e.data.n)).toEqual([0, 1, 2, 3, 4]);
        expect(read.every((e) => e.streamId === s)).toBe(true);
      });

      it('reads a range: fromRevision and toRevision inclusive, limit', async () => {
        expect(revisions(await store.readStream(s, { fromRevision: 2 }))).toEqual([2, 3, 4]);
        expect(revisions(await store.readStream(s, { toRevision: 1 }))).toEqual([0, 1]);
        expect(revisions(await store.readStream(s, { fromRevision: 1, toRevision: 3 }))).toEqual([1, 2, 3]);
        expect(revisions(await store.readStream(s, { fromRevision: 1, limit: 2 }))).toEqual([1, 2]);
        expect(revisions(await store.readStream(s, { fromRevision: 5 }))).toEqual([]);
        expect(revisions(await store.readStream(s, { fromRevision: 3, toRevision: 2 }))).toEqual([]);
      });

      it('reads the stream as it was at a moment (toRecordedAt, inclusive, any ISO form)', async () => {
        expect(revisions(await store.readStream(s, { toRecordedAt: '2026-11-03T10:00:00.000Z' }))).toEqual([0, 1, 2]);
        expect(revisions(await store.readStream(s, { toRecordedAt: '2026-11-03T09:59:59.999Z' }))).toEqual([0, 1]);
        expect(revisions(await store.readStream(s, { toRecordedAt: '2026-11-03T11:00:00+01:00' }))).toEqual([0, 1, 2]);
        expect(revisions(await store.readStream(s, { toRecordedAt: '2026-11-03T10:00:00Z', limit: 2 }))).toEqual([0, 1]);
        expect(revisions(await store.readStream(s, { toRecordedAt: '2026-11-03T10:00:00Z', fromRevision: 2 }))).toEqual([2]);
        expect(revisions(await store.readStream(s, { toRecordedAt: '2026-10-01T00:00:00Z' }))).toEqual([]);
      });

      it('never answers a history with holes when the clock was set back (the first later event ends it)', async () => {
        const t = caseStream();
        const days = [1, 5, 3, 6]; // revision 2 recorded on 3 November, after revision 1 on the 5th
        for (let i = 0; i < days.length; i++) {
          now = new Date(Date.UTC(2026, 10, days[i], 10));
          await store.appendToStream(t, [ev('signal', { n: i })], { expectedRevision: i === 0 ? 'no-stream' : i - 1 });
        }
        expect(revisions(await store.readStream(t, { toRecordedAt: '2026-11-04T00:00:00Z' }))).toEqual([0]);
        expect(revisions(await store.readStream(t, { toRecordedAt: '2026-11-05T10:00:00Z' }))).toEqual([0, 1, 2]);
        expect(revisions(await store.readStream(t, { toRecordedAt: '2026-11-04T00:00:00Z', fromRevision: 2 }))).toEqual([2]);
      });

      it('answers [] and null for a stream that does not exist', async () => {
        const missing = caseStream();
        expect(await store.readStream(missing)).toEqual([]);
        expect(await store.streamRevision(missing)).toBeNull();
        expect(await store.streamRevision(s)).toBe(4);
      });
    });

    describe('the global log', () => {
      it('reads case streams in log order across streams, in batches, skipping other streams', async () => {
        const before = await store.headPosition();
        const [a, b] = [caseStream(), caseStream()];
        const other = `other-${randomUUID()}`;
        const r1 = await store.appendToStream(a, [ev('signal', { n: 1 })], { expectedRevision: 'no-stream' });
        const r2 = await store.appendToStream(other, [ev('signal', { n: 2 })], { expectedRevision: 'no-stream' });
        const r3 = await store.appendToStream(b, [ev('signal', { n: 3 }), ev('signal', { n: 4 })], { expectedRevision: 'no-stream' });
        const r4 = await store.appendToStream(a, [ev('signal', { n: 5 })], { expectedRevision: 0 });
        expect(r2.position > r1.position && r3.position > r2.position && r4.position > r3.position).toBe(true);

        const ours = (events: StoredEvent[]) => events.filter((e) => e.streamId === a || e.streamId === b || e.streamId === other);
        const all = ours(await store.readAll({ after: before }));
        expect(all.map((e) => e.data.n)).toEqual([1, 3, 4, 5]);
        expect(all.map((e) => e.position)).toEqual([r1.position, ...r3.events.map((e) => e.position), r4.position]);

        // in batches of 2 with `after`: same events, same order, nothing twice
        const batched: StoredEvent[] = [];
        let after = before;
        for (let guard = 0; guard < 1000; guard++) {
          const batch = await store.readAll({ after, limit: 2 });
          expect(batch.length).toBeLessThanOrEqual(2);
          if (batch.length === 0) break;
          for (let i = 1; i < batch.length; i++) expect(batch[i].position > batch[i - 1].position).toBe(true);
          if (after !== null) expect(batch[0].position > after).toBe(true);
          batched.push(...ours(batch));
          after = batch[batch.length - 1].position;
          if (after >= r4.position) break;
        }
        expect(batched.map((e) => e.data.n)).toEqual([1, 3, 4, 5]);
        expect(ours(await store.readAll({ after: r4.position }))).toEqual([]);
        expect((await store.readAll({ after: r1.position, limit: 1 }))[0].position > r1.position).toBe(true);

        if (ctx.empty) {
          expect(before).toBeNull();
          expect((await store.readAll()).map((e) => e.data.n)).toEqual([1, 3, 4, 5]);
          expect((await store.readAll({ after: null, limit: 1 })).map((e) => e.data.n)).toEqual([1]);
        }
      });

      it('tells the position of the last case event (headPosition), ignoring other streams', async () => {
        if (ctx.empty) expect(await store.headPosition()).toBeNull();
        const r1 = await store.appendToStream(caseStream(), [ev()], { expectedRevision: 'no-stream' });
        const head = await store.headPosition();
        expect(head !== null && head >= r1.position).toBe(true);
        const r2 = await store.appendToStream(`other-${randomUUID()}`, [ev()], { expectedRevision: 'no-stream' });
        const after = await store.headPosition();
        expect(after).not.toBe(r2.position);
        expect(after !== null && after >= r1.position).toBe(true);
        if (ctx.empty) expect(after).toBe(r1.position);
      });

      it('reads the log up to a head stream by stream (readLogByStream): the same events, each stream together, in pages', async () => {
        if (!store.readLogByStream) {
          // Only EventStoreDB has no index to read its log by stream; it is rebuilt in log order.
          expect(store.kind).toBe('eventstoredb');
          return;
        }
        const streams = [caseStream(), caseStream(), caseStream()];
        const other = `other-${randomUUID()}`;
        for (let round = 0; round < 3; round++) {
          for (const s of streams) await store.appendToStream(s, [ev('signal', { n: round })], { expectedRevision: round === 0 ? 'no-stream' : round - 1 });
          await store.appendToStream(other, [ev()], { expectedRevision: round === 0 ? 'no-stream' : round - 1 });
        }
        const upTo = (await store.headPosition())!;
        await store.appendToStream(streams[1], [ev('signal', { n: 9 })], { expectedRevision: 2 }); // after the head: left out
        await store.appendToStream(caseStream(), [ev()], { expectedRevision: 'no-stream' });

        const whole: StoredEvent[] = await store.readLogByStream({ upTo, limit: 100_000 });
        const paged: StoredEvent[] = [];
        let after: { streamId: string; revision: number } | null = null;
        for (let guard = 0; guard < 100_000; guard++) {
          const page = await store.readLogByStream({ upTo, after, limit: 2 });
          expect(page.length).toBeLessThanOrEqual(2);
          if (page.length === 0) break;
          paged.push(...page);
          after = { streamId: page[page.length - 1].streamId, revision: page[page.length - 1].revision };
        }
        const key = (e: StoredEvent) => `${e.streamId}@${e.revision}`;
        expect(paged.map(key)).toEqual(whole.map(key));
        expect(new Set(whole.map(key)).size).toBe(whole.length);
        expect(whole.every((e) => e.position <= upTo && inContractLog(e.streamId))).toBe(true);
        // each stream's events together, in revision order
        const seen: string[] = [];
        for (const [i, e] of whole.entries()) {
          if (i > 0 && whole[i - 1].streamId === e.streamId) expect(e.revision).toBe(whole[i - 1].revision + 1);
          else {
            expect(seen).not.toContain(e.streamId);
            seen.push(e.streamId);
            expect(e.revision).toBe(0);
          }
        }
        // the same events as the log in log order, up to the head
        const ours = (events: StoredEvent[]) => events.filter((e) => streams.includes(e.streamId)).map(key).sort();
        const logOrder: StoredEvent[] = [];
        for (let from: bigint | null = null; ; ) {
          const batch: StoredEvent[] = (await store.readAll({ after: from, limit: 1000 })).filter((e) => e.position <= upTo);
          if (batch.length === 0) break;
          logOrder.push(...batch);
          from = batch[batch.length - 1].position;
        }
        expect(ours(whole)).toEqual(ours(logOrder));
        expect(ours(whole)).toHaveLength(9);
        if (ctx.empty) expect(whole.map(key).sort()).toEqual(logOrder.map(key).sort());
      });

      it('carries every stream when the store is given no prefixes', async () => {
        const everything = await makeStore(() => new Date(now.getTime()), {});
        try {
          const before = await everything.store.headPosition();
          const other = `other-${randomUUID()}`;
          const appended = await everything.store.appendToStream(other, [ev('signal', { n: 1 })], { expectedRevision: 'no-stream' });
          if (everything.empty) expect(await everything.store.headPosition()).toBe(appended.position);
          const log = await everything.store.readAll({ after: before });
          expect(log.filter((e) => e.streamId === other).map((e) => e.position)).toEqual([appended.position]);
        } finally {
          await everything.cleanup();
        }
      });
    });

    describe('subscribeToAll', () => {
      /** Collects what a subscription delivers; `until` waits for a condition on it. */
      function collector() {
        const events: StoredEvent[] = [];
        const batches: number[] = [];
        return {
          events,
          batches,
          handler: async (batch: StoredEvent[]) => {
            batches.push(batch.length);
            events.push(...batch);
          },
          until: (condition: () => boolean) => waitFor(condition, 10_000),
        };
      }

      it('catches up, then delivers new events live, in order and without gaps', async () => {
        const before = await store.headPosition();
        const s = caseStream();
        await store.appendToStream(s, many(5), { expectedRevision: 'no-stream' });
        const seen = collector();
        const sub = store.subscribeToAll({ after: before, handler: seen.handler, batchSize: 2 });
        try {
          const mine = () => seen.events.filter((e) => e.streamId === s);
          await seen.until(() => mine().length === 5);
          expect(Math.max(...seen.batches)).toBeLessThanOrEqual(2);
          await store.appendToStream(s, many(3), { expectedRevision: 4 });
          const other = `other-${randomUUID()}`;
          const access = `access-${randomUUID()}`;
          await store.appendToStream(other, [ev()], { expectedRevision: 'no-stream' });
          await store.appendToStream(access, [ev('case-read')], { expectedRevision: 'no-stream' });
          await store.appendToStream(s, many(1), { expectedRevision: 7 });
          await seen.until(() => mine().length === 9);
          expect(seen.events.some((e) => e.streamId === access)).toBe(true); // the access log is in the log
          expect(seen.events.some((e) => e.streamId === other)).toBe(false); // foreign streams are not
          expect(mine().map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
          expect(seen.events.every((e) => inContractLog(e.streamId))).toBe(true);
          for (let i = 1; i < seen.events.length; i++) expect(seen.events[i].position > seen.events[i - 1].position).toBe(true);
          expect(verifyChain(mine())).toEqual({ valid: true, events: 9 });
        } finally {
          await sub.stop();
        }
      });

      it('resumes after a position, delivering only what came after it', async () => {
        const s = caseStream();
        const first = await store.appendToStream(s, many(3), { expectedRevision: 'no-stream' });
        await store.appendToStream(s, many(2), { expectedRevision: 2 });
        const seen = collector();
        const sub = store.subscribeToAll({ after: first.events[1].position, handler: seen.handler });
        try {
          await seen.until(() => seen.events.filter((e) => e.streamId === s).length === 3);
          expect(seen.events.filter((e) => e.streamId === s).map((e) => e.revision)).toEqual([2, 3, 4]);
          expect(seen.events.every((e) => e.position > first.events[1].position)).toBe(true);
        } finally {
          await sub.stop();
        }
      });

      it('stops: stop() waits for the running handler, and nothing is delivered after it', async () => {
        const before = await store.headPosition();
        const s = caseStream();
        await store.appendToStream(s, [ev()], { expectedRevision: 'no-stream' });
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let entered = false;
        let finished = false;
        let calls = 0;
        const sub = store.subscribeToAll({
          after: before,
          handler: async (batch) => {
            if (!batch.some((e) => e.streamId === s)) return;
            calls += 1;
            entered = true;
            await gate;
            finished = true;
          },
        });
        await waitFor(() => entered, 10_000);
        let stopped = false;
        const stopping = sub.stop().then(() => (stopped = true));
        await sleep(50);
        expect(stopped).toBe(false);
        release();
        await stopping;
        expect(finished).toBe(true);
        await store.appendToStream(s, [ev()], { expectedRevision: 0 });
        await sleep(400);
        expect(calls).toBe(1);
      });

      it('ends through `failed` when the handler throws', async () => {
        const before = await store.headPosition();
        await store.appendToStream(caseStream(), [ev()], { expectedRevision: 'no-stream' });
        const sub = store.subscribeToAll({
          after: before,
          handler: async () => {
            throw new Error('projection broke');
          },
        });
        const error = await within(sub.failed, 10_000);
        expect(error).toBeInstanceOf(Error);
        expect(error?.message).toBe('projection broke');
        await sub.stop();
      });
    });

    it('is ready while open', async () => {
      await expect(store.ready()).resolves.toBeUndefined();
      expect(typeof store.kind).toBe('string');
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The promise's value, or null when it takes longer than `ms` (the timer is cleared either way). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}
