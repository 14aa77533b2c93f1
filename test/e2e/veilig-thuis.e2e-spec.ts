import { caseStreamId } from '@zicht/case-domain';
import { ProjectionRunner } from '@zicht/projections';
import { PrincipalName, TestApp, TestClock, bodies, startTestApp } from '../support/test-app';

// Veilig Thuis over HTTP: the walk after a melding, each refusal (status and rule, nothing
// appended), deadlines in Dutch working days on the worklist, monitoring that does not silently
// end, and the melder's terugkoppeling. All data is invented.

jest.setTimeout(60_000);

/** Friday 6 November 2026, 15:00 in Amsterdam (CET, UTC+1). */
const FRIDAY_AFTERNOON = '2026-11-06T14:00:00.000Z';
/** The end of Friday 13 November 2026 in Amsterdam: five working days (9..13 November) later. */
const END_OF_NEXT_FRIDAY = new Date(Date.parse('2026-11-14T00:00:00+01:00') - 1).toISOString();

const rationale = 'Afweging van Veilig Thuis (verzonnen).';

describe('Veilig Thuis over HTTP', () => {
  let t: TestApp;
  const clock = new TestClock(new Date(FRIDAY_AFTERNOON));

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  const post = async (who: PrincipalName, path: string, body: object, status = 201) => (await t.as(who).post(path).send(body).expect(status)).body;
  const caughtUp = async () => {
    const head = await t.store.headPosition();
    if (head !== null) expect(await t.app.get(ProjectionRunner).waitFor(head, 30_000)).toBe(true);
  };
  const revision = (caseId: string) => t.store.streamRevision(caseStreamId(caseId));

  /** A refusal answers its status and rule, and the case's stream does not move. */
  const refused = async (who: PrincipalName, path: string, body: object, status: number, rule: string) => {
    const caseId = path.split('/')[2];
    const before = await revision(caseId);
    const res = await t.as(who).post(path).send(body).expect(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status, rule });
    expect(await revision(caseId)).toBe(before);
    return res.body;
  };

  /** A school's case with a melding to Veilig Thuis VR13, now. */
  const meldedCase = async () => {
    const { caseId } = await post('school', '/cases', bodies.openCase());
    await post('school', `/cases/${caseId}/signals`, bodies.signal());
    await post('school', `/cases/${caseId}/meldingen`, {});
    return `/cases/${caseId}`;
  };

  it('walks melding → veiligheidsbeoordeling (onderzoek) → child heard alone → onderzoek → Voorwaarden & Vervolg → terugkoppeling, refusing what the rules refuse', async () => {
    clock.set(FRIDAY_AFTERNOON);
    const c = await meldedCase();
    const caseId = c.split('/')[2];

    // Only Veilig Thuis records its decisions.
    await refused('school', `${c}/safety-assessments`, { urgency: 'niet-acuut', safety: 'onveilig', decision: 'onderzoek', rationale }, 403, 'vt.wrong-region');

    const besluit = await post('vt13', `${c}/child-conversations`, { outcome: 'heard', moment: 'besluit-vervolg', heardAlone: true, viewsSummary: 'Kind vertelt over thuis (verzonnen).' });
    const assessed = await post('vt13', `${c}/safety-assessments`, {
      urgency: 'niet-acuut',
      safety: 'onveilig',
      decision: 'onderzoek',
      childConversationEventId: besluit.events[0].eventId,
      rationale,
    });
    expect(assessed.events.map((e: { type: string }) => e.type)).toEqual(['safety-assessed']);

    // One veiligheidsbeoordeling per melding.
    await refused('vt13', `${c}/safety-assessments`, { urgency: 'acuut', safety: 'onveilig', decision: 'voorwaarden-en-vervolg', rationale }, 422, 'vt.already-assessed');
    // The onderzoek concludes only after the child was heard during it (the conversation before it does not count).
    const investigation = { findings: [{ form: 'physical-abuse', outcome: 'bevestigd' }], decision: 'voorwaarden-en-vervolg', rationale };
    await refused('vt13', `${c}/investigations`, { ...investigation, childConversationEventId: besluit.events[0].eventId }, 422, 'vt.investigation-child-not-heard');
    await refused('vt13', `${c}/investigations`, investigation, 422, 'vt.investigation-child-not-heard');

    await post('vt13', `${c}/melder-feedback`, { moment: 'na-veiligheidsbeoordeling', vervolgStarted: true, melderRole: 'Blijf alert op signalen in de klas (verzonnen).' });
    const heard = await post('vt13', `${c}/child-conversations`, { outcome: 'heard', moment: 'onderzoek', heardAlone: true, viewsSummary: 'Kind vertelt alleen (verzonnen).' });
    const concluded = await post('vt13', `${c}/investigations`, { ...investigation, childConversationEventId: heard.events[0].eventId });
    expect(concluded.events.map((e: { type: string }) => e.type)).toEqual(['investigation-completed']);
    await post('vt13', `${c}/safety-conditions`, { conditions: [{ description: 'Ouders volgen opvoedondersteuning (verzonnen).', deadline: '2026-12-18' }], firstCheckDue: '2026-12-04' });
    await post('vt13', `${c}/melder-feedback`, { moment: 'na-onderzoek', vervolgStarted: true, handoverParties: [], monitoringAgreements: 'School meldt verzuim aan Veilig Thuis (verzonnen).' });

    // The melder's organisation reads the terugkoppeling, newest first; a stranger is told the case does not exist.
    await caughtUp();
    const feedback = (await t.as('school').get(`${c}/feedback`).expect(200)).body;
    expect(feedback).toMatchObject({ caseId, revision: await revision(caseId) });
    expect(feedback.feedback.map((f: { moment: string }) => f.moment)).toEqual(['na-onderzoek', 'na-veiligheidsbeoordeling']);
    expect(feedback.feedback[0]).toMatchObject({ aboutEventId: concluded.events[0].eventId, vervolgStarted: true, monitoringAgreements: 'School meldt verzuim aan Veilig Thuis (verzonnen).', melderRole: null });
    expect(feedback.feedback[1]).toMatchObject({ aboutEventId: assessed.events[0].eventId, melderRole: 'Blijf alert op signalen in de klas (verzonnen).' });
    await t.as('inspector').get(`${c}/feedback`).expect(200);
    const hidden = await t.as('otherSchool').get(`${c}/feedback`).expect(404);
    const missing = await t.as('otherSchool').get('/cases/6f1d0c1e-0000-4000-8000-00000000abcd/feedback').expect(404);
    expect(JSON.stringify(hidden.body).split(caseId).join('<id>')).toBe(JSON.stringify(missing.body).split('6f1d0c1e-0000-4000-8000-00000000abcd').join('<id>'));

    // The reading was logged like any other case query.
    await caughtUp();
    const entries = (await t.as('inspector').get(`/access-log?caseId=${caseId}`).expect(200)).body.entries as Array<{ outcome: string; principal?: { id: string }; route: string; status: number }>;
    const feedbackReads = entries.filter((e) => e.route === '/cases/:id/feedback').map((e) => [e.outcome, e.principal?.id, e.status]);
    expect(feedbackReads).toEqual([
      ['read', 'leerkracht-1', 200],
      ['read', 'inspecteur-1', 200],
      ['refused', 'leerkracht-9', 404],
    ]);

    // Accountability shows the deadlines as interventions of their own, and who monitors under which norm.
    const account = (await t.as('vt13').get(`${c}/accountability`).expect(200)).body;
    const vt = account.interventions.filter((i: { type: string }) => i.type === 'veilig-thuis');
    expect(vt.map((i: { kind: string }) => i.kind)).toEqual(['veiligheidsbeoordeling', 'onderzoek']);
    expect(vt[0]).toMatchObject({ deadline: END_OF_NEXT_FRIDAY, overdue: false, onTime: true, doneByEventId: assessed.events[0].eventId });
    expect(vt[1]).toMatchObject({ overdue: false, onTime: true, doneByEventId: concluded.events[0].eventId });
    expect(account.evaluation.norm).toMatchObject({ id: expect.any(String), version: expect.any(String), maxIntervalDays: 91, minDurationDays: 365 });

    // Compliance judges Veilig Thuis' norms.
    const checks = (await t.as('inspector').get(`${c}/compliance`).expect(200)).body.checks as Array<{ id: string; status: string; evidence: string[] }>;
    const status = (id: string) => checks.find((x) => x.id === id)?.status;
    expect(status('veiligheidsbeoordeling-within-deadline')).toBe('met');
    expect(status('onderzoek-within-deadline')).toBe('met');
    expect(status('melder-informed-within-deadline')).toBe('met');
    expect(checks.find((x) => x.id === 'onderzoek-within-deadline')!.evidence).toEqual(expect.arrayContaining([assessed.events[0].eventId, concluded.events[0].eventId]));
    expect(status('monitoring-meets-norm')).toBe('pending');
  });

  it('refuses Veilig Thuis before a melding (422) and Veilig Thuis of another region (403), appending nothing', async () => {
    clock.set(FRIDAY_AFTERNOON);
    const own = (await post('vt13', '/cases', bodies.openCase())).caseId;
    await refused('vt13', `/cases/${own}/safety-assessments`, { urgency: 'niet-acuut', safety: 'onbekend', decision: 'advies', rationale }, 422, 'vt.requires-melding');
    await refused('vt13', `/cases/${own}/melder-feedback`, { moment: 'na-veiligheidsbeoordeling', vervolgStarted: false }, 422, 'vt.requires-melding');

    // A melding to VR01, then a vervolgmelding to VR13: Veilig Thuis VR01 still sees the case, but no longer decides.
    const { caseId } = await post('school', '/cases', bodies.openCase());
    await post('school', `/cases/${caseId}/meldingen`, { region: 'VR01' });
    await post('school', `/cases/${caseId}/meldingen`, { region: 'VR13' });
    const problem = await refused('vt01', `/cases/${caseId}/safety-assessments`, { urgency: 'niet-acuut', safety: 'onveilig', decision: 'einde-bemoeienis', rationale }, 403, 'vt.wrong-region');
    expect(problem.detail).toContain('VR13');
    await refused('vt01', `/cases/${caseId}/gemeente-notices`, { municipality: 'GM0363', party: 'lokaal-team-noord', reason: 'Verzonnen.' }, 403, 'vt.wrong-region');
    // A handover names its party.
    await refused('vt13', `/cases/${caseId}/safety-assessments`, { urgency: 'niet-acuut', safety: 'onveilig', decision: 'overdracht', rationale }, 422, 'vt.handover-requires-party');
    // The same body in Dutch names the same rule.
    const nl = await t.as('vt01').post(`/cases/${caseId}/safety-assessments`).set('Accept-Language', 'nl').send({ urgency: 'niet-acuut', safety: 'onveilig', decision: 'advies', rationale }).expect(403);
    expect(nl.body).toMatchObject({ rule: 'vt.wrong-region', title: 'Geen toestemming' });
  });

  it("shows a Friday afternoon's veiligheidsbeoordeling due at the end of the following Friday, overdue after it", async () => {
    clock.set(FRIDAY_AFTERNOON);
    const c = await meldedCase();
    const caseId = c.split('/')[2];
    const itemOf = async () => {
      await caughtUp();
      const list = (await t.as('vt13').get('/worklist').expect(200)).body;
      return list.items.find((i: { caseId: string; kind: string }) => i.caseId === caseId && i.kind === 'veiligheidsbeoordeling');
    };

    expect(await itemOf()).toMatchObject({ dueAt: END_OF_NEXT_FRIDAY, dueDate: '2026-11-13', workingDaysLeft: 5, overdue: false, holder: { organisation: 'Veilig Thuis VR13' } });
    clock.set('2026-11-13T21:30:00.000Z'); // 22:30 on that Friday in Amsterdam
    expect(await itemOf()).toMatchObject({ workingDaysLeft: 0, overdue: false });
    clock.set('2026-11-13T23:00:00.000Z'); // midnight in Amsterdam
    expect(await itemOf()).toMatchObject({ overdue: true });
    const monday = await (async () => {
      clock.set('2026-11-16T09:00:00.000Z');
      return itemOf();
    })();
    expect(monday).toMatchObject({ overdue: true, workingDaysLeft: -1 });
    const overdue = (await t.as('vt13').get('/cases?overdue=true').expect(200)).body.cases.map((x: { caseId: string }) => x.caseId);
    expect(overdue).toContain(caseId);

    // Assessed (late): the deadline leaves the worklist, the terugkoppeling is due next.
    await post('vt13', `${c}/safety-assessments`, { urgency: 'niet-acuut', safety: 'veilig', decision: 'einde-bemoeienis', rationale });
    expect(await itemOf()).toBeUndefined();
    await caughtUp();
    const feedbackDue = (await t.as('vt13').get('/worklist').expect(200)).body.items.find((i: { caseId: string; kind: string }) => i.caseId === caseId && i.kind === 'melder-feedback');
    expect(feedbackDue).toMatchObject({ workingDaysLeft: 5, overdue: false });
    const compliance = (await t.as('inspector').get(`${c}/compliance`).expect(200)).body.checks;
    expect(compliance.find((x: { id: string }) => x.id === 'veiligheidsbeoordeling-within-deadline')).toMatchObject({ status: 'not-met' });
  });

  it('keeps monitoring with Veilig Thuis after a handover: a missed check is overdue on its worklist, and the case cannot close before the norm allows', async () => {
    clock.set('2026-11-02T09:00:00.000Z');
    const c = await meldedCase();
    const caseId = c.split('/')[2];
    const handedOver = await post('vt13', `${c}/safety-assessments`, {
      urgency: 'niet-acuut',
      safety: 'onveilig',
      decision: 'overdracht',
      handoverTo: { organisation: 'lokaal-team-noord', kind: 'lokaal-team' },
      rationale,
    });
    await post('vt13', `${c}/melder-feedback`, { moment: 'na-veiligheidsbeoordeling', vervolgStarted: true, handoverParties: ['lokaal-team-noord'] });
    const monitorItem = async () => {
      await caughtUp();
      const list = (await t.as('vt13').get('/worklist?days=90').expect(200)).body;
      return list.items.find((i: { caseId: string; kind: string }) => i.caseId === caseId && i.kind === 'monitor-check');
    };

    expect(await monitorItem()).toBeUndefined(); // the first check, 91 days on (the norm), is beyond 90 days ahead
    clock.set('2026-11-03T09:00:00.000Z');
    expect(await monitorItem()).toMatchObject({ dueDate: '2027-02-01', overdue: false });
    clock.set('2027-02-05T09:00:00.000Z');
    const due = await monitorItem();
    expect(due).toMatchObject({ dueDate: '2027-02-01', overdue: true, refEventId: handedOver.events[0].eventId, holder: { organisation: 'Veilig Thuis VR13', veiligThuisRegion: 'VR13' } });
    expect((await t.as('vt13').get('/cases?overdue=true').expect(200)).body.cases.map((x: { caseId: string }) => x.caseId)).toContain(caseId);

    // A safe check, and still the case cannot close: the norm asks for a year after the handover.
    await post('vt13', `${c}/monitor-checks`, { safety: 'safe', helpEffective: true, notes: 'Huisbezoek, het gaat goed (verzonnen).' });
    expect(await monitorItem()).toBeUndefined();
    const problem = await refused('vt13', `${c}/closure`, { reason: 'safety-achieved', summary: 'Verzonnen.' }, 422, 'closure.monitoring-open');
    expect(problem.detail).toContain('2027-11-02');
  });

  it("puts 'inform the gemeente' on Veilig Thuis' worklist when the party that took monitoring over misses its check, and a gemeente notice clears it", async () => {
    clock.set('2026-11-02T09:00:00.000Z');
    const c = await meldedCase();
    const caseId = c.split('/')[2];
    await post('vt13', `${c}/safety-assessments`, {
      urgency: 'niet-acuut',
      safety: 'onveilig',
      decision: 'overdracht',
      handoverTo: { organisation: 'lokaal-team-noord', kind: 'lokaal-team' },
      monitoring: { by: 'overgedragen', to: { organisation: 'lokaal-team-noord' }, reason: 'Het lokale team ziet het gezin wekelijks (verzonnen).' },
      rationale,
    });
    const itemsOf = async () => {
      await caughtUp();
      const list = (await t.as('vt13').get('/worklist?days=90').expect(200)).body;
      return list.items.filter((i: { caseId: string }) => i.caseId === caseId) as Array<{ kind: string; dueDate: string; overdue: boolean; holder: { organisation: string } }>;
    };
    // The check is the lokaal team's, 91 days on; Veilig Thuis' item to inform the gemeente is due the day after.
    clock.set('2026-11-10T09:00:00.000Z');
    const before = await itemsOf();
    expect(before.find((i) => i.kind === 'monitor-check')).toMatchObject({ dueDate: '2027-02-01', holder: { organisation: 'lokaal-team-noord' } });
    expect(before.find((i) => i.kind === 'inform-gemeente')).toMatchObject({ dueDate: '2027-02-02', overdue: false, holder: { organisation: 'Veilig Thuis VR13' } });
    clock.set('2027-02-03T09:00:00.000Z');
    expect((await itemsOf()).find((i) => i.kind === 'inform-gemeente')).toMatchObject({ overdue: true });
    // Veilig Thuis of another region does not see the case (404, as a missing one); VR13 informs, and the item leaves the worklist.
    const elsewhere = await revision(caseId);
    await t.as('vt01').post(`${c}/gemeente-notices`).send({ municipality: 'GM0363', party: 'lokaal-team-noord', reason: 'Verzonnen.' }).expect(404);
    expect(await revision(caseId)).toBe(elsewhere);
    await post('vt13', `${c}/gemeente-notices`, { municipality: 'GM0363', party: 'lokaal-team-noord', reason: 'Controle gemist (verzonnen).' });
    expect((await itemsOf()).map((i) => i.kind)).not.toContain('inform-gemeente');
  });
});
