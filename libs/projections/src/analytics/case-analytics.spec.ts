import { CaseEvent, RecordedCaseEvent, mapPersonalData } from '@zicht/case-domain';
import {
  ACUTE,
  CHILD_REF,
  HULP_ANSWERS,
  caseClosed,
  caseOpened,
  childHeard,
  childNotHeard,
  consulted,
  hulpIngezet,
  investigationCompleted,
  meldingMade,
  monitorChecked,
  responsibilityAssigned,
  safetyAssessed,
  signalRecorded,
  weighed,
} from '@zicht/testing';
import { AnalyticCount, CaseAnalytics, foldCaseAnalytics } from './case-analytics';

const STRUCTURAL = { suspicion: true, acuteUnsafety: false, structuralUnsafety: true };
const ACTOR = { id: 'leerkracht-geheim-42', role: 'professional', organisation: 'Basisschool De Verzonnen Eik' };

/** A scripted case: [day of November 2026, event, eventId]. */
function script(): RecordedCaseEvent[] {
  const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T09:00:00.000Z`;
  const list: Array<[string, CaseEvent, string]> = [
    [at(1), caseOpened(), 'e-open'],
    [at(2), signalRecorded(), 'e-signal-1'],
    [at(3), signalRecorded(), 'e-signal-2'],
    [at(3), consulted({ with: 'veilig-thuis', adviesvraag: true }), 'e-vt'],
    [at(3), consulted(), 'e-colleague'],
    [at(4), childNotHeard({ reason: 'child-declined' }), 'e-not-heard'],
    [at(6), childHeard({ heardAlone: false, interviewerTrained: true }), 'e-heard-together'],
    [at(7), childHeard({ heardAlone: true, interviewerTrained: false }), 'e-heard-alone'],
    [at(12), weighed(STRUCTURAL), 'e-weighed'],
    [at(15), meldingMade({ meldplicht: { mandatory: true, grounds: ['structural-unsafety'], causeEventId: 'e-weighed' } }), 'e-melding'],
    [at(16), weighed(HULP_ANSWERS), 'e-weighed-again'],
    [at(17), hulpIngezet('e-heard-alone'), 'e-hulp'],
    [at(20), responsibilityAssigned({ scope: 'monitoring' }), 'e-handover'],
    [at(21), responsibilityAssigned({ scope: 'hulp' }), 'e-hulp-handover'],
  ];
  const late = [
    ['2026-12-09T09:00:00.000Z', monitorChecked('e-hulp', { nextCheckDue: '2027-01-06' }), 'e-check-late'],
    ['2027-01-06T09:00:00.000Z', monitorChecked('e-hulp', { nextCheckDue: '2027-02-03' }), 'e-check-on-time'],
    ['2027-01-08T09:00:00.000Z', hulpIngezet('e-not-heard', { mode: 'voortzetten' }), 'e-hulp-2'],
    ['2027-01-09T09:00:00.000Z', caseClosed(), 'e-closed'],
  ] as Array<[string, CaseEvent, string]>;
  return [...list, ...late].map(([occurredAt, event, eventId], revision) => ({ ...event, eventId, revision, occurredAt, recordedAt: occurredAt, actor: ACTOR }) as RecordedCaseEvent);
}

function fold(events: RecordedCaseEvent[]): { fold: CaseAnalytics | null; counts: AnalyticCount[] } {
  const counts: AnalyticCount[] = [];
  let state: CaseAnalytics | null = null;
  for (const event of events) state = foldCaseAnalytics(state, event, (c) => counts.push(c));
  return { fold: state, counts };
}

const summary = (counts: AnalyticCount[]) => counts.map((c) => `${c.month} ${c.measure}${c.code ? `:${c.code}` : ''}${c.days ? ` ${c.days}d` : ''}`);

describe('foldCaseAnalytics', () => {
  it('counts each fact once, in the month of the event counted, by the case region and beroepsgroep', () => {
    const { counts, fold: state } = fold(script());
    expect(summary(counts)).toEqual([
      '2026-11 adviesvraag',
      '2026-11 weighing:melding-required',
      '2026-11 meldplicht-ground:structural-unsafety',
      '2026-11 weighed-case',
      '2026-11 heard',
      '2026-11 heard-by-trained',
      '2026-11 heard-alone',
      // heard alone (one conversation) and by a trained interviewer (another), but never both at once
      '2026-11 signal-to-weighing 10d',
      '2026-11 melding:mandatory',
      '2026-11 melding-delay 3d',
      '2026-11 prior-involvement:none',
      '2026-11 weighing:hulp-without-melding',
      '2026-11 hulp:inzetten',
      '2026-11 hulp-complete-plan',
      '2026-11 monitoring-handover',
      '2026-12 monitor-check:late', // due 2026-12-07 (the plan's first check)
      '2027-01 monitor-check:on-time', // due 2027-01-06
      '2027-01 hulp:voortzetten', // the plan names a conversation in which the child was not heard: not complete
    ]);
    expect(new Set(counts.map((c) => `${c.region}/${c.beroepsgroep}`))).toEqual(new Set(['VR13/onderwijs']));
    expect(state).toMatchObject({ status: 'closed', hulpOn: '2027-01-08', weighedOn: '2026-11-12', nextCheckDue: '2026-12-07' }); // the continued help's first check
  });

  it('gives a first weighing without the child heard the last reason given', () => {
    const events = script().filter((e) => e.type !== 'child-heard');
    const reasons = fold(events).counts.filter((c) => c.measure.includes('heard'));
    expect(summary(reasons)).toEqual(['2026-11 not-heard-reason:child-declined']);
  });

  it('counts a melding in the region that received it, and an unsafe check as a new cause', () => {
    const open = { ...caseOpened({ region: 'VR01', openedBy: { organisation: 'x' } }), eventId: 'o', revision: 0, occurredAt: '2026-03-01T10:00:00Z', recordedAt: '2026-03-01T10:00:00Z', actor: ACTOR } as RecordedCaseEvent;
    const more: Array<[string, CaseEvent]> = [
      ['2026-03-02T10:00:00Z', weighed(ACUTE)],
      ['2026-03-02T11:00:00Z', meldingMade({ region: 'VR02', meldplicht: { mandatory: true, grounds: ['acute-unsafety'], causeEventId: 'e1' } })],
      ['2026-03-05T10:00:00Z', hulpIngezet('none')],
      ['2026-04-20T10:00:00Z', monitorChecked('e3', { safety: 'unsafe', makesMeldingMandatory: true })],
      ['2026-04-29T10:00:00Z', meldingMade({ meldplicht: { mandatory: true, grounds: ['no-lasting-safety'], causeEventId: 'e4' } })],
    ];
    const events = [open, ...more.map(([at, e], i) => ({ ...e, eventId: `e${i + 1}`, revision: i + 1, occurredAt: at, recordedAt: at, actor: ACTOR }) as RecordedCaseEvent)];
    const { counts } = fold(events);
    const melding = counts.filter((c) => c.measure.startsWith('melding') || c.measure === 'meldplicht-ground');
    expect(melding.map((c) => `${c.month} ${c.measure}:${c.code} ${c.days} ${c.region} ${c.beroepsgroep}`)).toEqual([
      '2026-03 meldplicht-ground:acute-unsafety 0 VR01 onbekend',
      '2026-03 melding:mandatory 0 VR02 onbekend',
      '2026-03 melding-delay: 0 VR02 onbekend',
      '2026-04 melding-duty-from-monitoring: 0 VR01 onbekend',
      '2026-04 meldplicht-ground:no-lasting-safety 0 VR01 onbekend',
      '2026-04 melding:mandatory 0 VR13 onbekend',
      '2026-04 melding-delay: 9 VR13 onbekend',
    ]);
  });

  // The radar: CBS 85361 counts meldingen by Veilig Thuis' prior involvement with the child.
  it('counts each melding by the prior involvement it recorded, in the region that received it (none when it recorded none)', () => {
    const open = { ...caseOpened({ region: 'VR01', openedBy: { organisation: 'x' } }), eventId: 'o', revision: 0, occurredAt: '2026-03-01T10:00:00Z', recordedAt: '2026-03-01T10:00:00Z', actor: ACTOR } as RecordedCaseEvent;
    const { priorInvolvement: _none, ...older } = meldingMade({ region: 'VR02' }).data;
    const more: Array<[string, CaseEvent]> = [
      ['2026-03-02T10:00:00Z', { type: 'melding', data: older }],
      ['2026-05-02T10:00:00Z', meldingMade({ region: 'VR03', priorInvolvement: 'tijdens-monitoring' })],
    ];
    const events = [open, ...more.map(([at, e], i) => ({ ...e, eventId: `e${i + 1}`, revision: i + 1, occurredAt: at, recordedAt: at, actor: ACTOR }) as RecordedCaseEvent)];
    const prior = fold(events).counts.filter((c) => c.measure === 'prior-involvement');
    expect(prior.map((c) => `${c.month} ${c.code} ${c.region}`)).toEqual(['2026-03 none VR02', '2026-05 tijdens-monitoring VR03']);
  });

  it('reads no personal field: with every one erased, the fold and the counts are the same', () => {
    const events = script();
    const erased = events.map((e) => ({ ...e, data: mapPersonalData(e, () => '<erased>') }) as RecordedCaseEvent);
    expect(fold(erased)).toEqual(fold(events));
  });

  it('holds no child reference, free text or actor', () => {
    const { fold: state, counts } = fold(script());
    const stored = JSON.stringify({ state, counts });
    for (const secret of [CHILD_REF, 'verzonnen', ACTOR.id, ACTOR.organisation, 'Gezinscoach', 'Wijkteam']) expect(stored).not.toContain(secret);
  });

  describe("Veilig Thuis' decisions", () => {
    const vt = (list: Array<[string, CaseEvent, string]>) =>
      list.map(([occurredAt, event, eventId], revision) => ({ ...event, eventId, revision, occurredAt, recordedAt: '2027-06-01T00:00:00.000Z', actor: ACTOR }) as RecordedCaseEvent);
    const vtCounts = (events: RecordedCaseEvent[]) =>
      fold(events)
        .counts.filter((c) => c.measure.startsWith('safety-') || c.measure.startsWith('investigation') || c.measure.startsWith('finding-'))
        .map((c) => `${c.month} ${c.measure}${c.code ? `:${c.code}` : ''} ${c.region}`);

    it('given a melding on a Friday afternoon in VR05, when it is assessed by the end of the next Friday (Amsterdam), then it counts as on time in VR05', () => {
      const events = vt([
        ['2026-11-01T09:00:00.000Z', caseOpened(), 'e-open'],
        ['2026-11-06T14:00:00.000Z', meldingMade({ region: 'VR05' }), 'e-melding'],
        ['2026-11-13T22:59:00.000Z', safetyAssessed('e-melding', { decision: 'onderzoek' }), 'e-assessed'],
      ]);
      expect(vtCounts(events)).toEqual(['2026-11 safety-assessment:onderzoek VR05', '2026-11 safety-assessment-urgency:niet-acuut VR05', '2026-11 safety-assessment-timeliness:on-time VR05']);
    });

    it('given an acute melding, when it is assessed after 24 hours, then it is late; the onderzoek after 10 weeks is late too, its findings counted per outcome and form', () => {
      const events = vt([
        ['2026-11-01T09:00:00.000Z', caseOpened(), 'e-open'],
        ['2026-11-02T09:00:00.000Z', meldingMade({ urgency: 'acuut' }), 'e-melding'],
        ['2026-11-03T09:00:01.000Z', safetyAssessed('e-melding', { urgency: 'acuut', decision: 'onderzoek' }), 'e-assessed'],
        ['2027-01-13T09:00:00.000Z', investigationCompleted('e-assessed', 'e-heard', { findings: [{ form: 'neglect', outcome: 'bevestigd' }, { form: 'sexual-abuse', outcome: 'weerlegd' }] }), 'e-onderzoek'],
      ]);
      expect(vtCounts(events)).toEqual([
        '2026-11 safety-assessment:onderzoek VR13',
        '2026-11 safety-assessment-urgency:acuut VR13',
        '2026-11 safety-assessment-timeliness:late VR13',
        '2027-01 investigation:voorwaarden-en-vervolg VR13',
        '2027-01 finding-bevestigd:neglect VR13',
        '2027-01 finding-weerlegd:sexual-abuse VR13',
        '2027-01 investigation-timeliness:late VR13',
      ]);
    });

    it('given an onderzoek ended early within 10 weeks, then it counts as ended early and on time', () => {
      const events = vt([
        ['2026-11-01T09:00:00.000Z', caseOpened(), 'e-open'],
        ['2026-11-02T09:00:00.000Z', meldingMade(), 'e-melding'],
        ['2026-11-03T09:00:00.000Z', safetyAssessed('e-melding', { decision: 'onderzoek' }), 'e-assessed'],
        ['2027-01-12T09:00:00.000Z', investigationCompleted('e-assessed', 'e-heard', { findings: [], endedEarly: { reason: 'Verhuisd (verzonnen)' }, decision: 'einde-bemoeienis' }), 'e-onderzoek'],
      ]);
      expect(vtCounts(events).slice(3)).toEqual(['2027-01 investigation:einde-bemoeienis VR13', '2027-01 investigation-ended-early VR13', '2027-01 investigation-timeliness:on-time VR13']);
    });
  });
});
