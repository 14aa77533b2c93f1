import { EVENT_SCHEMA_VERSION, afwegingskaders } from '@zicht/case-domain';
import { InMemoryEventStore } from '@zicht/event-store';
import { AccessLogProjection, AnalyticsProjection, AnalyticsReadModel, CaseProjection, CaseReadModel, ProjectionRunner, ReadModelDb } from '@zicht/projections';
import { signalRecorded } from '@zicht/testing';
import { randomUUID } from 'node:crypto';
import { generateCase } from '../../apps/api/src/seed/generate-cases';
import { DIALECTS, readModelDatabases } from './read-model-databases';

jest.setTimeout(120_000);

const versions = Object.fromEntries(afwegingskaders.map((k) => [k.id, k.version]));
const END = new Date('2026-11-01T00:00:00Z');
const all = () => [new CaseProjection(), new AccessLogProjection(), new AnalyticsProjection()];
const dumps = async (db: ReadModelDb) => ({ cases: await new CaseReadModel(db).dump(), analytics: await new AnalyticsReadModel(db).dump() });

describe.each(DIALECTS)('a rebuild in the shadow (%s)', (dialect) => {
  const databases = readModelDatabases(dialect);
  afterAll(() => databases.closeAll());

  it('keeps answering every case at the revision a command saw while it builds, swaps in, and equals a rebuild from zero', async () => {
    const store = new InMemoryEventStore();
    const cases = Array.from({ length: 300 }, (_, i) => generateCase(i, { seed: 51, versions, end: END }));
    const revisions = new Map<string, number>();
    /** What a client has been told: the revision of a command that answered (after read-your-writes). */
    const acknowledged = new Map<string, number>();
    for (const c of cases) {
      await store.appendToStream(c.streamId, c.events, { expectedRevision: 'no-stream' });
      revisions.set(c.caseId, c.events.length - 1);
      acknowledged.set(c.caseId, c.events.length - 1);
    }
    const db = await databases.open();
    const runner = new ProjectionRunner(store, db, all(), { batchSize: 20, buildBatchSize: 40, retryMs: 10 });
    await runner.start();
    expect(await runner.waitFor((await store.headPosition())!, 30_000)).toBe(true);
    while ((await runner.status()).rebuilding) await new Promise((r) => setTimeout(r, 10));
    const readModel = new CaseReadModel(db);

    const rebuilt = runner.rebuild();
    let done = false;
    void rebuilt.finally(() => (done = true));
    const problems: string[] = [];
    let commands = 0;
    let queries = 0;
    let whileBuilding = 0;
    const ids = [...revisions.keys()];
    let n = 0;
    const pick = () => ids[(n = (n * 7 + 13) % ids.length)];
    const commandsRun = (async () => {
      while (!done) {
        const caseId = pick();
        const e = signalRecorded();
        const metadata = { eventId: randomUUID(), actor: { id: 'p', role: 'professional', organisation: 'o' }, occurredAt: '2026-10-31T10:00:00.000Z', correlationId: 'c', causationId: 'c', schemaVersion: EVENT_SCHEMA_VERSION };
        const appended = await store.appendToStream(`case-${caseId}`, [{ type: e.type, data: e.data as never, metadata }], { expectedRevision: revisions.get(caseId)! });
        revisions.set(caseId, appended.nextExpectedRevision);
        if (!(await runner.waitFor(appended.position, 5_000))) problems.push(`no read-your-writes for ${caseId}`);
        const seen = await readModel.get(caseId);
        if (seen?.state.revision !== appended.nextExpectedRevision) problems.push(`after a command ${caseId} answered ${seen?.state.revision ?? 404}, not ${appended.nextExpectedRevision}`);
        acknowledged.set(caseId, appended.nextExpectedRevision);
        if ((await runner.status()).rebuilding) whileBuilding += 1;
        commands += 1;
      }
    })();
    const queriesRun = (async () => {
      while (!done) {
        const caseId = pick();
        const known = acknowledged.get(caseId)!;
        const seen = await readModel.get(caseId);
        if (seen === null || seen.state.revision < known) problems.push(`${caseId} answered ${seen?.state.revision ?? 404} after revision ${known} was acknowledged`);
        queries += 1;
        await new Promise((r) => setImmediate(r));
      }
    })();
    await rebuilt;
    await Promise.all([commandsRun, queriesRun]);

    expect(problems).toEqual([]);
    expect(whileBuilding).toBeGreaterThan(5); // commands really ran while the shadow was being built
    expect(queries).toBeGreaterThan(20);
    expect((await runner.status()).projections.map((p) => p.live!.generation)).toEqual([2, 2, 2]);

    expect(await runner.waitFor((await store.headPosition())!, 10_000)).toBe(true);
    const reference = await databases.open();
    const fromZero = new ProjectionRunner(store, reference, all(), { buildBatchSize: 500 });
    await fromZero.start();
    expect(await fromZero.waitFor((await store.headPosition())!, 30_000)).toBe(true);
    await fromZero.stop();
    await runner.stop();
    expect(await dumps(db)).toEqual(await dumps(reference));
  });
});
