import { EVENT_SCHEMA_VERSION, afwegingskaders } from '@zicht/case-domain';
import { InMemoryEventStore, NewEvent, StoredEvent } from '@zicht/event-store';
import { AnalyticsProjection, AnalyticsReadModel, CaseProjection, CaseReadModel, Projection, ProjectionRunner, ReadModelDb } from '@zicht/projections';
import { signalRecorded } from '@zicht/testing';
import { randomUUID } from 'node:crypto';
import { generateCase } from '../../apps/api/src/seed/generate-cases';
import { DIALECTS, readModelDatabases } from './read-model-databases';

jest.setTimeout(60_000);

const versions = Object.fromEntries(afwegingskaders.map((k) => [k.id, k.version]));
const END = new Date('2026-11-01T00:00:00Z');
const metadata = (): NewEvent['metadata'] => ({
  eventId: randomUUID(),
  actor: { id: 'prof-0001', role: 'professional', organisation: 'org-x' },
  occurredAt: '2026-10-31T10:00:00.000Z',
  correlationId: 'c',
  causationId: 'c',
  schemaVersion: EVENT_SCHEMA_VERSION,
});
/** Data of the wrong shape, as no command could write it: a responsibility handed to nobody. */
const SECRET = 'Geheime reden die nergens mag staan (verzonnen)';
const poisoned = (): NewEvent => ({ type: 'responsibility-assigned', data: { scope: 'monitoring', to: {}, from: null, reason: SECRET }, metadata: metadata() });
const signal = (): NewEvent => ({ type: 'signal', data: signalRecorded().data as never, metadata: metadata() });

describe.each(DIALECTS)('parked events (%s)', (dialect) => {
  const databases = readModelDatabases(dialect);
  const runners: ProjectionRunner[] = [];
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    await databases.closeAll();
  });

  async function started(store: InMemoryEventStore, db: ReadModelDb, projections: Projection[] = [new CaseProjection(), new AnalyticsProjection()]) {
    const runner = new ProjectionRunner(store, db, projections, { batchSize: 25, buildBatchSize: 60, retryMs: 10 });
    runners.push(runner);
    await runner.start();
    expect(await runner.waitFor((await store.headPosition())!, 20_000)).toBe(true);
    while ((await runner.status()).rebuilding) await new Promise((resolve) => setTimeout(resolve, 10)); // the first generation swapped in
    return runner;
  }

  async function seeded(cases: number) {
    const store = new InMemoryEventStore();
    const generated = Array.from({ length: cases }, (_, i) => generateCase(i, { seed: 41, versions, end: END }));
    for (const c of generated) await store.appendToStream(c.streamId, c.events, { expectedRevision: 'no-stream' });
    return { store, generated };
  }

  it('parks an event the case projection cannot apply, with the ones after it, and keeps projecting the rest of the log', async () => {
    const { store, generated } = await seeded(40);
    const db = await databases.open();
    const runner = await started(store, db);
    const victim = generated[7];
    const before = (await new CaseReadModel(db).get(victim.caseId))!;
    const bad = await store.appendToStream(victim.streamId, [poisoned()], { expectedRevision: victim.events.length - 1 });
    const after = await store.appendToStream(victim.streamId, [signal()], { expectedRevision: bad.nextExpectedRevision });
    const other = await store.appendToStream(generated[8].streamId, [signal()], { expectedRevision: generated[8].events.length - 1 });
    const more = generateCase(99, { seed: 41, versions, end: END });
    const last = await store.appendToStream(more.streamId, more.events, { expectedRevision: 'no-stream' });
    expect(await runner.waitFor(last.position, 10_000)).toBe(true);

    const readModel = new CaseReadModel(db);
    expect(await readModel.get(victim.caseId)).toEqual({ state: before.state, incomplete: true }); // stops before it, and says so
    expect((await readModel.get(generated[8].caseId))!.state.revision).toBe(other.nextExpectedRevision);
    expect((await readModel.get(more.caseId))!.state.revision).toBe(last.nextExpectedRevision);

    const parked = await runner.parked();
    expect(parked).toEqual([
      expect.objectContaining({ projection: 'cases', streamId: victim.streamId, revision: bad.nextExpectedRevision, position: String(bad.position), error: 'ProjectionDataError' }),
      expect.objectContaining({ projection: 'cases', streamId: victim.streamId, revision: after.nextExpectedRevision, position: String(after.position), error: 'BlockedByParkedEventError' }),
    ]);
    expect(parked[0].reason).toMatch(/case_access\.value/);
    expect(JSON.stringify(parked)).not.toContain(SECRET);
    expect(await runner.status()).toMatchObject({ parked: 2, behind: '0', lastError: null });

    // Retrying without a fix parks them again; nothing else changes.
    expect(await runner.retryParked()).toEqual({ retried: 2, parked: 2 });
    expect((await readModel.get(victim.caseId))!.incomplete).toBe(true);

    // A rebuild gets past it: every other case as before, the same two parked in the new generation.
    const dump = await readModel.dump();
    await runner.rebuild();
    expect(await readModel.dump()).toEqual(dump);
    expect((await runner.parked()).map((p) => [p.projection, p.revision, p.generation])).toEqual([
      ['cases', bad.nextExpectedRevision, 2],
      ['cases', after.nextExpectedRevision, 2],
    ]);
    // The analytic projection could take it (a handover is only counted): it parked nothing.
    expect((await new AnalyticsReadModel(db).dump()).cases).toHaveLength(41);
  });

  it('applies parked events again after a fix, in stream order; those that now fit leave the list', async () => {
    const { store, generated } = await seeded(10);
    const db = await databases.open();
    let fixed = false;
    const picky: Projection = {
      name: 'picky',
      version: 1,
      tables: [],
      migrations: [],
      createWriter: () => ({
        apply: async (_trx, events, batch) => {
          for (const e of events) {
            if (batch.isParked(e.streamId)) batch.park(e, new Error('blocked'));
            else if (!fixed && e.type === 'responsibility-assigned') batch.park(e, new TypeError(`cannot read ${JSON.stringify(e.data)}`));
            else applied.push(e);
          }
        },
      }),
    };
    const applied: StoredEvent[] = [];
    const runner = await started(store, db, [new CaseProjection(), picky]);
    const victim = generated[3];
    const bad = await store.appendToStream(victim.streamId, [poisoned(), signal()], { expectedRevision: victim.events.length - 1 });
    expect(await runner.waitFor(bad.position, 10_000)).toBe(true);
    const mine = () => applied.filter((e) => e.streamId === victim.streamId && e.revision >= victim.events.length).map((e) => e.revision);
    expect(mine()).toEqual([]);
    const reasons = (await runner.parked()).filter((p) => p.projection === 'picky').map((p) => p.reason);
    expect(reasons).toEqual(['the event data does not have the shape this projection expects', 'the projection could not apply the event']);
    expect(JSON.stringify(reasons)).not.toContain(SECRET); // the message quoted the data; the reason does not

    fixed = true;
    const { retried } = await runner.retryParked();
    expect(retried).toBe(4); // two in each projection; the case projection's still fail
    expect(mine()).toEqual([victim.events.length, victim.events.length + 1]);
    expect((await runner.parked()).map((p) => p.projection)).toEqual(['cases', 'cases']);
    expect((await runner.status()).projections.find((p) => p.name === 'picky')!.parked).toBe(0);
  });
});
