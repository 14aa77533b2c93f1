import { caseStreamId } from '@zicht/case-domain';
import { TestApp, bodies, commandBodies, startTestApp } from '../support/test-app';

// Every command, with each wrong shape of each field it has: 400 naming that field, nothing
// appended. (The decider refuses the same shapes on its own: libs/case-domain/src/schemas.spec.ts.)

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/** The wrong shapes of a value: another JSON type, and for dates and instants the impossible ones. */
function wrongShapes(value: Json): Json[] {
  if (Array.isArray(value)) return [{}, 'x', 1, null];
  if (value !== null && typeof value === 'object') return [[], 'x', 1, true, null];
  if (typeof value === 'boolean') return ['true', 1, [], {}];
  if (typeof value === 'number') return ['1', true, [], {}, 1.5];
  if (typeof value === 'string') {
    if (DATE.test(value)) return ['2026-02-30', '2026-13-01', '0000-01-01', 20261101, '01-11-2026'];
    if (INSTANT.test(value)) return ['2026-02-30T10:00:00Z', '2026-11-01T24:00:00Z', '0000-01-01T00:00:00Z', '2026-11-01T10:00:00', 'now'];
    return [1, true, [], {}];
  }
  return [];
}

/** Every field of a body, by the path the API names it with (`plan.aims`, `components[0].deadline`). */
function fields(value: Json, path = ''): Array<{ path: string; value: Json }> {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => (item !== null && typeof item === 'object' ? fields(item, `${path}[${i}]`) : []));
  return Object.entries(value).flatMap(([key, child]) => {
    const at = path ? `${path}.${key}` : key;
    return [{ path: at, value: child }, ...fields(child, at)];
  });
}

function withField(body: Json, path: string, replacement: Json): Json {
  const copy = JSON.parse(JSON.stringify(body)) as Json;
  const steps = path.split(/\.|(?=\[)/).map((s) => (s.startsWith('[') ? Number(s.slice(1, -1)) : s));
  let node = copy as Record<string | number, Json>;
  for (const step of steps.slice(0, -1)) node = node[step] as Record<string | number, Json>;
  node[steps[steps.length - 1]] = replacement;
  return copy;
}

const hulp = {
  mode: 'inzetten',
  decidedBy: 'melder',
  responsible: { organisation: 'jeugdteam-noord', professional: 'medewerker-17', role: 'casemanager' },
  plan: { aims: ['Veilige thuissituatie (verzonnen)'], childConversationEventId: '00000000-0000-4000-8000-000000000000', discussedWith: ['ouders'] },
  components: [{ kind: 'gezinsbegeleiding', provider: 'jeugdteam-noord', startsOn: '2026-11-10', deadline: '2027-02-10', intendedDurationWeeks: 12 }],
  evaluation: { method: 'huisbezoek', intervalDays: 42, firstCheckDue: '2026-12-15' },
};

const commands: Array<[string, Json]> = [
  ['', bodies.openCase({ occurredAt: '2026-11-01T09:00:00Z' }) as Json],
  ...Object.entries(commandBodies).map(([path, body]): [string, Json] => [path, { ...body, occurredAt: '2026-11-01T09:00:00Z' } as Json]),
  ['hulp', { ...hulp, occurredAt: '2026-11-01T09:00:00Z' }],
  ['child-conversations', { outcome: 'not-heard', moment: 'signalering', reason: 'child-declined', explanation: 'Wil nu niet (verzonnen).', accommodationsTried: ['tekenen'], revisitBy: '2026-12-01' }],
  ['monitor-checks', { safety: 'safe', helpEffective: true, notes: 'x', childConversationEventId: '00000000-0000-4000-8000-000000000000', nextCheckDue: '2027-01-15' }],
  ['meldingen', { region: 'VR13', grounds: ['acute-unsafety'], vtReference: 'VT-1', urgency: 'acuut' }],
  ['investigations', { endedEarly: { reason: 'Gezin verhuisd (verzonnen).' }, decision: 'einde-bemoeienis', rationale: 'x' }],
];

describe('every command refuses each wrong shape of each field', () => {
  let t: TestApp;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp();
    caseId = (await t.as('school').post('/cases').send(bodies.openCase()).expect(201)).body.caseId;
  });
  afterAll(() => t.close());

  const cases = commands.flatMap(([path, body]) =>
    fields(body).flatMap(({ path: field, value }) => wrongShapes(value).map((wrong) => ({ path, field, wrong, body: withField(body, field, wrong) }))),
  );

  it('covers every field of every command', () => {
    expect(new Set(cases.map((c) => `${c.path} ${c.field}`)).size).toBeGreaterThan(60);
    expect(cases.length).toBeGreaterThan(250);
  });

  it.each(['to', 'subject', 'answers', 'responsible', 'plan', 'evaluation', 'afwegingskader'])('refuses an array where the object %s belongs', (field) => {
    expect(cases.some((c) => c.field === field && Array.isArray(c.wrong))).toBe(true);
  });

  it('answers 400 naming the field, and appends nothing', async () => {
    const stream = caseStreamId(caseId);
    const before = await t.store.streamRevision(stream);
    const before_log = await t.store.headPosition();
    const misses: string[] = [];
    for (const c of cases) {
      const url = c.path === '' ? '/cases' : `/cases/${caseId}/${c.path}`;
      const res = await t.as('school').post(url).send(c.body as object);
      const named = (res.body.errors ?? []).some((e: { field: string }) => e.field === c.field || e.field.startsWith(`${c.field}.`) || e.field.startsWith(`${c.field}[`));
      if (res.status !== 400 || !named) misses.push(`POST ${url} ${c.field}=${JSON.stringify(c.wrong)}: ${res.status} ${JSON.stringify(res.body.errors ?? res.body.rule)}`);
    }
    expect(misses).toEqual([]);
    expect(await t.store.streamRevision(stream)).toBe(before);
    // No case opened either: the log grew by access records only.
    const after = await t.store.readAll({ after: before_log, limit: 100_000 });
    expect(after.filter((e) => e.streamId.startsWith('case-'))).toEqual([]);
  });
});
