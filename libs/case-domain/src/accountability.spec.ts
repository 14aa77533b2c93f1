import {
  ACUTE,
  NOW,
  WIJKTEAM,
  caseClosed,
  caseOpened,
  childHeard,
  childNotHeard,
  hulpIngezet,
  investigationCompleted,
  meldingMade,
  monitorChecked,
  responsibilityAssigned,
  safetyAssessed,
  signalRecorded,
  stateOf,
  weighed,
  withMeta,
  GivenEvent,
} from '@zicht/testing';
import { accountability, responsibilityGaps } from './accountability';
import { compliance, ComplianceCheckId } from './compliance';
import { dueItems, isOverdue } from './due-items';
import { ExistingCaseState } from './state';

const existing = (...events: GivenEvent[]) => stateOf(...events) as ExistingCaseState;
const SCHOOL_PARTY = { organisation: 'Basisschool De Verzonnen Eik' };
const VT13 = { organisation: 'Veilig Thuis VR13', veiligThuisRegion: 'VR13' };
/** Opened, signal, heard (event-2), weighed (hulp without melding), help deployed (event-4). */
const WALK: GivenEvent[] = [caseOpened(), signalRecorded(), childHeard(), weighed(), hulpIngezet('event-2')];
const statusOf = (state: ExistingCaseState, id: ComplianceCheckId, now = NOW) => compliance(state, now).checks.find((c) => c.id === id)!;

