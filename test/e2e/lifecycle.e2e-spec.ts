import { TestApp, bodies, startTestApp } from '../support/test-app';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);

describe('the Meldcode lifecycle over HTTP', () => {
  let t: TestApp;
  let onderwijs: { id: string; version: string };
  beforeAll(async () => {
    t = await startTestApp();
    const registry = await t.as('school').get('/afwegingskaders').expect(200);
    const found = registry.body.afwegingskaders.find((k: { id: string }) => k.id === 'onderwijs');
    onderwijs = { id: found.id, version: found.version };
  });
  afterAll(() => t.close());

  const open = async (who: 'school' | 'gp' = 'school') => (await t.as(who).post('/cases').send(bodies.openCase()).expect(201)).body.caseId as string;
  const heard = (overrides: Record<string, unknown> = {}) => ({ outcome: 'heard', moment: 'signalering', heardAlone: true, viewsSummary: 'Kind vertelt over thuis (verzonnen).', ...overrides });
  const plan = (childConversationEventId: string, start = Date.now()) => ({
    mode: 'inzetten',
    decidedBy: 'veilig-thuis',
    responsible: { organisation: 'jeugdteam-noord', professional: 'casemanager-3', role: 'casemanager' },
    plan: { aims: ['Het kind is thuis veilig'], childConversationEventId, discussedWith: ['kind', 'ouders'] },
    components: [{ kind: 'gezinsbegeleiding', provider: 'jeugdteam-noord', startsOn: date(start), deadline: date(start + 84 * DAY), intendedDurationWeeks: 12 }],
    evaluation: { method: 'huisbezoek', intervalDays: 28, firstCheckDue: date(start + 28 * DAY) },
  });

  it('walks a case from signal to closure, as a school and then Veilig Thuis, with every step visible', async () => {
    const start = Date.now() - 400 * DAY; // the monitoring norm keeps monitoring open for 365 days after the help
    const at = (day: number) => iso(start + day * DAY);
    const caseId = (await t.as('school').post('/cases').send(bodies.openCase({ occurredAt: at(0) })).expect(201)).body.caseId;
    const c = `/cases/${caseId}`;
    const summary = async () => (await t.as('inspector').get(c).expect(200)).body;

    await t.as('school').post(`${c}/signals`).send(bodies.signal({ observedAt: date(start), occurredAt: at(0) })).expect(201);
    expect(await summary()).toMatchObject({ stage: 'signalering', responsible: { 'zicht-op-veiligheid': { organisation: 'obs-de-linde' } } });

    await t.as('school').post(`${c}/consultations`).send({ with: 'veilig-thuis', summary: 'Adviesvraag (verzonnen).', occurredAt: at(1) }).expect(201);
    const conversation = await t.as('school').post(`${c}/child-conversations`).send({ ...heard(), occurredAt: at(2) }).expect(201);
    const childEventId = conversation.body.events[0].eventId;

    const weighing = await t
      .as('school')
      .post(`${c}/weighings`)
      .send({ afwegingskader: onderwijs, answers: { suspicion: true, acuteUnsafety: false, structuralUnsafety: true }, rationale: 'Terugkerend geweld (verzonnen).', occurredAt: at(3) })
      .expect(201);
    expect(weighing.body).toMatchObject({ conclusion: 'melding-required', meldplichtGrounds: ['structural-unsafety'] });
    expect(await summary()).toMatchObject({ stage: 'weging', meldplicht: { status: 'open', grounds: ['structural-unsafety'] }, flags: expect.arrayContaining(['meldplicht-open']) });

    const refused = await t.as('school').post(`${c}/closure`).send({ reason: 'other', summary: 'Sluiten (verzonnen).' }).expect(422);
    expect(refused.body).toMatchObject({ rule: 'closure.melding-required', status: 422 });
    expect(refused.body.detail).toMatch(/melding/i);

    await t.as('vt13').get(c).expect(404); // before the melding, Veilig Thuis is not involved
    await t.as('school').post(`${c}/meldingen`).send({ occurredAt: at(4) }).expect(201);
    expect(await summary()).toMatchObject({
      stage: 'melding',
      meldplicht: { status: 'fulfilled' },
      responsible: { 'zicht-op-veiligheid': { organisation: 'Veilig Thuis VR13', veiligThuisRegion: 'VR13' } },
    });
    await t.as('vt13').get(c).expect(200);
    await t.as('vt01').get(c).expect(404); // another region's Veilig Thuis does not see it
    await t.as('school').get(c).expect(200); // the melder keeps access

    await t.as('vt13').post(`${c}/hulp`).send({ ...plan(childEventId, start + 5 * DAY), occurredAt: at(5) }).expect(201);
    expect(await summary()).toMatchObject({ stage: 'hulp', responsible: { hulp: { organisation: 'jeugdteam-noord' }, monitoring: { organisation: 'jeugdteam-noord' } } });

    await t.as('vt13').post(`${c}/monitor-checks`).send({ safety: 'unsafe', helpEffective: false, notes: 'Onrustig (verzonnen).', occurredAt: at(20) }).expect(201);
    const early = await t.as('vt13').post(`${c}/closure`).send({ reason: 'safety-achieved', summary: 'Te vroeg (verzonnen).' }).expect(422);
    expect(early.body.rule).toBe('closure.monitoring-open');
    await t.as('vt13').post(`${c}/monitor-checks`).send({ safety: 'safe', helpEffective: true, notes: 'Rustig (verzonnen).', occurredAt: at(27) }).expect(201);
    expect(await summary()).toMatchObject({ stage: 'monitoring' });

    const tooSoon = await t.as('vt13').post(`${c}/closure`).send({ reason: 'safety-achieved', summary: 'Veilig (verzonnen).', occurredAt: at(29) }).expect(422);
    expect(tooSoon.body.rule).toBe('closure.monitoring-open');
    await t.as('vt13').post(`${c}/closure`).send({ reason: 'safety-achieved', summary: 'Veilig (verzonnen).', occurredAt: at(371) }).expect(201);
    expect(await summary()).toMatchObject({ status: 'closed', stage: 'gesloten', closure: { reason: 'safety-achieved' } });

    const closed = await t.as('vt13').post(`${c}/signals`).send(bodies.signal()).expect(409);
    expect(closed.body).toMatchObject({ status: 409, rule: 'case.closed' });
    await t.as('vt13').post(`${c}/reopen`).send({ reason: 'Nieuwe zorgen (verzonnen).' }).expect(201);
    expect(await summary()).toMatchObject({ status: 'open' });

    const history = await t.as('inspector').get(`${c}/history`).expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'case-opened', 'signal', 'consultation', 'child-heard', 'weighed', 'melding', 'hulp-ingezet', 'monitor-check', 'monitor-check', 'case-closed', 'case-reopened',
    ]);
    expect(history.body.events[3].data.interviewerTrained).toBe(true);
    expect(history.body.events[4].data).toMatchObject({ conclusion: 'melding-required', afwegingskader: onderwijs });
  });

  it('refuses age or disability as a reason not to hear the child, and appends nothing', async () => {
    const c = `/cases/${await open()}`;
    for (const reason of ['age', 'disability']) {
      const res = await t.as('school').post(`${c}/child-conversations`).send({ outcome: 'not-heard', moment: 'signalering', reason, explanation: 'x (verzonnen)', revisitBy: date(Date.now() + 7 * DAY) }).expect(422);
      expect(res.body.rule).toBe('child-not-heard.age-or-disability');
    }
    await t.as('school').post(`${c}/child-conversations`).send({ outcome: 'not-heard', moment: 'signalering', reason: 'child-declined', explanation: 'Wil nu niet (verzonnen).', revisitBy: date(Date.now() + 7 * DAY) }).expect(201);
    const history = await t.as('inspector').get(`${c}/history`).expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['case-opened', 'child-not-heard']);
  });

  it('accepts a melding on an open case at any stage (an acute case skips every step)', async () => {
    const c = `/cases/${await open()}`;
    await t.as('school').post(`${c}/meldingen`).send({ grounds: ['acute-unsafety'] }).expect(201);
    await t.as('vt13').get(c).expect(200);
  });

  it('records a conversation by an untrained interviewer and flags it; the trained flag comes from the key, never the body', async () => {
    const c = `/cases/${await open()}`;
    await t.as('schoolUntrained').post(`${c}/child-conversations`).send(heard()).expect(201);
    expect((await t.as('school').get(c).expect(200)).body.flags).toContain('child-heard-by-untrained-interviewer');
    const sneaky = await t.as('schoolUntrained').post(`${c}/child-conversations`).send({ ...heard(), interviewerTrained: true }).expect(400);
    expect(sneaky.body.errors.map((e: { field: string }) => e.field)).toEqual(['interviewerTrained']);
  });

  it.each([
    ['weighing without a signal', async (c: string) => t.as('school').post(`${c}/weighings`).send({ afwegingskader: onderwijs, answers: { suspicion: false }, rationale: 'x' }), 'weighing.requires-signal'],
    ['weighing without a child conversation', async (c: string) => {
      await t.as('school').post(`${c}/signals`).send(bodies.signal()).expect(201);
      return t.as('school').post(`${c}/weighings`).send({ afwegingskader: onderwijs, answers: { suspicion: false }, rationale: 'x' });
    }, 'weighing.requires-child-conversation'],
    ['an unknown afwegingskader', async (c: string) => {
      await t.as('school').post(`${c}/signals`).send(bodies.signal()).expect(201);
      await t.as('school').post(`${c}/child-conversations`).send(heard()).expect(201);
      return t.as('school').post(`${c}/weighings`).send({ afwegingskader: { id: 'onbekend', version: '1' }, answers: { suspicion: false }, rationale: 'x' });
    }, 'weighing.unknown-afwegingskader'],
    ['inconsistent answers', async (c: string) => {
      await t.as('school').post(`${c}/signals`).send(bodies.signal()).expect(201);
      await t.as('school').post(`${c}/child-conversations`).send(heard()).expect(201);
      return t.as('school').post(`${c}/weighings`).send({ afwegingskader: onderwijs, answers: { suspicion: false, acuteUnsafety: true }, rationale: 'x' });
    }, 'weighing.inconsistent-answers'],
    ['help by the melder without a weighing', async (c: string) => {
      const e = (await t.as('school').post(`${c}/child-conversations`).send(heard()).expect(201)).body.events[0].eventId;
      return t.as('school').post(`${c}/hulp`).send({ ...plan(e), decidedBy: 'melder' });
    }, 'hulp.requires-weighing'],
    ['help whose plan names no conversation with the child', async (c: string) => t.as('school').post(`${c}/hulp`).send(plan('00000000-0000-4000-8000-000000000000')), 'hulp.child-not-involved'],
    ['help with an incomplete plan', async (c: string) => {
      await t.as('school').post(`${c}/meldingen`).send({}).expect(201);
      const e = (await t.as('vt13').post(`${c}/child-conversations`).send(heard()).expect(201)).body.events[0].eventId;
      const p = plan(e);
      return t.as('vt13').post(`${c}/hulp`).send({ ...p, plan: { ...p.plan, aims: [] }, components: [{ kind: 'gezinsbegeleiding' }] });
    }, 'hulp.incomplete-plan'],
    ['a monitor check without help', async (c: string) => t.as('school').post(`${c}/monitor-checks`).send({ safety: 'safe', helpEffective: true, notes: 'x' }), 'monitor-check.requires-hulp'],
  ])('refuses %s with its rule (422) and appends nothing', async (_, act, rule) => {
    const caseId = await open();
    const c = `/cases/${caseId}`;
    const before = (await t.as('inspector').get(c).expect(200)).body.revision;
    const res = await act(c);
    const after = (await t.as('inspector').get(c).expect(200)).body.revision;
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 422, rule });
    expect(res.body.detail.length).toBeGreaterThan(40); // explains the norm
    // everything before the refused command was recorded; the refused one was not
    const history = await t.as('inspector').get(`${c}/history`).expect(200);
    expect(history.body.events).toHaveLength(after + 1);
    expect(after).toBeGreaterThanOrEqual(before);
  });

  it('hands one scope at a time to another party, who then may read the case', async () => {
    const c = `/cases/${await open()}`;
    await t.as('jeugdteam').get(c).expect(404);
    await t.as('school').post(`${c}/responsibility`).send({ scope: 'monitoring', to: { organisation: 'jeugdteam-noord' }, reason: 'Overdracht (verzonnen).' }).expect(201);
    const summary = (await t.as('jeugdteam').get(c).expect(200)).body;
    expect(summary.responsible).toMatchObject({ 'zicht-op-veiligheid': { organisation: 'obs-de-linde' }, monitoring: { organisation: 'jeugdteam-noord' } });
  });

  it('lists the afwegingskaders with their five questions in Dutch', async () => {
    const res = await t.as('analyst').get('/afwegingskaders').expect(200);
    const ids = res.body.afwegingskaders.map((k: { id: string }) => k.id);
    expect(ids).toEqual(expect.arrayContaining(['knmg', 'onderwijs', 'kinderopvang', 'basismodel']));
    for (const k of res.body.afwegingskaders) expect(k.questions.length).toBeGreaterThanOrEqual(5);
  });

  it('reopening an open case is refused', async () => {
    const c = `/cases/${await open()}`;
    const res = await t.as('school').post(`${c}/reopen`).send({ reason: 'x' }).expect(422);
    expect(res.body.rule).toBe('case.not-closed');
  });
});
