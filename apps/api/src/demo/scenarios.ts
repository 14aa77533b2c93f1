import { DemoClient } from './demo-client';

// Invented but realistic cases that walk every path of the lifecycle. No real person is in them.

const DAY = 86_400_000;
/** A timeline that starts `daysAgo` days back, so that the cases look lived-in. */
function timeline(start: Date, daysAgo: number) {
  const base = start.getTime() - daysAgo * DAY;
  return {
    at: (day: number, hour = 10) => new Date(base + day * DAY + hour * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    date: (day: number) => new Date(base + day * DAY).toISOString().slice(0, 10),
  };
}

export interface ScenarioResult {
  title: string;
  caseId: string;
  steps: string[];
}

type Scenario = (client: DemoClient, now: Date, onderwijs: { id: string; version: string }) => Promise<ScenarioResult>;

const hulp = (t: ReturnType<typeof timeline>, day: number, childConversationEventId: string, decidedBy: 'melder' | 'veilig-thuis', organisation: string) => ({
  mode: 'inzetten',
  decidedBy,
  responsible: { organisation, professional: 'casemanager-3', role: 'casemanager' },
  plan: {
    aims: ['Het kind voelt zich thuis veilig', 'Ouders leren de zorg te verdelen zonder geweld'],
    childConversationEventId,
    discussedWith: ['kind', 'ouders', 'mentor'],
  },
  components: [
    { kind: 'gezinsbegeleiding', provider: organisation, startsOn: t.date(day + 2), deadline: t.date(day + 86), intendedDurationWeeks: 12 },
    { kind: 'oudercursus', provider: 'centrum-jeugd-en-gezin', startsOn: t.date(day + 7), deadline: t.date(day + 60), intendedDurationWeeks: 8 },
  ],
  evaluation: { method: 'huisbezoek en gesprek met het kind', intervalDays: 28, firstCheckDue: t.date(day + 28) },
  occurredAt: t.at(day),
});

export const scenarios: Scenario[] = [
  async function acuteMeldingFirst(client, now) {
    const t = timeline(now, 40);
    const steps: string[] = [];
    const opened = await client.command('professional', '/cases', { subject: { childRef: 'demo-kind-001', birthYear: 2015 }, region: 'VR13', municipality: 'GM0363', occurredAt: t.at(0, 9) });
    const c = `/cases/${opened.caseId}`;
    await client.command('professional', `${c}/signals`, { category: 'sexual-abuse', source: 'child-disclosure', description: 'Kind vertelt in de klas over aanrakingen door een volwassene thuis (verzonnen).', observedAt: t.date(0), occurredAt: t.at(0, 9) });
    steps.push('signal: a disclosure by the child');
    await client.command('professional', `${c}/meldingen`, { grounds: ['acute-unsafety'], occurredAt: t.at(0, 11) });
    steps.push('melding the same morning (acute: never blocked, no step is required first); zicht op veiligheid passes to Veilig Thuis VR13');
    const heard = await client.command('veilig-thuis', `${c}/child-conversations`, { outcome: 'heard', moment: 'besluit-vervolg', heardAlone: true, accommodations: ['tekenen'], viewsSummary: 'Kind wil dat het stopt en wil bij oma logeren (verzonnen).', occurredAt: t.at(1) });
    steps.push('Veilig Thuis hears the child alone, by a trained interviewer');
    await client.command('veilig-thuis', `${c}/hulp`, hulp(t, 3, heard.events[0].eventId, 'veilig-thuis', 'jeugdteam-noord'));
    steps.push('Veilig Thuis decides on help without a weighing of its own (allowed for Veilig Thuis)');
    return { title: 'Acute melding first', caseId: opened.caseId, steps };
  },

  async function hulpWithoutMelding(client, now, onderwijs) {
    const t = timeline(now, 400);
    const steps: string[] = [];
    const opened = await client.command('professional', '/cases', { subject: { childRef: 'demo-kind-002', birthYear: 2017 }, region: 'VR13', occurredAt: t.at(0) });
    const c = `/cases/${opened.caseId}`;
    await client.command('professional', `${c}/signals`, { category: 'neglect', source: 'own-observation', description: 'Komt drie weken op rij zonder ontbijt en in dezelfde kleren (verzonnen).', observedAt: t.date(0), occurredAt: t.at(0) });
    await client.command('professional', `${c}/consultations`, { with: 'aandachtsfunctionaris', summary: 'Besproken met de aandachtsfunctionaris: gesprek met kind en ouders plannen (verzonnen).', occurredAt: t.at(2) });
    await client.command('professional', `${c}/consultations`, { with: 'veilig-thuis', summary: 'Anonieme adviesvraag: hulp via het jeugdteam lijkt passend (verzonnen).', occurredAt: t.at(3) });
    steps.push('signal, consultation with the aandachtsfunctionaris, an adviesvraag at Veilig Thuis');
    const heard = await client.command('professional', `${c}/child-conversations`, { outcome: 'heard', moment: 'signalering', heardAlone: true, viewsSummary: 'Kind zegt dat mama vaak moe is en dat het zelf brood smeert (verzonnen).', occurredAt: t.at(5) });
    const weighed = await client.command('professional', `${c}/weighings`, {
      afwegingskader: onderwijs,
      answers: { suspicion: true, acuteUnsafety: false, structuralUnsafety: false, canOfferEffectiveHelp: true, helpAccepted: true, helpLeadsToSafety: true },
      rationale: 'Zorgen over verwaarlozing, ouders staan open voor hulp (verzonnen).',
      occurredAt: t.at(8),
    });
    steps.push(`child heard, weighed with the onderwijs afwegingskader: conclusion ${weighed.conclusion}`);
    await client.command('professional', `${c}/hulp`, hulp(t, 10, heard.events[0].eventId, 'melder', 'jeugdteam-noord'));
    await client.command('professional', `${c}/monitor-checks`, { safety: 'safe', helpEffective: true, notes: 'Kind komt met ontbijt, ouders tevreden over begeleiding (verzonnen).', occurredAt: t.at(38) });
    const early = await client.refused('professional', `${c}/closure`, { reason: 'safety-achieved', summary: 'Te vroeg (verzonnen).', occurredAt: t.at(60) });
    steps.push(`help deployed with a complete plan and a safe check; closing after two months is refused: ${early} (the monitoring norm: at least a year)`);
    for (const day of [120, 200, 280, 360]) {
      await client.command('professional', `${c}/monitor-checks`, { safety: 'safe', helpEffective: true, notes: 'Gaat goed, ouders houden het vol (verzonnen).', occurredAt: t.at(day) });
    }
    await client.command('professional', `${c}/closure`, { reason: 'safety-achieved', summary: 'Hulp loopt goed, veiligheid bereikt (verzonnen).', occurredAt: t.at(380) });
    steps.push('checks at most 91 days apart for a year after the help; then closed');
    return { title: 'Help without melding', caseId: opened.caseId, steps };
  },

  async function childDeclined(client, now, onderwijs) {
    const t = timeline(now, 30);
    const steps: string[] = [];
    const opened = await client.command('professional', '/cases', { subject: { childRef: 'demo-kind-003', birthYear: 2011 }, region: 'VR13', occurredAt: t.at(0) });
    const c = `/cases/${opened.caseId}`;
    await client.command('professional', `${c}/signals`, { category: 'emotional-abuse', source: 'third-party', description: 'Buurvrouw meldt dagelijks geschreeuw en gescheld (verzonnen).', observedAt: t.date(0), occurredAt: t.at(0) });
    const rule = await client.refused('professional', `${c}/child-conversations`, { outcome: 'not-heard', moment: 'signalering', reason: 'age', explanation: 'Te jong (verzonnen).', revisitBy: t.date(14) });
    steps.push(`"too young" as a reason not to hear the child is refused: ${rule}`);
    await client.command('professional', `${c}/child-conversations`, { outcome: 'not-heard', moment: 'signalering', reason: 'child-declined', explanation: 'Kind wil nu niet praten, mag er later op terugkomen (verzonnen).', revisitBy: t.date(14), occurredAt: t.at(2) });
    steps.push('the child declined: recorded with a date to try again');
    await client.command('professional', `${c}/child-conversations`, { outcome: 'heard', moment: 'besluit-vervolg', heardAlone: false, accommodations: ['vertrouwenspersoon aanwezig'], viewsSummary: 'Kind vertelt met de vertrouwenspersoon erbij over ruzies thuis (verzonnen).', occurredAt: t.at(12) });
    const weighed = await client.command('professional', `${c}/weighings`, {
      afwegingskader: onderwijs,
      answers: { suspicion: true, acuteUnsafety: false, structuralUnsafety: true },
      rationale: 'Al maanden terugkerend geweld in het gezin (verzonnen).',
      occurredAt: t.at(14),
    });
    steps.push(`heard later, weighed: ${weighed.conclusion} (${(weighed as { meldplichtGrounds?: string[] }).meldplichtGrounds?.join(', ')})`);
    const closure = await client.refused('professional', `${c}/closure`, { reason: 'other', summary: 'Poging tot sluiten (verzonnen).' });
    steps.push(`closing without the mandatory melding is refused: ${closure}`);
    await client.command('professional', `${c}/meldingen`, { occurredAt: t.at(15) });
    steps.push('melding made; Veilig Thuis holds zicht op veiligheid');
    return { title: 'The child declined, then was heard', caseId: opened.caseId, steps };
  },

  async function monitoringFindsUnsafe(client, now, onderwijs) {
    const t = timeline(now, 120);
    const steps: string[] = [];
    const opened = await client.command('professional', '/cases', { subject: { childRef: 'demo-kind-004', birthYear: 2013 }, region: 'VR13', occurredAt: t.at(0) });
    const c = `/cases/${opened.caseId}`;
    await client.command('professional', `${c}/signals`, { category: 'domestic-violence-witnessed', source: 'child-disclosure', description: 'Kind vertelt dat papa en mama vechten (verzonnen).', observedAt: t.date(0), occurredAt: t.at(0) });
    const heard = await client.command('professional', `${c}/child-conversations`, { outcome: 'heard', moment: 'signalering', heardAlone: true, viewsSummary: 'Kind is bang als het ruzie is (verzonnen).', occurredAt: t.at(1) });
    await client.command('professional', `${c}/weighings`, {
      afwegingskader: onderwijs,
      answers: { suspicion: true, acuteUnsafety: false, structuralUnsafety: false, canOfferEffectiveHelp: true, helpAccepted: true, helpLeadsToSafety: true },
      rationale: 'Eenmalig incident, ouders zoeken zelf hulp (verzonnen).',
      occurredAt: t.at(3),
    });
    await client.command('professional', `${c}/hulp`, { ...hulp(t, 4, heard.events[0].eventId, 'melder', 'jeugdteam-noord'), mode: 'voortzetten' });
    steps.push('help without melding: the family already had help, which is continued (voortzetten)');
    await client.command('professional', `${c}/monitor-checks`, { safety: 'unsafe', helpEffective: false, notes: 'Opnieuw geweld, de hulp werkt niet (verzonnen).', occurredAt: t.at(33) });
    steps.push('a monitoring check finds the child unsafe: a melding is now mandatory (no lasting safety)');
    await client.command('professional', `${c}/meldingen`, { occurredAt: t.at(34) });
    steps.push('melding made; Veilig Thuis takes zicht op veiligheid');
    return { title: 'Monitoring finds the child unsafe', caseId: opened.caseId, steps };
  },

  async function veiligThuisOnderzoek(client, now, onderwijs) {
    const t = timeline(now, 120);
    const steps: string[] = [];
    const title = 'Veilig Thuis: veiligheidsbeoordeling, onderzoek, Voorwaarden & Vervolg, terugkoppeling, monitoring';
    const opened = await client.command('professional', '/cases', { subject: { childRef: 'demo-kind-006', birthYear: 2014 }, region: 'VR13', municipality: 'GM0363', occurredAt: t.at(0) });
    const c = `/cases/${opened.caseId}`;
    await client.command('professional', `${c}/signals`, { category: 'physical-abuse', source: 'own-observation', description: 'Blauwe plekken op de bovenarmen, kind ontwijkt gym (verzonnen).', observedAt: t.date(0), occurredAt: t.at(0) });
    await client.command('professional', `${c}/child-conversations`, { outcome: 'heard', moment: 'signalering', heardAlone: true, viewsSummary: 'Kind zegt dat papa soms hard knijpt als hij boos is (verzonnen).', occurredAt: t.at(1) });
    await client.command('professional', `${c}/weighings`, {
      afwegingskader: onderwijs,
      answers: { suspicion: true, acuteUnsafety: false, structuralUnsafety: true },
      rationale: 'Herhaald letsel, uitleg klopt niet (verzonnen).',
      occurredAt: t.at(2),
    });
    await client.command('professional', `${c}/meldingen`, { occurredAt: t.at(3) });
    steps.push('signal, the child heard, weighed: a melding is mandatory; melding made');
    const beforeAssessment = await client.command('veilig-thuis', `${c}/child-conversations`, { outcome: 'heard', moment: 'besluit-vervolg', heardAlone: true, viewsSummary: 'Kind wil dat het thuis rustiger wordt (verzonnen).', occurredAt: t.at(4) });
    await client.command('veilig-thuis', `${c}/safety-assessments`, {
      urgency: 'niet-acuut',
      safety: 'onveilig',
      decision: 'onderzoek',
      childConversationEventId: beforeAssessment.events[0].eventId,
      rationale: 'Structureel onveilig, toedracht onduidelijk: onderzoek nodig (verzonnen).',
      occurredAt: t.at(6),
    });
    steps.push('Veilig Thuis hears the child, then its veiligheidsbeoordeling decides an onderzoek (within 5 working days of the melding)');
    await client.command('veilig-thuis', `${c}/melder-feedback`, { moment: 'na-veiligheidsbeoordeling', vervolgStarted: true, melderRole: 'Blijf letten op letsel en meld het aan Veilig Thuis (verzonnen).', occurredAt: t.at(8) });
    const inOnderzoek = await client.command('veilig-thuis', `${c}/child-conversations`, { outcome: 'heard', moment: 'onderzoek', heardAlone: true, accommodations: ['tekenen'], viewsSummary: 'Kind vertelt alleen met de onderzoeker over thuis (verzonnen).', occurredAt: t.at(20) });
    await client.command('veilig-thuis', `${c}/investigations`, {
      findings: [{ form: 'physical-abuse', outcome: 'bevestigd' }],
      decision: 'voorwaarden-en-vervolg',
      childConversationEventId: inOnderzoek.events[0].eventId,
      rationale: 'Lichamelijke mishandeling bevestigd; vader werkt mee aan voorwaarden (verzonnen).',
      occurredAt: t.at(50),
    });
    steps.push('the child is heard alone by a trained Veilig Thuis interviewer during the onderzoek; the onderzoek concludes within 10 weeks');
    await client.command('veilig-thuis', `${c}/safety-conditions`, {
      conditions: [
        { description: 'Vader volgt een agressieregulatietraining (verzonnen).', deadline: t.date(110) },
        { description: 'Geen fysieke straffen meer; school meldt elk letsel (verzonnen).', deadline: t.date(80) },
      ],
      firstCheckDue: t.date(80),
      occurredAt: t.at(51),
    });
    await client.command('veilig-thuis', `${c}/melder-feedback`, { moment: 'na-onderzoek', vervolgStarted: true, monitoringAgreements: 'Veilig Thuis controleert elke maand; school geeft zorgen direct door (verzonnen).', occurredAt: t.at(53) });
    steps.push('Voorwaarden & Vervolg: safety conditions with deadlines; the melder is told after the onderzoek too');
    const evaluatie = await client.command('veilig-thuis', `${c}/child-conversations`, { outcome: 'heard', moment: 'evaluatie', heardAlone: true, viewsSummary: 'Kind zegt dat het thuis beter gaat (verzonnen).', occurredAt: t.at(78) });
    await client.command('veilig-thuis', `${c}/monitor-checks`, { safety: 'safe', helpEffective: true, notes: 'Voorwaarden worden nageleefd (verzonnen).', childConversationEventId: evaluatie.events[0].eventId, occurredAt: t.at(79) });
    const accountability = await client.read('inspector', `${c}/accountability`);
    const deadlines = (accountability.interventions as Array<{ type: string; kind: string; onTime: boolean | null }>)
      .filter((i) => i.type === 'veilig-thuis')
      .map((i) => `${i.kind} ${i.onTime === null ? 'open' : i.onTime ? 'on time' : 'late'}`);
    const norm = accountability.evaluation?.norm;
    const feedback = await client.read('professional', `${c}/feedback`);
    steps.push(`the school reads Veilig Thuis' terugkoppeling (GET /cases/:id/feedback, newest first): ${(feedback.feedback as Array<{ moment: string }>).map((f) => f.moment).join(', ')}`);
    steps.push(`Veilig Thuis monitors (${accountability.evaluation?.monitoredBy}) under ${norm ? `${norm.id} ${norm.version}: a check at least every ${norm.maxIntervalDays} days for ${norm.minDurationDays} days` : 'no norm'}; deadlines: ${deadlines.join(', ')}`);
    return { title, caseId: opened.caseId, steps };
  },

  async function monitoringHandedOver(client, now, onderwijs) {
    const t = timeline(now, 150);
    const steps: string[] = [];
    const opened = await client.command('professional', '/cases', { subject: { childRef: 'demo-kind-005', birthYear: 2019 }, region: 'VR13', origin: 'kindcheck', occurredAt: t.at(0) });
    const c = `/cases/${opened.caseId}`;
    await client.command('professional', `${c}/signals`, { category: 'other', source: 'third-party', description: 'Kindcheck: moeder in behandeling voor verslaving, zorgt alleen voor het kind (verzonnen).', observedAt: t.date(0), occurredAt: t.at(0) });
    const heard = await client.command('professional', `${c}/child-conversations`, { outcome: 'heard', moment: 'signalering', heardAlone: true, accommodations: ['spel', 'poppen'], viewsSummary: 'Kind (7) vertelt met poppen over thuis; voelt zich veilig bij oma (verzonnen).', occurredAt: t.at(2) });
    await client.command('professional', `${c}/weighings`, {
      afwegingskader: onderwijs,
      answers: { suspicion: true, acuteUnsafety: false, structuralUnsafety: false, canOfferEffectiveHelp: true, helpAccepted: true, helpLeadsToSafety: true },
      rationale: 'Risico door verslaving, netwerk en hulp beschikbaar (verzonnen).',
      occurredAt: t.at(4),
    });
    await client.command('professional', `${c}/hulp`, hulp(t, 5, heard.events[0].eventId, 'melder', 'jeugdteam-noord'));
    await client.command('professional', `${c}/monitor-checks`, { safety: 'safe', helpEffective: true, notes: 'Stabiel (verzonnen).', occurredAt: t.at(33) });
    await client.command('professional', `${c}/responsibility`, { scope: 'monitoring', to: { organisation: 'wijkteam-gemeente-oost', role: 'regisseur' }, reason: 'Langdurige monitoring door het wijkteam van de gemeente (verzonnen).', occurredAt: t.at(40) });
    steps.push('help and a safe check; monitoring handed over to the municipal wijkteam');
    const early = await client.refused('professional', `${c}/closure`, { reason: 'handed-over', summary: 'Monitoring ligt bij het wijkteam (verzonnen).', occurredAt: t.at(41) });
    steps.push(`closing right after the handover is refused: ${early}; the case stays open while the wijkteam monitors for the norm's minimum duration`);
    return { title: 'Monitoring handed over to a municipal team', caseId: opened.caseId, steps };
  },
];
