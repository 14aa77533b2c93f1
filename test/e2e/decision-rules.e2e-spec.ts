import { afwegingskaders, caseStreamId } from '@zicht/case-domain';
import { PrincipalName, TestApp, TestClock, bodies, startTestApp } from '../support/test-app';

// Decisions tied to who takes them (issue #11): who decided on the help follows from the principal,
// the afwegingskader from the beroepsgroep, and the child is heard at every decision moment.
describe('decisions that only the right party can take', () => {
  let t: TestApp;
  const clock = new TestClock(new Date('2026-11-02T09:00:00.000Z'));
  const version = (id: string) => afwegingskaders.find((k) => k.id === id)!.version;
  const HULP_ANSWERS = { suspicion: true, acuteUnsafety: false, structuralUnsafety: false, canOfferEffectiveHelp: true, helpAccepted: true, helpLeadsToSafety: true };
  const hulp = (childConversationEventId: string, decidedBy: string) => ({
    mode: 'inzetten',
    decidedBy,
    responsible: { organisation: 'wijkteam-oost' },
    plan: { aims: ['Rust in het gezin (verzonnen)'], childConversationEventId, discussedWith: ['ouders'] },
    components: [{ kind: 'gezinsbegeleiding', provider: 'wijkteam-oost', startsOn: '2026-11-09', deadline: '2027-02-01', intendedDurationWeeks: 10 }],
    evaluation: { method: 'huisbezoek', intervalDays: 28, firstCheckDue: '2026-12-07' },
  });

  const post = async (who: PrincipalName, path: string, body: object, status = 201) => (await t.as(who).post(path).send(body).expect(status)).body;
  const revision = (caseId: string) => t.store.streamRevision(caseStreamId(caseId));
  /** The request is refused with the rule and the case stays as it was. */
  const refused = async (who: PrincipalName, caseId: string, command: string, body: object, rule: string) => {
    const before = await revision(caseId);
    const res = await t.as(who).post(`/cases/${caseId}/${command}`).send(body).expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.rule).toBe(rule);
    expect(await revision(caseId)).toBe(before);
  };

  /** A school case: a signal, the child heard before the weighing, a weighing that allows help. Returns the case and the conversation. */
  const weighedCase = async () => {
    const { caseId } = await post('school', '/cases', bodies.openCase());
    await post('school', `/cases/${caseId}/signals`, bodies.signal());
    const heard = await post('school', `/cases/${caseId}/child-conversations`, { outcome: 'heard', moment: 'signalering', heardAlone: true, viewsSummary: 'Kind vertelt (verzonnen).' });
    await post('school', `/cases/${caseId}/weighings`, { afwegingskader: { id: 'onderwijs', version: version('onderwijs') }, answers: HULP_ANSWERS, rationale: 'Verzonnen.' });
    return { caseId, conversation: heard.events[0].eventId as string };
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  it('refuses help a professional records as decided by Veilig Thuis (hulp.decided-by-not-principal)', async () => {
    const { caseId, conversation } = await weighedCase();
    await refused('school', caseId, 'hulp', hulp(conversation, 'veilig-thuis'), 'hulp.decided-by-not-principal');
    await post('school', `/cases/${caseId}/hulp`, hulp(conversation, 'melder')); // the same help, decided by whoever records it
  });

  it('refuses help Veilig Thuis records as decided by the melder', async () => {
    const { caseId, conversation } = await weighedCase();
    await post('school', `/cases/${caseId}/meldingen`, {});
    await refused('vt13', caseId, 'hulp', hulp(conversation, 'melder'), 'hulp.decided-by-not-principal');
  });

  it('refuses a school weighing with the KNMG framework of the artsen (weighing.afwegingskader-not-for-beroepsgroep)', async () => {
    const { caseId } = await post('school', '/cases', bodies.openCase());
    await post('school', `/cases/${caseId}/signals`, bodies.signal());
    await post('school', `/cases/${caseId}/child-conversations`, { outcome: 'heard', moment: 'signalering', heardAlone: true, viewsSummary: 'Verzonnen.' });
    const weighing = (id: string) => ({ afwegingskader: { id, version: version(id) }, answers: HULP_ANSWERS, rationale: 'Verzonnen.' });
    await refused('school', caseId, 'weighings', weighing('knmg'), 'weighing.afwegingskader-not-for-beroepsgroep');
    // The GP's own framework is the KNMG one; the school's is onderwijs.
    const gpCase = (await post('gp', '/cases', bodies.openCase())).caseId;
    await post('gp', `/cases/${gpCase}/signals`, bodies.signal());
    await post('gp', `/cases/${gpCase}/child-conversations`, { outcome: 'heard', moment: 'signalering', heardAlone: true, viewsSummary: 'Verzonnen.' });
    await refused('gp', gpCase, 'weighings', weighing('onderwijs'), 'weighing.afwegingskader-not-for-beroepsgroep');
    await post('gp', `/cases/${gpCase}/weighings`, weighing('knmg'));
    await post('school', `/cases/${caseId}/weighings`, weighing('onderwijs'));
  });

  it('judges child-heard-at-each-decision not-met, naming the help that no conversation preceded', async () => {
    const { caseId, conversation } = await weighedCase();
    clock.set('2026-11-05T09:00:00.000Z');
    const help = await post('school', `/cases/${caseId}/hulp`, hulp(conversation, 'melder'));
    const checks = (await t.as('school').get(`/cases/${caseId}/compliance`).expect(200)).body.checks;
    const check = checks.find((c: { id: string }) => c.id === 'child-heard-at-each-decision');
    expect(check.status).toBe('not-met');
    expect(check.evidence).toEqual([help.events[0].eventId]);
    expect(check.explanation).toMatch(/the help of 2026-11-05 \(moment hulpverlening\)/);
    expect(check.explanation).not.toMatch(/weighing of/); // the weighing had its conversation

    // A conversation after the help does not mend it: the help stays the one that lacks it.
    await post('school', `/cases/${caseId}/child-conversations`, { outcome: 'heard', moment: 'hulpverlening', heardAlone: false, viewsSummary: 'Verzonnen.' });
    const again = (await t.as('school').get(`/cases/${caseId}/compliance`).expect(200)).body.checks.find((c: { id: string }) => c.id === 'child-heard-at-each-decision');
    expect(again).toMatchObject({ status: 'not-met', evidence: [help.events[0].eventId] });
  });
});
