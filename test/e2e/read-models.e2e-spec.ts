import { TestApp, bodies, startTestApp } from '../support/test-app';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);

describe('read models: accountability, compliance, the worklist and case lists', () => {
  let t: TestApp;
  let caseId: string;
  let c: string;
  let childEventId: string;
  const start = Date.now() - 60 * DAY;
  const at = (day: number) => iso(start + day * DAY);

  beforeAll(async () => {
    t = await startTestApp({ store: 'sqlite' });
    // The scripted walk: a school, then Veilig Thuis; help whose first check is in the past.
    caseId = (await t.as('school').post('/cases').send(bodies.openCase({ occurredAt: at(0) })).expect(201)).body.caseId;
    c = `/cases/${caseId}`;
    await t.as('school').post(`${c}/signals`).send(bodies.signal({ observedAt: date(start), occurredAt: at(0) })).expect(201);
    childEventId = (await t.as('school').post(`${c}/child-conversations`).send({ outcome: 'heard', moment: 'signalering', heardAlone: true, viewsSummary: 'Kind vertelt (verzonnen).', occurredAt: at(2) }).expect(201)).body.events[0].eventId;
    await t.as('school').post(`${c}/weighings`).send({ afwegingskader: { id: 'onderwijs', version: '2018' }, answers: { suspicion: true, acuteUnsafety: false, structuralUnsafety: true }, rationale: 'Terugkerend (verzonnen).', occurredAt: at(3) }).expect(201);
    await t.as('school').post(`${c}/meldingen`).send({ occurredAt: at(4) }).expect(201);
    await t.as('vt13').post(`${c}/hulp`).send({
      mode: 'inzetten',
      decidedBy: 'veilig-thuis',
      responsible: { organisation: 'jeugdteam-noord', role: 'casemanager' },
      plan: { aims: ['Het kind is thuis veilig'], childConversationEventId: childEventId, discussedWith: ['kind', 'ouders'] },
      components: [
        { kind: 'gezinsbegeleiding', provider: 'jeugdteam-noord', startsOn: date(start + 6 * DAY), deadline: date(start + 30 * DAY), intendedDurationWeeks: 12 },
        { kind: 'oudercursus', provider: 'cjg', startsOn: date(start + 10 * DAY), deadline: date(start + 200 * DAY), intendedDurationWeeks: 8 },
      ],
      evaluation: { method: 'huisbezoek', intervalDays: 28, firstCheckDue: date(start + 34 * DAY) },
      occurredAt: at(5),
    }).expect(201);
  });
  afterAll(() => t.close());

  it('sees a command at once in the read models (read-your-writes)', async () => {
    const opened = await t.as('school').post('/cases').send(bodies.openCase()).expect(201);
    const summary = await t.as('school').get(`/cases/${opened.body.caseId}`).expect(200);
    expect(summary.body.revision).toBe(opened.body.revision);
    const signal = await t.as('school').post(`/cases/${opened.body.caseId}/signals`).send(bodies.signal()).expect(201);
    expect((await t.as('school').get(`/cases/${opened.body.caseId}`).expect(200)).body.revision).toBe(signal.body.revision);
  });

  it('answers the four questions of GC13 par. 53', async () => {
    const res = await t.as('inspector').get(`${c}/accountability`).expect(200);
    const a = res.body;
    expect(res.headers.etag).toBe(`"${a.revision}"`);
    // (a) who is responsible, per scope, with the timeline and no gap in zicht op veiligheid
    expect(a.responsible.current).toMatchObject({
      'zicht-op-veiligheid': { organisation: 'Veilig Thuis VR13' },
      hulp: { organisation: 'jeugdteam-noord' },
      monitoring: { organisation: 'jeugdteam-noord' },
    });
    const zicht = a.responsible.timeline.filter((p: { scope: string }) => p.scope === 'zicht-op-veiligheid');
    expect(zicht.map((p: { party: { organisation: string } }) => p.party.organisation)).toEqual(['obs-de-linde', 'Veilig Thuis VR13']);
    expect(zicht[0].until).toBe(zicht[1].from);
    expect(a.responsible.gaps.filter((g: { scope: string }) => g.scope === 'zicht-op-veiligheid')).toEqual([]);
    // (b) the plan, and how the child was involved
    expect(a.plan).toMatchObject({ aims: ['Het kind is thuis veilig'], discussedWith: ['kind', 'ouders'], childInvolvement: { eventId: childEventId, type: 'child-heard' } });
    // (c) the interventions with deadline, duration and overdue
    expect(a.interventions).toHaveLength(2);
    expect(a.interventions[0]).toMatchObject({ kind: 'gezinsbegeleiding', deadline: date(start + 30 * DAY), intendedDurationWeeks: 12, overdue: true });
    expect(a.interventions[1]).toMatchObject({ kind: 'oudercursus', intendedDurationWeeks: 8, overdue: false });
    // (d) the evaluation schedule: the first check is in the past and none was done
    expect(a.evaluation).toMatchObject({ method: 'huisbezoek', intervalDays: 28, nextCheckDue: date(start + 34 * DAY), overdue: true, checks: [] });
  });

  it('shows the overdue check and deadline in the worklist of those involved', async () => {
    const res = await t.as('vt13').get('/worklist').expect(200);
    const mine = res.body.items.filter((i: { caseId: string }) => i.caseId === caseId);
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'monitor-check', dueDate: date(start + 34 * DAY), overdue: true }),
        expect.objectContaining({ kind: 'intervention-deadline', dueDate: date(start + 30 * DAY), overdue: true }),
      ]),
    );
    expect(JSON.stringify(mine)).not.toMatch(/leerling-0042|verzonnen/); // no child reference, no free text
    const other = await t.as('otherSchool').get('/worklist').expect(200);
    expect(other.body.items.filter((i: { caseId: string }) => i.caseId === caseId)).toEqual([]);
  });

  it('a conversation by an untrained interviewer is not-met in compliance', async () => {
    const other = (await t.as('school').post('/cases').send(bodies.openCase()).expect(201)).body.caseId;
    const heard = await t.as('schoolUntrained').post(`/cases/${other}/child-conversations`).send({ outcome: 'heard', moment: 'signalering', heardAlone: true, viewsSummary: 'x (verzonnen)' }).expect(201);
    const res = await t.as('school').get(`/cases/${other}/compliance`).expect(200);
    const check = res.body.checks.find((k: { id: string }) => k.id === 'child-heard-by-trained-interviewer');
    expect(check).toMatchObject({ status: 'not-met', evidence: [heard.body.events[0].eventId] });
    expect(check.explanation.length).toBeGreaterThan(20);
    for (const k of res.body.checks) expect(['met', 'not-met', 'pending', 'not-applicable']).toContain(k.status);
    const walk = await t.as('inspector').get(`${c}/compliance`).expect(200);
    expect(walk.body.checks.find((k: { id: string }) => k.id === 'melding-when-required').status).toBe('met');
    expect(walk.body.checks.find((k: { id: string }) => k.id === 'child-heard-by-trained-interviewer').status).toBe('met');
  });

  it('lists the cases a principal may see, newest first, filtered and paged', async () => {
    const mine = await t.as('jeugdteam').get('/cases').expect(200); // holds hulp and monitoring of the walk
    expect(mine.body.cases.map((s: { caseId: string }) => s.caseId)).toContain(caseId);
    const overdue = await t.as('vt13').get('/cases?overdue=true').expect(200);
    expect(overdue.body.cases.map((s: { caseId: string }) => s.caseId)).toContain(caseId);
    const closed = await t.as('vt13').get('/cases?status=closed').expect(200);
    expect(closed.body.cases.map((s: { caseId: string }) => s.caseId)).not.toContain(caseId);
    expect((await t.as('otherSchool').get('/cases').expect(200)).body.cases.map((s: { caseId: string }) => s.caseId)).not.toContain(caseId);

    for (let i = 0; i < 5; i++) await t.as('gp').post('/cases').send(bodies.openCase()).expect(201);
    const first = await t.as('gp').get('/cases?limit=2').expect(200);
    expect(first.body.cases).toHaveLength(2);
    const seen = new Set(first.body.cases.map((s: { caseId: string }) => s.caseId));
    let next = first.body.next;
    while (next) {
      const page = await t.as('gp').get(`/cases?limit=2&cursor=${next}`).expect(200);
      for (const s of page.body.cases) seen.add(s.caseId);
      next = page.body.next;
    }
    expect(seen.size).toBe(5);
    const openedAt = first.body.cases.map((s: { openedAt: string }) => s.openedAt);
    expect([...openedAt].sort().reverse()).toEqual(openedAt);

    await t.as('gp').get('/cases?status=maybe').expect(400);
    await t.as('gp').get('/cases?cursor=garbage').expect(400);
    await t.as('admin').get('/cases').expect(403); // inspectors list every case (see find-cases.e2e-spec.ts)
    await t.as('analyst').get('/worklist').expect(403);
    await t.as('analyst').get(`${c}/accountability`).expect(403);
    await t.as('otherSchool').get(`${c}/accountability`).expect(404);
    await t.as('otherSchool').get(`${c}/compliance`).expect(404);
  });

  it('rebuilds the read models on an admin request, to the same answers; others may not', async () => {
    const before = (await t.as('inspector').get(`${c}/accountability`).expect(200)).body;
    await t.as('school').post('/admin/projections/rebuild').expect(403);
    const res = await t.as('admin').post('/admin/projections/rebuild').expect(200);
    expect(res.body.events).toBeGreaterThan(5);
    expect(res.body.status).toMatchObject({ running: true, behind: '0' });
    const after = (await t.as('inspector').get(`${c}/accountability`).expect(200)).body;
    expect({ ...after, asOf: null }).toEqual({ ...before, asOf: null });
  });

  it('shows the projections position and lag in /health', async () => {
    const { default: request } = await import('supertest');
    const res = await request(t.app.getHttpServer()).get('/health').expect(200);
    expect(res.body.info.projections).toMatchObject({ status: 'up', running: true, behind: '0' });
    expect(res.body.info.projections.position).toBe(res.body.info.projections.head);
  });
});