describe('accountability: the four questions of GC13 par. 53', () => {
  it('(a) names the responsible party per scope with a timeline that has no gap', () => {
    const a = accountability(existing(...WALK, meldingMade()), NOW);
    expect(a.responsible.current).toEqual({ 'zicht-op-veiligheid': VT13, hulp: expect.objectContaining({ organisation: WIJKTEAM }), monitoring: expect.objectContaining({ organisation: WIJKTEAM }) });
    const zicht = a.responsible.timeline.filter((p) => p.scope === 'zicht-op-veiligheid');
    expect(zicht).toEqual([
      expect.objectContaining({ party: SCHOOL_PARTY, via: 'case-opened', from: '2026-11-01T08:00:00.000Z', until: '2026-11-01T08:05:00.000Z', endedByEventId: 'event-5' }),
      expect.objectContaining({ party: VT13, via: 'melding', from: '2026-11-01T08:05:00.000Z', until: null }),
    ]);
    expect(a.responsible.timeline.filter((p) => p.scope === 'hulp')).toEqual([expect.objectContaining({ via: 'hulp-ingezet', eventId: 'event-4' })]);
    expect(a.responsible.gaps).toEqual([]);
  });

  it('(a) keeps the reason of a transfer', () => {
    const a = accountability(existing(...WALK, responsibilityAssigned({ scope: 'monitoring', to: { organisation: 'GGD (verzonnen)' } })), NOW);
    expect(a.responsible.timeline.filter((p) => p.scope === 'monitoring').map((p) => [p.party.organisation, p.via, p.reason])).toEqual([
      [WIJKTEAM, 'hulp-ingezet', undefined],
      ['GGD (verzonnen)', 'responsibility-assigned', 'Wijkteam neemt monitoring over (verzonnen)'],
    ]);
  });

  it('(a) finds a gap where help was deployed but nobody held monitoring, until someone took it', () => {
    const noMonitoring = hulpIngezet('event-2');
    noMonitoring.data.responsibilityChanges = noMonitoring.data.responsibilityChanges.filter((c) => c.scope !== 'monitoring');
    const state = existing(caseOpened(), signalRecorded(), childHeard(), weighed(), noMonitoring);
    expect(responsibilityGaps(state)).toEqual([{ scope: 'monitoring', from: '2026-11-01T08:04:00.000Z', until: null }]);
    const later = existing(caseOpened(), signalRecorded(), childHeard(), weighed(), noMonitoring, responsibilityAssigned({ scope: 'monitoring' }));
    expect(responsibilityGaps(later)).toEqual([{ scope: 'monitoring', from: '2026-11-01T08:04:00.000Z', until: '2026-11-01T08:05:00.000Z' }]);
    expect(statusOf(later, 'responsibility-without-gaps').status).toBe('not-met');
    expect(statusOf(existing(...WALK), 'responsibility-without-gaps').status).toBe('met');
  });

  it('(b) gives the plan with the child\'s involvement and no free text of the conversation', () => {
    const a = accountability(existing(...WALK), NOW);
    expect(a.plan).toEqual({
      hulpEventId: 'event-4',
      mode: 'inzetten',
      decidedBy: 'melder',
      decidedAt: '2026-11-01T08:04:00.000Z',
      responsible: expect.objectContaining({ organisation: WIJKTEAM }),
      aims: ['Kind krijgt dagelijks ontbijt (verzonnen)'],
      discussedWith: ['kind', 'ouders'],
      childInvolvement: { eventId: 'event-2', type: 'child-heard', moment: 'signalering', occurredAt: '2026-11-01T08:02:00.000Z', heardAlone: true, interviewerTrained: true },
      earlier: [],
    });
    expect(JSON.stringify(a.childConversations)).not.toContain('verzonnen');
    expect(accountability(existing(caseOpened()), NOW)).toMatchObject({ plan: null, interventions: [], evaluation: null });
  });

  it('(b) a continued plan replaces the plan in force and keeps the earlier one', () => {
    const a = accountability(existing(...WALK, hulpIngezet('event-2', { mode: 'voortzetten' })), NOW);
    expect(a.plan).toMatchObject({ hulpEventId: 'event-5', mode: 'voortzetten', earlier: [{ hulpEventId: 'event-4', mode: 'inzetten' }] });
    expect(a.interventions.map((i) => i.type === 'hulp' && i.hulpEventId)).toEqual(['event-5']);
  });

  it('(c) gives each intervention its deadline, duration, end and overdue status, judged by now', () => {
    const state = existing(...WALK);
    expect(accountability(state, NOW).interventions).toEqual([
      {
        type: 'hulp',
        hulpEventId: 'event-4',
        kind: 'gezinsbegeleiding',
        provider: WIJKTEAM,
        startsOn: '2026-11-09',
        deadline: '2027-02-01',
        intendedDurationWeeks: 12,
        endsOn: '2027-02-01',
        runsPastDeadline: false,
        status: 'not-started',
        reviewedByEventId: null,
        overdue: false,
      },
    ]);
    expect(accountability(state, '2026-12-01T00:00:00Z').interventions[0]).toMatchObject({ status: 'in-progress', overdue: false });
    expect(accountability(state, '2027-02-01T23:00:00Z').interventions[0]).toMatchObject({ overdue: false }); // the deadline day itself
    expect(accountability(state, '2027-02-02T00:00:00Z').interventions[0]).toMatchObject({ status: 'past-deadline', overdue: true });
  });

  it('(c) a monitoring check on or after the deadline reviews it; a closed case has nothing overdue', () => {
    const reviewed = existing(...WALK, withMeta(monitorChecked('event-4', { nextCheckDue: '2027-03-01' }), { occurredAt: '2027-02-01T10:00:00.000Z' }));
    expect(accountability(reviewed, '2027-02-10T00:00:00Z').interventions[0]).toMatchObject({ reviewedByEventId: 'event-5', overdue: false });
    const early = existing(...WALK, withMeta(monitorChecked('event-4'), { occurredAt: '2027-01-31T10:00:00.000Z' }));
    expect(accountability(early, '2027-02-10T00:00:00Z').interventions[0]).toMatchObject({ reviewedByEventId: null, overdue: true });
    const closed = existing(...WALK, monitorChecked('event-4'), caseClosed());
    expect(accountability(closed, '2028-01-01T00:00:00Z').interventions[0].overdue).toBe(false);
  });

  it('(d) gives the evaluation schedule: checks done (on time or late), next due and overdue', () => {
    const state = existing(
      ...WALK,
      withMeta(monitorChecked('event-4', { nextCheckDue: '2027-01-04' }), { occurredAt: '2026-12-09T10:00:00.000Z' }),
    );
    const e = accountability(state, '2026-12-20T00:00:00Z').evaluation!;
    expect(e).toMatchObject({ hulpEventId: 'event-4', method: 'gesprek met kind en ouders', intervalDays: 28, firstCheckDue: '2026-12-07', nextCheckDue: '2027-01-04', overdue: false, monitoringHeldBy: expect.objectContaining({ organisation: WIJKTEAM }) });
    expect(e.checks).toEqual([
      { eventId: 'event-5', occurredAt: '2026-12-09T10:00:00.000Z', safety: 'safe', helpEffective: true, wasDue: '2026-12-07', onTime: false, childConversationEventId: null, nextCheckDue: '2027-01-04' },
    ]);
    expect(accountability(state, '2027-01-05T00:00:00Z').evaluation).toMatchObject({ overdue: true });
    expect(accountability(existing(...WALK, monitorChecked('event-4'), caseClosed()), '2030-01-01T00:00:00Z').evaluation).toMatchObject({ nextCheckDue: null, overdue: false });
  });
});

