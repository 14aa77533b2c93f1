import {
  CaseEvent,
  EVENT_SCHEMA_VERSION,
  ExistingCaseState,
  PERSONAL_DATA_FIELDS,
  accountability,
  afwegingskaders,
  caseStreamId,
  compliance,
  dueItems,
  foldEvents,
  involvement,
  personalDataOf,
  recordedCaseEvent,
  summarize,
} from '@zicht/case-domain';
import { EventStore, InMemoryEventStore, NewEvent, StoredEvent } from '@zicht/event-store';
import { CaseProjection, CaseReadModel, ProjectionRunner, SHOWN_PERSONAL_FIELDS } from '@zicht/projections';
import {
  HULP_ANSWERS,
  caseClosed,
  caseOpened,
  caseReopened,
  childHeard,
  childNotHeard,
  consulted,
  hulpIngezet,
  meldingMade,
  monitorChecked,
  responsibilityAssigned,
  signalRecorded,
  weighed,
} from '@zicht/testing';
import { randomUUID } from 'node:crypto';
import { generateCase } from '../../apps/api/src/seed/generate-cases';
import { DIALECTS, readModelDatabases } from './read-model-databases';

jest.setTimeout(120_000);

const versions = Object.fromEntries(afwegingskaders.map((k) => [k.id, k.version]));
const END = new Date('2026-11-01T00:00:00Z');
/** Moments to judge the answers at: before, inside and after the generated cases' span. */
const MOMENTS = ['2025-03-01T12:00:00.000Z', '2026-02-15T08:00:00.000Z', '2026-08-31T23:00:00.000Z', '2026-11-01T12:00:00.000Z', '2027-06-01T12:00:00.000Z'];

const actor = { id: 'prof-0001', role: 'professional', organisation: 'Basisschool De Verzonnen Eik' };
const meta = (i: number, occurredAt: string): NewEvent['metadata'] => ({ eventId: randomUUID(), actor, occurredAt, correlationId: `c-${i}`, causationId: `c-${i}`, schemaVersion: EVENT_SCHEMA_VERSION });

/** Scripted cases with what the generator never writes: responsibility handed on with a reason, reopening, a child not heard. */
function scripted(n: number): Array<{ streamId: string; events: NewEvent[] }> {
  return Array.from({ length: n }, (_, i) => {
    const caseId = randomUUID();
    const day = (d: number) => new Date(Date.UTC(2026, 0, 1 + d + i)).toISOString();
    const list: CaseEvent[] = [
      caseOpened({ caseId }),
      signalRecorded(),
      childNotHeard({ revisitBy: day(20).slice(0, 10) }),
      consulted({ with: 'veilig-thuis', adviesvraag: true }),
      weighed(HULP_ANSWERS),
    ];
    const events = list.map((e, k) => ({ type: e.type, data: e.data as never, metadata: meta(k, day(k)) }));
    const conversation = events[2].metadata.eventId;
    const hulp = hulpIngezet(conversation);
    events.push({ type: hulp.type, data: hulp.data as never, metadata: meta(5, day(6)) });
    const more: CaseEvent[] = [
      monitorChecked(events[5].metadata.eventId, { nextCheckDue: day(60).slice(0, 10) }),
      responsibilityAssigned({ scope: 'monitoring', to: { organisation: 'Wijkteam Zuid (verzonnen)', professional: `Hulpverlener ${i} (verzonnen)` }, reason: `Overdracht ${i} (verzonnen)` }),
      childHeard({ heardAlone: i % 2 === 0 }),
      ...(i % 3 === 0 ? [meldingMade(), caseClosed(), caseReopened({ reason: `Heropend ${i} (verzonnen)` })] : []),
    ];
    more.forEach((e, k) => events.push({ type: e.type, data: e.data as never, metadata: meta(6 + k, day(7 + k * 3)) }));
    return { streamId: caseStreamId(caseId), events };
  });
}

async function eventsByCase(store: EventStore): Promise<Map<string, StoredEvent[]>> {
  const byCase = new Map<string, StoredEvent[]>();
  for (let after: bigint | null = null; ; ) {
    const batch: StoredEvent[] = await store.readAll({ after, limit: 1000 });
    if (batch.length === 0) return byCase;
    for (const e of batch) byCase.set(e.streamId.slice('case-'.length), [...(byCase.get(e.streamId.slice('case-'.length)) ?? []), e]);
    after = batch[batch.length - 1].position;
  }
}

