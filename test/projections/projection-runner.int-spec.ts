import { afwegingskaders } from '@zicht/case-domain';
import { EventStore, InMemoryEventStore, StoredEvent } from '@zicht/event-store';
import { CaseProjection, CaseReadModel, Projection, ProjectionRunner, ReadModelDb, openReadModelDatabase } from '@zicht/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCase } from '../../apps/api/src/seed/generate-cases';
import { seedStore } from '../../apps/api/src/seed/seed-store';

jest.setTimeout(60_000);

const versions = Object.fromEntries(afwegingskaders.map((k) => [k.id, k.version]));
const END = new Date('2026-11-01T00:00:00Z');
const fixedClock = () => new Date('2026-11-01T12:00:00Z');

const seed = (store: EventStore, first: number, cases: number) => seedStore(store, { first, cases, seed: 11, end: END });

describe('ProjectionRunner with the case read model', () => {
  let dir: string;
  const dbs: ReadModelDb[] = [];
  const runners: ProjectionRunner[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zicht-proj-'));
  });
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    for (const db of dbs.splice(0)) await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  async function runner(store: EventStore, name: string, projections: Projection[] = [new CaseProjection()], batchSize = 50) {
    const db = await openReadModelDatabase(join(dir, `${name}.sqlite`));
    dbs.push(db);
    const r = new ProjectionRunner(store, db, projections, { version: 1, batchSize, retryMs: 10 });
    runners.push(r);
    return { runner: r, readModel: new CaseReadModel(db), db };
  }

  async function caughtUp(store: EventStore, r: ProjectionRunner) {
    const head = await store.headPosition();
    expect(await r.waitFor(head!, 20_000)).toBe(true);
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
    await seed(plain, 0, 150);
    await seed(redelivering, 0, 150);
    const a = await runner(plain, 'plain');
    const b = await runner(redelivering, 'redelivering');
    await a.runner.start();
    await b.runner.start();
    await caughtUp(plain, a.runner);
    await caughtUp(redelivering, b.runner);

    const dumpA = await a.readModel.dump();
    expect(await b.readModel.dump()).toEqual(dumpA);
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
    const events = (await redelivering.readAll({ limit: 100_000 })).length;
    expect(total).toBe(30);
    expect(delivered).toBeGreaterThan(events);
  });

  it('rebuilding from zero yields read models identical to the live ones', async () => {
    const store = new InMemoryEventStore({ clock: fixedClock });
    const live = await runner(store, 'live');
    await live.runner.start();
    await seed(store, 0, 60);
    await caughtUp(store, live.runner);
    await seed(store, 60, 40); // live, while running
    await caughtUp(store, live.runner);
    const before = await live.readModel.dump();
    const result = await live.runner.rebuild();
    expect(result.events).toBe((await store.readAll({ limit: 100_000 })).length);
    expect(await live.readModel.dump()).toEqual(before);
  });

  it('a second rebuild request while one runs joins it', async () => {
    const store = new InMemoryEventStore({ clock: fixedClock });
    await seed(store, 0, 30);
    const { runner: r, readModel } = await runner(store, 'joined');
    await r.start();
    await caughtUp(store, r);
    const before = await readModel.dump();
    const [first, second] = await Promise.all([r.rebuild(), r.rebuild()]);
    expect(second).toBe(first);
    expect(await readModel.dump()).toEqual(before);
  });

  it('a start with a newer read-model version rebuilds from zero', async () => {
    const store = new InMemoryEventStore({ clock: fixedClock });
    await seed(store, 0, 20);
    const v1 = await runner(store, 'versioned');
    await v1.runner.start();
    await caughtUp(store, v1.runner);
    await v1.runner.stop();
    const before = await v1.readModel.dump();

    const applied: number[] = [];
    const counting: Projection = { name: 'count', apply: async (_trx, events) => void applied.push(events.length) };
    const v2 = new ProjectionRunner(store, v1.db, [new CaseProjection(), counting], { version: 2, batchSize: 50 });
    runners.push(v2);
    await v2.start();
    await caughtUp(store, v2);
    expect(applied.reduce((a, b) => a + b, 0)).toBe((await store.readAll({ limit: 100_000 })).length);
    expect(await v1.readModel.dump()).toEqual(before);
  });

  it('resumes from its checkpoint after a restart, projecting only what is new', async () => {
    const store = new InMemoryEventStore({ clock: fixedClock });
    await seed(store, 0, 40);
    const first = await runner(store, 'shared');
    await first.runner.start();
    await caughtUp(store, first.runner);
    const stoppedAt = BigInt((await first.runner.status()).position!);
    await first.runner.stop();
    await seed(store, 40, 20);

    const applied: number[] = [];
    const counting: Projection = { name: 'count', apply: async (_trx, events) => void applied.push(events.length) };
    const db = first.db;
    const second = new ProjectionRunner(store, db, [new CaseProjection(), counting], { version: 1, batchSize: 50 });
    runners.push(second);
    await second.start();
    await caughtUp(store, second);
    const newEvents = (await store.readAll({ limit: 100_000 })).filter((e) => e.position > stoppedAt).length;
    expect(newEvents).toBeGreaterThan(0);
    expect(applied.reduce((a, b) => a + b, 0)).toBe(newEvents);
    expect((await first.readModel.dump()).cases).toHaveLength(60);
  });

  it('a failure in the middle of a batch rolls the whole batch back; after resubscribing every count is exact', async () => {
    const store = new InMemoryEventStore({ clock: fixedClock });
    await seed(store, 0, 80);
    let calls = 0;
    const failing: Projection = {
      name: 'flaky',
      apply: async () => {
        calls += 1;
        if (calls === 3 || calls === 4) throw new Error('disk hiccup');
      },
    };
    const flaky = await runner(store, 'flaky', [new CaseProjection(), failing], 40);
    await flaky.runner.start();
    await caughtUp(store, flaky.runner);
    expect(calls).toBeGreaterThan(4);

    const reference = await runner(store, 'reference');
    await reference.runner.start();
    await caughtUp(store, reference.runner);
    expect(await flaky.readModel.dump()).toEqual(await reference.readModel.dump());
  });

  it('waitFor resolves once the position is projected, and gives up after its timeout', async () => {
    const store = new InMemoryEventStore({ clock: fixedClock });
    const { runner: r } = await runner(store, 'wait');
    await r.start();
    const c = generateCase(1, { seed: 2, versions, end: END });
    const appended = await store.appendToStream(c.streamId, c.events, { expectedRevision: 'no-stream' });
    expect(await r.waitFor(appended.position, 5_000)).toBe(true);
    expect(await r.waitFor(appended.position + 1000n, 50)).toBe(false);
    expect(await r.status()).toMatchObject({ running: true, behind: '0' });
  });
});