describe('compliance', () => {
  it('judges every norm of the scripted walk', () => {
    const result = compliance(existing(...WALK), NOW);
    expect(Object.fromEntries(result.checks.map((c) => [c.id, c.status]))).toEqual({
      'child-heard-before-decisions': 'met',
      'child-heard-by-trained-interviewer': 'met',
      'child-not-heard-revisited': 'not-applicable',
      'melding-when-required': 'not-applicable',
      'plan-involves-child': 'met',
      'interventions-within-deadline': 'pending',
      'monitoring-on-schedule': 'pending',
      'responsibility-without-gaps': 'met',
      'veiligheidsbeoordeling-within-deadline': 'not-applicable',
      'onderzoek-within-deadline': 'not-applicable',
      'melder-informed-within-deadline': 'not-applicable',
      'monitoring-meets-norm': 'pending',
      'child-heard-at-each-decision': 'not-met', // heard at signalering, not at the hulpverlening moment
    });
    for (const check of result.checks) expect(check.explanation.length).toBeGreaterThan(20);
  });

  describe('child-heard-at-each-decision', () => {
    const VT_ACTOR = { id: 'vt-0001', role: 'veilig-thuis', organisation: 'Veilig Thuis VR13' };
    it('is met when each decision follows a conversation at its own moment, since the previous decision', () => {
      const state = existing(
        caseOpened(),
        signalRecorded(),
        childHeard({ moment: 'signalering' }), // event-2
        weighed(), // event-3
        childNotHeard({ moment: 'hulpverlening', reason: 'child-declined' }), // event-4
        hulpIngezet('event-4'), // event-5
        childHeard({ moment: 'evaluatie' }), // event-6
        monitorChecked('event-5'), // event-7
        withMeta(meldingMade(), { eventId: 'melding-1' }), // event-8, not a decision moment
        withMeta(childHeard({ moment: 'besluit-vervolg' }), { actor: VT_ACTOR }), // event-9
        withMeta(safetyAssessed('melding-1', { decision: 'onderzoek' }), { eventId: 'vb-1' }), // event-10
        withMeta(childHeard({ moment: 'onderzoek' }), { actor: VT_ACTOR }), // event-11
        investigationCompleted('vb-1', 'event-11'), // event-12
      );
      expect(statusOf(state, 'child-heard-at-each-decision')).toMatchObject({ status: 'met' });
    });
    it('is not-met naming the moment that lacks a conversation, even when the child was heard before an earlier decision', () => {
      const state = existing(caseOpened(), signalRecorded(), childHeard({ moment: 'signalering' }), weighed(), hulpIngezet('event-2'), childHeard({ moment: 'hulpverlening' }), monitorChecked('event-4'));
      const check = statusOf(state, 'child-heard-at-each-decision');
      expect(check).toMatchObject({ status: 'not-met', evidence: ['event-4', 'event-6'] });
      expect(check.explanation).toMatch(/help of \d{4}-\d{2}-\d{2} \(moment hulpverlening\).*monitoring check .*\(moment evaluatie\)/);
    });
    it('is pending before any decision', () => {
      expect(statusOf(existing(caseOpened(), childHeard()), 'child-heard-at-each-decision').status).toBe('pending');
    });
  });

  it('a conversation by an untrained interviewer is not-met, with that event as evidence', () => {
    const state = existing(caseOpened(), childHeard(), childHeard({ interviewerTrained: false }));
    expect(statusOf(state, 'child-heard-by-trained-interviewer')).toMatchObject({ status: 'not-met', evidence: ['event-2'] });
    expect(statusOf(existing(caseOpened()), 'child-heard-by-trained-interviewer').status).toBe('not-applicable');
  });

  it('a melding made without hearing the child first is recorded and not-met (a melding is never blocked)', () => {
    const state = existing(caseOpened(), signalRecorded(), meldingMade());
    expect(statusOf(state, 'child-heard-before-decisions')).toMatchObject({ status: 'not-met', evidence: ['event-2'] });
    expect(statusOf(existing(caseOpened(), signalRecorded()), 'child-heard-before-decisions').status).toBe('pending');
  });

  it('melding-when-required: not-met while the duty is open, met once the melding is made', () => {
    const open = existing(caseOpened(), signalRecorded(), childHeard(), weighed(ACUTE));
    expect(statusOf(open, 'melding-when-required')).toMatchObject({ status: 'not-met', evidence: ['event-3'] });
    expect(statusOf(existing(caseOpened(), signalRecorded(), childHeard(), weighed(ACUTE), meldingMade()), 'melding-when-required')).toMatchObject({
      status: 'met',
      evidence: ['event-3', 'event-4'],
    });
  });

  it('child-not-heard-revisited: pending before the revisit date, not-met after it, met once heard', () => {
    const notHeard = existing(caseOpened(), childNotHeard({ revisitBy: '2026-11-09' }));
    expect(statusOf(notHeard, 'child-not-heard-revisited', '2026-11-09T12:00:00Z').status).toBe('pending');
    expect(statusOf(notHeard, 'child-not-heard-revisited', '2026-11-10T00:00:00Z')).toMatchObject({ status: 'not-met', evidence: ['event-1'] });
    expect(statusOf(existing(caseOpened(), childNotHeard(), childHeard()), 'child-not-heard-revisited', '2026-12-01T00:00:00Z')).toMatchObject({
      status: 'met',
      evidence: ['event-1', 'event-2'],
    });
  });

  it('monitoring-on-schedule: not-met when the check is overdue, met when checks keep up', () => {
    expect(statusOf(existing(...WALK), 'monitoring-on-schedule', '2026-12-08T00:00:00Z')).toMatchObject({ status: 'not-met', evidence: ['event-4'] });
    expect(statusOf(existing(...WALK, monitorChecked('event-4')), 'monitoring-on-schedule', '2026-12-08T00:00:00Z')).toMatchObject({ status: 'met', evidence: ['event-5'] });
    expect(statusOf(existing(...WALK), 'monitoring-on-schedule').status).toBe('pending');
  });
});