describe.each(DIALECTS)('the case row (%s)', (dialect) => {
  const databases = readModelDatabases(dialect);
  afterAll(() => databases.closeAll());

  let store: InMemoryEventStore;
  let readModel: CaseReadModel;
  let byCase: Map<string, StoredEvent[]>;
  beforeAll(async () => {
    store = new InMemoryEventStore();
    const cases = [...Array.from({ length: 600 }, (_, i) => generateCase(i, { seed: 31, versions, end: END })), ...scripted(30)];
    for (const c of cases) await store.appendToStream(c.streamId, c.events, { expectedRevision: 'no-stream' });
    // A few cases get more events later, in small batches: folded on from the stored row.
    for (const c of cases.slice(0, 40)) {
      const e = signalRecorded();
      await store.appendToStream(c.streamId, [{ type: e.type, data: e.data as never, metadata: meta(99, '2026-10-30T10:00:00.000Z') }], { expectedRevision: c.events.length - 1 });
    }
    const db = await databases.open();
    const runner = new ProjectionRunner(store, db, [new CaseProjection(10)], { batchSize: 97, buildBatchSize: 311 });
    await runner.start();
    expect(await runner.waitFor((await store.headPosition())!, 60_000)).toBe(true);
    await runner.stop();
    readModel = new CaseReadModel(db);
    byCase = await eventsByCase(store);
  });

  it('answers summary, accountability, compliance, due items and who may see it as the full fold does', async () => {
    expect(byCase.size).toBe(630);
    let compared = 0;
    for (const [caseId, events] of byCase) {
      const full = foldEvents(events.map(recordedCaseEvent)) as ExistingCaseState;
      const stored = (await readModel.get(caseId))!.state;
      expect(involvement(stored)).toEqual(involvement(full));
      expect(dueItems(stored)).toEqual(dueItems(full));
      for (const now of MOMENTS) {
        expect(summarize(stored, now)).toEqual(summarize(full, now));
        expect(accountability(stored, now)).toEqual(accountability(full, now));
        expect(compliance(stored, now)).toEqual(compliance(full, now));
        compared += 1;
      }
    }
    expect(compared).toBe(630 * MOMENTS.length);
  });

  it('is smaller than the full state: one signal of each category, and no free text that no answer shows', async () => {
    const dump = (await readModel.dump()).cases as Array<{ state: string }>;
    const stored = dump.map((r) => r.state).join('\n');
    const unshown = new Set<string>();
    let fullSize = 0;
    for (const events of byCase.values()) {
      fullSize += JSON.stringify(foldEvents(events.map(recordedCaseEvent))).length;
      for (const e of events) {
        const shown = SHOWN_PERSONAL_FIELDS[e.type] ?? [];
        for (const [path, value] of Object.entries(personalDataOf(recordedCaseEvent(e)))) {
          if (!shown.includes(path)) for (const text of [value].flat(2)) if (typeof text === 'string' && text.length > 3) unshown.add(text);
        }
      }
    }
    expect(unshown.size).toBeGreaterThan(10);
    expect([...unshown].filter((text) => stored.includes(JSON.stringify(text).slice(1, -1)))).toEqual([]);
    expect(stored).not.toContain('"description"');
    expect(stored.length).toBeLessThan(fullSize); // the generated cases have few signals and short texts; real ones have many, and paragraphs
    for (const row of dump) {
      const categories = (JSON.parse(row.state) as { signals: Array<{ category: string }> }).signals.map((x) => x.category);
      expect(new Set(categories).size).toBe(categories.length); // a long case keeps one signal per category, not every signal
    }
    // Every shown field is one the domain registers as personal (so a renamed field is caught here).
    for (const [type, paths] of Object.entries(SHOWN_PERSONAL_FIELDS)) for (const path of paths) expect(PERSONAL_DATA_FIELDS[type as keyof typeof PERSONAL_DATA_FIELDS]).toContain(path);
  });
});
