import { CaseCommand, CommandContext, EVENT_SCHEMA_VERSION, Principal, caseStreamId, decide } from '@zicht/case-domain';
import { EventStore, InMemoryEventStore, NewEvent } from '@zicht/event-store';
import { CaseProjection, CaseReadModel, ProjectionRunner, RadarReadModel } from '@zicht/projections';
import { aProfessional, aVeiligThuisWorker, anInspector } from '@zicht/testing';
import { createHmac, randomUUID } from 'node:crypto';
import { CaseStreams, caseFolder } from '../../apps/api/src/cases/case-stream';
import { DIALECTS, readModelDatabases } from './read-model-databases';

jest.setTimeout(60_000);

const keyOf = (child: string) => createHmac('sha256', 'invented-radar-secret').update(child).digest('hex');
const caseId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Commands through the domain, as the API's handler gives them (with the looked-up childKey). */
async function record(store: EventStore, n: number, actor: Principal, command: CaseCommand, at: string, extra: Partial<CommandContext> = {}) {
  const streams = new CaseStreams(store, caseFolder);
  await streams.handle(caseStreamId(caseId(n)), (state) =>
    decide(command, state, { caseId: caseId(n), actor, occurredAt: at, now: at, ...extra }).map(
      (e): NewEvent => ({
        type: e.type,
        data: e.data as unknown as NewEvent['data'],
        metadata: { eventId: randomUUID(), actor: { id: actor.id, role: actor.role, organisation: actor.organisation }, occurredAt: at, correlationId: 'c', causationId: 'c', schemaVersion: EVENT_SCHEMA_VERSION },
      }),
    ),
  );
}

const school = aProfessional({ organisation: 'school-a' });
const gp = aProfessional({ organisation: 'huisarts-b', beroepsgroep: 'artsen' });
const open = (region: string): CaseCommand => ({ type: 'open-case', data: { subject: { childRef: 'geheim-kind-ref' }, region } });
const signal: CaseCommand = { type: 'record-signal', data: { category: 'neglect', source: 'own-observation', description: 'Geheime vrije tekst (verzonnen).', observedAt: '2026-03-01' } };
const melding: CaseCommand = { type: 'make-melding', data: {} };

describe.each(DIALECTS)('the radar read model (%s)', (dialect) => {
  const databases = readModelDatabases(dialect);
  const runners: ProjectionRunner[] = [];
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    await databases.closeAll();
  });

  async function project(store: EventStore, batchSize: number) {
    const db = await databases.open();
    const runner = new ProjectionRunner(store, db, [new CaseProjection()], { batchSize, retryMs: 10 });
    runners.push(runner);
    await runner.start();
    expect(await runner.waitFor((await store.headPosition())!, 30_000)).toBe(true);
    return { db, radar: new RadarReadModel(db), cases: new CaseReadModel(db) };
  }

  async function scenario(store: EventStore) {
    const child = keyOf('kind-1');
    // 1: identified at opening, a signal, a melding to VR01. 2: identified with its melding (VR13), later.
    // 3: identified, never a melding. 4: a melding, another child. 5: a melding, no BSN at all.
    await record(store, 1, school, open('VR01'), '2026-03-02T09:00:00.000Z', { childKey: child });
    await record(store, 1, school, signal, '2026-03-02T10:00:00.000Z');
    await record(store, 1, school, melding, '2026-03-03T09:00:00.000Z');
    await record(store, 2, gp, open('VR13'), '2026-03-04T09:00:00.000Z');
    await record(store, 2, gp, melding, '2026-03-05T09:00:00.000Z', { childKey: child, priorInvolvement: 'tijdens-veiligheidsbeoordeling' });
    await record(store, 3, gp, open('VR13'), '2026-03-06T09:00:00.000Z', { childKey: child });
    await record(store, 4, school, open('VR13'), '2026-03-06T09:00:00.000Z', { childKey: keyOf('kind-2') });
    await record(store, 4, school, melding, '2026-03-07T09:00:00.000Z');
    await record(store, 5, gp, open('VR13'), '2026-03-08T09:00:00.000Z');
    await record(store, 5, gp, melding, '2026-03-08T10:00:00.000Z');
    return child;
  }

  it('gives the cases about one child that reached Veilig Thuis, oldest first, with codes and dates only', async () => {
    const store = new InMemoryEventStore();
    const child = await scenario(store);
    const { radar, db } = await project(store, 3);
    const entries = await radar.entriesOf(child);
    expect(entries.map((e) => [e.caseId, e.region, e.melder, e.meldingen, e.signalCategories])).toEqual([
      [caseId(1), 'VR01', 'school-a', ['2026-03-03'], ['neglect']],
      [caseId(2), 'VR13', 'huisarts-b', ['2026-03-05'], []],
    ]);
    expect(await radar.entriesOf(keyOf('kind-2'))).toHaveLength(1);
    expect(await radar.entriesOf(keyOf('nobody'))).toEqual([]);
    const stored = JSON.stringify(await db.selectFrom('radar_cases').selectAll().execute());
    for (const secret of ['geheim-kind-ref', 'Geheime vrije tekst']) expect(stored.includes(secret)).toBe(false);
  });

  it('finds, for Veilig Thuis, the cases whose child another case brought to Veilig Thuis (on this dialect too)', async () => {
    const store = new InMemoryEventStore();
    await scenario(store);
    const { cases } = await project(store, 50);
    const known = async (who: Principal) => (await cases.list(who, { childKnownToVeiligThuis: true, limit: 50 })).cases.map((c) => c.state.caseId);
    expect(await known(aVeiligThuisWorker('VR13'))).toEqual([caseId(2)]);
    expect(await known(aVeiligThuisWorker('VR01'))).toEqual([caseId(1)]);
    // Case 3 never reached Veilig Thuis itself, but its child is known from cases 1 and 2.
    expect(await known(anInspector())).toEqual([caseId(3), caseId(2), caseId(1)]);
  });

  it('gives the same rows live in small batches as rebuilt in one', async () => {
    const store = new InMemoryEventStore({ redeliver: { seed: 5 } });
    await scenario(store);
    const small = await project(store, 1);
    const large = await project(store, 500);
    expect(await small.radar.dump()).toEqual(await large.radar.dump());
  });
});