describe('dueItems and isOverdue', () => {
  it('lists the check, the intervention deadline, the melding duty and the child to hear again, earliest first', () => {
    const state = existing(caseOpened(), signalRecorded(), childNotHeard({ revisitBy: '2026-11-20' }), weighed(ACUTE), hulpIngezet('event-2', { decidedBy: 'melder' }));
    const items = dueItems(state);
    expect(items.map((i) => [i.kind, i.dueDate, i.refEventId, i.scope])).toEqual([
      ['melding-duty', '2026-11-01', 'event-3', 'zicht-op-veiligheid'],
      ['child-revisit', '2026-11-20', 'event-2', 'zicht-op-veiligheid'],
      ['monitor-check', '2026-12-07', 'event-4', 'monitoring'],
      ['intervention-deadline', '2027-02-01', 'event-4', 'hulp'],
    ]);
    expect(items[0].holder).toEqual(SCHOOL_PARTY);
    expect(items[2].holder).toEqual({ organisation: WIJKTEAM }); // without the professional's name
    expect(JSON.stringify(items)).not.toMatch(/kind-0001|Gezinscoach|ontbijt|niet praten/);
  });

  it('moves the check to its next date, drops reviewed deadlines, a heard child and everything of a closed case', () => {
    const checked = existing(...WALK, withMeta(monitorChecked('event-4', { nextCheckDue: '2027-03-01' }), { occurredAt: '2027-02-02T09:00:00.000Z' }));
    expect(dueItems(checked).map((i) => [i.kind, i.dueDate, i.refEventId])).toEqual([['monitor-check', '2027-03-01', 'event-5']]);
    expect(dueItems(existing(caseOpened(), childNotHeard(), childHeard()))).toEqual([]);
    expect(dueItems(existing(...WALK, monitorChecked('event-4'), caseClosed()))).toEqual([]);
  });

  it('is overdue from the day after its due date', () => {
    expect(isOverdue({ dueDate: '2026-12-07' }, '2026-12-07T23:59:59Z')).toBe(false);
    expect(isOverdue({ dueDate: '2026-12-07' }, '2026-12-08T00:00:00Z')).toBe(true);
  });
});
