import { afwegingskaders } from '@zicht/case-domain';
import { EventStore, InMemoryEventStore, StoredEvent } from '@zicht/event-store';
import { AnalyticsProjection, AnalyticsReadModel, CaseProjection, CaseReadModel, Projection, ProjectionRunner, ReadModelDb, tableNames } from '@zicht/projections';
import { generateCase } from '../../apps/api/src/seed/generate-cases';
import { seedStore } from '../../apps/api/src/seed/seed-store';
import { DIALECTS, counting, readModelDatabases, sum } from './read-model-databases';

jest.setTimeout(60_000);

const versions = Object.fromEntries(afwegingskaders.map((k) => [k.id, k.version]));
const END = new Date('2026-11-01T00:00:00Z');
const fixedClock = () => new Date('2026-11-01T12:00:00Z');

const seed = (store: EventStore, first: number, cases: number) => seedStore(store, { first, cases, seed: 11, end: END });
const logLength = async (store: EventStore) => (await store.readAll({ limit: 100_000 })).length;

describe.each(DIALECTS)('ProjectionRunner with the case read model (%s)', (dialect) => {
  const databases = readModelDatabases(dialect);
  const runners: ProjectionRunner[] = [];
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    await databases.closeAll();
  });

  function runner(store: EventStore, db: ReadModelDb, projections: Projection[] = [new CaseProjection()], batchSize = 50) {
    const r = new ProjectionRunner(store, db, projections, { batchSize, buildBatchSize: 200, retryMs: 10 });
    runners.push(r);
    return r;
  }

  async function caughtUp(store: EventStore, r: ProjectionRunner) {
    const head = await store.headPosition();
    expect(await r.waitFor(head!, 20_000)).toBe(true);
  }

  /** Caught up, and every generation being built swapped in. */
  async function settled(store: EventStore, r: ProjectionRunner) {
    await caughtUp(store, r);
    while ((await r.status()).rebuilding) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** What an independent fold says: per case its last revision (from the store, not the projection). */
  async function expectedRevisions(store: EventStore): Promise<Map<string, number>> {
    const revisions = new Map<string, number>();
    let after: bigint | null = null;
    for (;;) {
      const batch: StoredEvent[] = await store.readAll({ after, limit: 1000 });
      if (batch.length === 0) return revisions;
      for (const e of batch) revisions.set(e.streamId.slice('case-'.length), e.revision);
      after = batch[batch.length - 1].position;
    }
  }

  it('projects every case exactly, and the same under redelivery', async () => {
    const plain = new InMemoryEventStore({ clock: fixedClock });
    const redelivering = new InMemoryEventStore({ clock: fixedClock, redeliver: { seed: 5 } });
    const [dbA, dbB] = [await databases.open(), await databases.open()];
    const a = runner(plain, dbA);
    const b = runner(redelivering, dbB);
    await a.start();
    await b.start();
    await seed(plain, 0, 150); // live, after the (empty) first build
    await seed(redelivering, 0, 150);
    await caughtUp(plain, a);
    await caughtUp(redelivering, b);

    const dumpA = await new CaseReadModel(dbA).dump();
    expect(await new CaseReadModel(dbB).dump()).toEqual(dumpA);
    const expected = await expectedRevisions(plain);
    expect(dumpA.cases).toHaveLength(150);
    for (const row of dumpA.cases as { case_id: string; revision: number }[]) expect(row.revision).toBe(expected.get(row.case_id));
  });

  it('a case projection that is not guarded by the checkpoint would double-count under redelivery', async () => {
    // The proof that the redelivery mode bites: a naive counter outside the runner's checkpoint.
    const redelivering = new InMemoryEventStore({ clock: fixedClock, redeliver: { seed: 5 } });
    await seed(redelivering, 0, 30);
    let delivered = 0;
    const sub = redelivering.subscribeToAll({ after: null, batchSize: 10, handler: async (batch) => void (delivered += batch.length) });
    const total = (await expectedRevisions(redelivering)).size;
    await new Promise((r) => setTimeout(r, 300));
    await sub.stop();
    expect(total).toBe(30);
    expect(delivered).toBeGreaterThan(await logLength(redelivering));
  });

  it('rebuilding from zero yields read models identical to the live ones', async () => {
    const store = new InMemoryEventStore({ clock: fixedClock });
    const db = await databases.open();
    const live = runner(store, db, [new CaseProjection(), new AnalyticsProjection()]);
    await live.start();
    await seed(store, 0, 60);
    await caughtUp(store, live);
    await seed(store, 60, 40); // live, while running
    await caughtUp(store, live);
    const before = { cases: await new CaseReadModel(db).dump(), analytics: await new AnalyticsReadModel(db).dump() };
    const generations = (await live.status()).projections.map((p) => p.live?.generation);
    const result = await live.rebuild();
    expect(result.events).toBe(await logLength(store));
    expect({ cases: await new CaseReadModel(db).dump(), analytics: await new AnalyticsReadModel(db).dump() }).toEqual(before);
    expect((await live.status()).projections.map((p) => p.live?.generation)).toEqual(generations.map((g) => g! + 1));
    expect([...(await tableNames(db))].filter((n) => n.includes('__g'))).toEqual([]);
  });

  it('builds an interleaved log stream by stream: each case written about once, resumed after a stop mid-way, equal to a build in log order', async () => {
    const store = new InMemoryEventStore({ clock: fixedClock });
    await seedStore(store, { cases: 60, seed: 11, end: END, order: 'as-it-happened', chunk: 25 });
    const total = await logLength(store);

    // Stopped after its second batch: the sweep's place is stored, no position yet.
    const batches: string[][] = [];
    let first: ProjectionRunner | null = null;
    const caseIdsPerBatch = (projection: Projection): Projection => ({
      ...projection,
      createWriter: (names) => {
        const writer = projection.createWriter(names);
        return {
          apply: async (trx, events, batch) => {
            batches.push([...new Set(events.map((e) => e.streamId))]);
            await writer.apply(trx, events, batch);
            if (batches.length === 2) void first!.stop(); // the loop ends once this batch has committed
          },
        };
      },
    });
    const db = await databases.open();
    first = runner(store, db, [caseIdsPerBatch(new CaseProjection()), new AnalyticsProjection()]);
    await first.start();
    while (batches.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await first.stop();
    const stopped = await first.status();
    expect(stopped.projections.map((p) => [p.building?.byStream, p.building?.position, p.building?.events])).toEqual([
      [true, null, 400],
      [true, null, 400],
    ]);

    await seedStore(store, { first: 60, cases: 5, seed: 11, end: END }); // after the sweep's head: in log order
    const applied: number[] = [];
    const second = runner(store, db, [counting(caseIdsPerBatch(new CaseProjection()), applied), new AnalyticsProjection()]);
    await second.start();
    await settled(store, second);
    expect(sum(applied)).toBe((await logLength(store)) - 400); // nothing twice, nothing left out

    // Within the sweep (its batches up to the first head), a case's events come together: it is
    // written in one batch, or in two where a batch ends inside it.
    const swept = batches.slice(0, Math.ceil(total / 200));
    expect(sum(swept.map((ids) => ids.length))).toBeLessThanOrEqual(60 + swept.length);

    const reference = await databases.open();
    const inLogOrder = new Proxy(store, { get: (target, key) => (key === 'readLogByStream' ? undefined : Reflect.get(target, key, target)) });
    const logOrder = runner(inLogOrder, reference, [new CaseProjection(), new AnalyticsProjection()]);
    await logOrder.start();
    await settled(inLogOrder, logOrder);
    expect(await new CaseReadModel(db).dump()).toEqual(await new CaseReadModel(reference).dump());
    expect(await new AnalyticsReadModel(db).dump()).toEqual(await new AnalyticsReadModel(reference).dump());
    expect((await new CaseReadModel(db).dump()).cases).toHaveLength(65);
  });

  it('takes up a read-model database made before builds could sweep (its bookkeeping gains the column)', async () => {
    const store = new InMemoryEventStore({ clock: fixedClock });
    await seed(store, 0, 20);
    const db = await databases.open();
    const before = runner(store, db);
    await before.start();
    await settled(store, before);
    await before.stop();
    await db.schema.alterTable('projection_generations').dropColumn('sweep').execute();

    await seed(store, 20, 5);
    const after = runner(store, db, [new CaseProjection(), new AnalyticsProjection()]);
    await after.start();
    await settled(store, after);
    expect((await new CaseReadModel(db).dump()).cases).toHaveLength(25);
    expect((await after.status()).projections.map((p) => p.live?.position)).toEqual([String(await store.headPosition()), String(await store.headPosition())]);
  });

  it('a second rebuild request while one runs joins it', async () => {
    const store = new InMemoryEventStore({ clock: fixedClock });
    await seed(store, 0, 30);
    const db = await databases.open();
    const r = runner(store, db);
    await r.start();
    await caughtUp(store, r);
    const before = await new CaseReadModel(db).dump();
    const [first, second] = await Promise.all([r.rebuild(), r.rebuild()]);
    expect(second).toBe(first);
    expect(await new CaseReadModel(db).dump()).toEqual(before);
  });

  it("a change to one projection's version rebuilds that projection alone; the others keep their checkpoints", async () => {
    const store = new InMemoryEventStore({ clock: fixedClock });
    await seed(store, 0, 40);
    const db = await databases.open();
    const v1 = runner(store, db, [new CaseProjection(), new AnalyticsProjection()]);
    await v1.start();
    await settled(store, v1);
    const before = await v1.status();
    await v1.stop();
    const dumps = { cases: await new CaseReadModel(db).dump(), analytics: await new AnalyticsReadModel(db).dump() };
    await seed(store, 40, 5); // a few events the next start has not seen yet

    const cases: number[] = [];
    const analytics: number[] = [];
    const analyticsV2 = counting(new AnalyticsProjection(), analytics, { version: new AnalyticsProjection().version + 1 });
    const v2 = runner(store, db, [counting(new CaseProjection(), cases), analyticsV2]);
    await v2.start();
    await settled(store, v2);
    const after = await v2.status();

    const [casesBefore, analyticsBefore] = before.projections;
    const [casesAfter, analyticsAfter] = after.projections;
    expect(casesAfter.live?.generation).toBe(casesBefore.live?.generation); // kept its tables and checkpoint,
    const newEvents = (await store.readAll({ limit: 100_000 })).filter((e) => e.position > BigInt(casesBefore.live!.position!)).length;
    expect(newEvents).toBeGreaterThan(0);
    expect(sum(cases)).toBe(newEvents); // and projected only what was new
    expect(analyticsAfter.live).toMatchObject({ generation: analyticsBefore.live!.generation + 1, version: analyticsV2.version });
    expect(sum(analytics)).toBeGreaterThanOrEqual(await logLength(store)); // the new version saw every event
    const reference = await databases.open();
    const fresh = runner(store, reference, [new CaseProjection(), new AnalyticsProjection()]);
    await fresh.start();
    await caughtUp(store, fresh);
    expect(await new AnalyticsReadModel(db).dump()).toEqual(await new AnalyticsReadModel(reference).dump());
    expect((await new CaseReadModel(db).dump()).cases).toHaveLength((dumps.cases.cases as unknown[]).length + 5);
  });

  it('resumes from its checkpoint after a restart, projecting only what is new', async () => {
    const store = new InMemoryEventStore({ clock: fixedClock });
    await seed(store, 0, 40);
    const db = await databases.open();
    const first = runner(store, db);
    await first.start();
    await caughtUp(store, first);
    const stoppedAt = BigInt((await first.status()).position!);
    await first.stop();
    await seed(store, 40, 20);

    const applied: number[] = [];
    const second = runner(store, db, [counting(new CaseProjection(), applied)]);
    await second.start();
    await caughtUp(store, second);
    const newEvents = (await store.readAll({ limit: 100_000 })).filter((e) => e.position > stoppedAt).length;
    expect(newEvents).toBeGreaterThan(0);
    expect(sum(applied)).toBe(newEvents);
    expect((await new CaseReadModel(db).dump()).cases).toHaveLength(60);
  });

  it('a failure in the middle of a batch rolls the whole batch back; after trying again every count is exact', async () => {
    const store = new InMemoryEventStore({ clock: fixedClock });
    const db = await databases.open();
    let calls = 0;
    const failing: Projection = {
      name: 'flaky',
      version: 1,
      tables: [],
      migrations: [],
      createWriter: () => ({
        apply: async () => {
          calls += 1;
          if (calls === 3 || calls === 4) throw new Error('disk hiccup');
        },
      }),
    };
    const flaky = runner(store, db, [new CaseProjection(), failing], 40);
    await flaky.start();
    await seed(store, 0, 80);
    await caughtUp(store, flaky);
    expect(calls).toBeGreaterThan(4);

    const referenceDb = await databases.open();
    const reference = runner(store, referenceDb);
    await reference.start();
    await caughtUp(store, reference);
    expect(await new CaseReadModel(db).dump()).toEqual(await new CaseReadModel(referenceDb).dump());
  });

  it('waitFor resolves once the position is projected, and gives up after its timeout', async () => {
    const store = new InMemoryEventStore({ clock: fixedClock });
    const r = runner(store, await databases.open());
    await r.start();
    const c = generateCase(1, { seed: 2, versions, end: END });
    const appended = await store.appendToStream(c.streamId, c.events, { expectedRevision: 'no-stream' });
    expect(await r.waitFor(appended.position, 5_000)).toBe(true);
    expect(await r.waitFor(appended.position + 1000n, 50)).toBe(false);
    expect(await r.status()).toMatchObject({ running: true, behind: '0', rebuilding: false });
  });
});
