import { personalDataOf, recordedCaseEvent } from '@zicht/case-domain';
import { EventStore, InMemoryEventStore, SqliteEventStore, StoredEvent } from '@zicht/event-store';
import { AnalyticsProjection, AnalyticsReadModel, CaseProjection, ProjectionRunner } from '@zicht/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedStore } from '../../apps/api/src/seed/seed-store';
import { DIALECTS, readModelDatabases } from './read-model-databases';

jest.setTimeout(60_000);

const END = new Date('2026-11-01T00:00:00Z');
const fixedClock = () => new Date('2026-11-01T12:00:00Z');

const seed = (store: EventStore, first: number, cases: number) => seedStore(store, { first, cases, seed: 23, end: END });

async function allCaseEvents(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let after: bigint | null = null;
  for (;;) {
    const batch: StoredEvent[] = await store.readAll({ after, limit: 1000 });
    if (batch.length === 0) return events.filter((e) => e.streamId.startsWith('case-'));
    events.push(...batch);
    after = batch[batch.length - 1].position;
  }
}

describe.each(DIALECTS)('the analytic read model (%s)', (dialect) => {
  let dir: string;
  const databases = readModelDatabases(dialect);
  const runners: ProjectionRunner[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zicht-analytics-'));
  });
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    await databases.closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  async function project(store: EventStore, _name: string, batchSize = 37) {
    const db = await databases.open();
    const runner = new ProjectionRunner(store, db, [new CaseProjection(), new AnalyticsProjection()], { batchSize, retryMs: 10 });
    runners.push(runner);
    await runner.start();
    const head = await store.headPosition();
    expect(await runner.waitFor(head!, 30_000)).toBe(true);
    return { runner, db, analytics: new AnalyticsReadModel(db) };
  }

  it('counts every fact once, under redelivery and in any batch size, as an independent count says', async () => {
    const plain = new InMemoryEventStore({ clock: fixedClock });
    const redelivering = new InMemoryEventStore({ clock: fixedClock, redeliver: { seed: 9 } });
    await seed(plain, 0, 300);
    await seed(redelivering, 0, 300);
    const a = await project(plain, 'plain', 500);
    const b = await project(redelivering, 'redelivering', 23);
    expect(await b.analytics.dump()).toEqual(await a.analytics.dump());

    // Independently: meldingen per receiving region and month, and adviesvragen per case region.
    const events = await allCaseEvents(plain);
    const regionOf = new Map<string, string>();
    const expected = new Map<string, number>();
    const bump = (key: string) => expected.set(key, (expected.get(key) ?? 0) + 1);
    for (const e of events) {
      const data = e.data as Record<string, any>;
      const month = e.metadata.occurredAt.slice(0, 7);
      if (e.type === 'case-opened') regionOf.set(e.streamId, data.region);
      if (e.type === 'melding') bump(`melding ${data.region} ${month}`);
      if (e.type === 'consultation' && data.with === 'veilig-thuis') bump(`adviesvraag ${regionOf.get(e.streamId)} ${month}`);
    }
    const actual = new Map<string, number>();
    const rows = await a.db.selectFrom('analytics_counts').select(['measure', 'grp', 'month', 'n']).where('dimension', '=', 'region').where('measure', 'in', ['melding', 'adviesvraag']).execute();
    for (const r of rows) actual.set(`${r.measure} ${r.grp} ${r.month}`, (actual.get(`${r.measure} ${r.grp} ${r.month}`) ?? 0) + r.n);
    expect(actual).toEqual(expected);
    expect([...expected.values()].reduce((x, y) => x + y, 0)).toBeGreaterThan(150);
  });

  it('rebuilding from zero gives the same analytic rows as projecting live', async () => {
    const store = new InMemoryEventStore({ clock: fixedClock });
    await seed(store, 0, 80);
    const live = await project(store, 'live');
    await seed(store, 80, 60);
    expect(await live.runner.waitFor((await store.headPosition())!, 30_000)).toBe(true);
    const before = await live.analytics.dump();
    await live.runner.rebuild();
    expect(await live.analytics.dump()).toEqual(before);
  });

  it('stores no child reference, free text, name or actor of any event', async () => {
    const store = new InMemoryEventStore({ clock: fixedClock });
    await seed(store, 0, 120);
    const { analytics } = await project(store, 'private');
    const dump = await analytics.dump();
    const stored = JSON.stringify({ ...dump, cases: (dump.cases as { fold: string }[]).map((c) => ({ ...c, fold: JSON.parse(c.fold) })) });
    const secrets = new Set<string>();
    for (const e of await allCaseEvents(store)) {
      const collect = (v: unknown): void => {
        if (typeof v === 'string' && v.length > 3) secrets.add(v);
        else if (Array.isArray(v)) v.forEach(collect);
        else if (v && typeof v === 'object') Object.values(v).forEach(collect);
      };
      collect(personalDataOf(recordedCaseEvent(e)));
      secrets.add(e.metadata.actor.id);
      secrets.add(e.metadata.actor.organisation);
    }
    expect(secrets.size).toBeGreaterThan(100);
    expect([...secrets].filter((secret) => stored.includes(secret))).toEqual([]);
  });

  it('seeds a SQLite store in group-committed chunks and projects it', async () => {
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL', clock: fixedClock });
    try {
      const result = await seedStore(store, { cases: 250, seed: 5, end: END, chunk: 100 });
      const events = await allCaseEvents(store);
      expect(result).toMatchObject({ cases: 250, events: events.length });
      expect(new Set(events.map((e) => e.streamId)).size).toBe(250);
      const { db } = await project(store, 'seeded');
      expect(Number((await db.selectFrom('analytics_case').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(250); // a string on PostgreSQL (bigint)
    } finally {
      for (const r of runners.splice(0)) await r.stop();
      await store.close();
    }
  });

  it('seeds the same cases as they happened, interleaved in time order, and projects them to the same tables', async () => {
    const byCase = new InMemoryEventStore({ clock: fixedClock });
    const asItHappened = new InMemoryEventStore({ clock: fixedClock });
    await seedStore(byCase, { cases: 120, seed: 5, end: END });
    const result = await seedStore(asItHappened, { cases: 120, seed: 5, end: END, order: 'as-it-happened', chunk: 50 });
    const [a, b] = [await allCaseEvents(byCase), await allCaseEvents(asItHappened)];
    expect(result).toMatchObject({ cases: 120, events: a.length });
    const streams = (events: StoredEvent[]) => {
      const m = new Map<string, unknown[]>();
      for (const e of events) m.set(e.streamId, [...(m.get(e.streamId) ?? []), [e.revision, e.type, e.data, e.metadata.occurredAt]]);
      return m;
    };
    expect(streams(b)).toEqual(streams(a));
    // In time order, and interleaved: the next event is mostly another case's.
    const at = b.map((e) => e.metadata.occurredAt as string);
    expect(at.filter((t, i) => i > 0 && t < at[i - 1])).toEqual([]);
    expect(b.filter((e, i) => i > 0 && e.streamId !== b[i - 1].streamId).length).toBeGreaterThan(b.length / 2);
    expect(a.filter((e, i) => i > 0 && e.streamId !== a[i - 1].streamId).length).toBe(119);
    expect(await (await project(asItHappened, 'as-it-happened')).analytics.dump()).toEqual(await (await project(byCase, 'by-case')).analytics.dump());
  });
});
