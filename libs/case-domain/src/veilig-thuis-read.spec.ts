/**
 * Veilig Thuis' side of the case wherever deadlines show: the deadlines themselves (working days,
 * Amsterdam time, from recorded facts), the worklist's due items, the accountability answer,
 * compliance, the summary, the terugkoppeling and access.
 */
import {
  GivenEvent,
  WIJKTEAM,
  aProfessional,
  caseClosed,
  caseOpened,
  childHeard,
  childNotHeard,
  gemeenteInformed,
  hulpIngezet,
  investigationCompleted,
  melderInformed,
  meldingMade,
  monitorChecked,
  safetyAssessed,
  safetyConditionsSet,
  signalRecorded,
  stateOf,
  weighed,
  withMeta,
} from '@zicht/testing';
import { canSee } from './access';
import { accountability, VeiligThuisIntervention } from './accountability';
import { compliance, ComplianceCheckId } from './compliance';
import { veiligThuisDeadlines } from './deadlines';
import { dueItems, isOverdue, workingDaysLeft } from './due-items';
import { feedback } from './feedback';
import { ExistingCaseState } from './state';
import { summarize } from './summary';

const existing = (...events: GivenEvent[]) => stateOf(...events) as ExistingCaseState;
const VT13 = { organisation: 'Veilig Thuis VR13', veiligThuisRegion: 'VR13' };
/** Recorded (and happened) at this instant. */
const at = <E extends GivenEvent>(event: E, instant: string, eventId?: string) => withMeta(event, { occurredAt: instant, recordedAt: instant, ...(eventId ? { eventId } : {}) });

const opened = at(caseOpened(), '2026-11-10T08:00:00.000Z');
/** A melding recorded on Friday 13 November 2026 at 15:00 in Amsterdam (14:00 UTC). */
const FRIDAY_AFTERNOON = '2026-11-13T14:00:00.000Z';
const melding = at(meldingMade(), FRIDAY_AFTERNOON, 'melding-1');
const vbDeadline = (state: ExistingCaseState) => veiligThuisDeadlines(state).find((d) => d.kind === 'veiligheidsbeoordeling')!;
const checkOf = (state: ExistingCaseState, id: ComplianceCheckId, now: string) => compliance(state, now).checks.find((c) => c.id === id)!;
const vtInterventions = (state: ExistingCaseState, now: string) =>
  accountability(state, now).interventions.filter((i): i is VeiligThuisIntervention => i.type === 'veilig-thuis');

describe('the veiligheidsbeoordeling deadline', () => {
  it('a melding recorded on a Friday afternoon is due at the end of the following Friday (Amsterdam), overdue after it', () => {
    const state = existing(opened, melding);
    expect(vbDeadline(state)).toMatchObject({ term: '5-werkdagen', from: FRIDAY_AFTERNOON, dueAt: '2026-11-20T22:59:59.999Z', doneAt: null });
    const [item] = dueItems(state).filter((i) => i.kind === 'veiligheidsbeoordeling');
    expect(item).toMatchObject({ dueDate: '2026-11-20', dueAt: '2026-11-20T22:59:59.999Z', refEventId: 'melding-1', holder: VT13, scope: 'zicht-op-veiligheid' });
    expect(isOverdue(item, '2026-11-20T22:59:59.999Z')).toBe(false);
    expect(isOverdue(item, '2026-11-20T23:00:00.000Z')).toBe(true);
  });

  it('says how many working days are left, judged at query time', () => {
    const [item] = dueItems(existing(opened, melding)).filter((i) => i.kind === 'veiligheidsbeoordeling');
    expect(workingDaysLeft(item, '2026-11-13T15:00:00.000Z')).toBe(5);
    expect(workingDaysLeft(item, '2026-11-16T09:00:00.000Z')).toBe(4); // Monday
    expect(workingDaysLeft(item, '2026-11-20T09:00:00.000Z')).toBe(0);
    expect(workingDaysLeft(item, '2026-11-23T09:00:00.000Z')).toBe(-1);
  });

  it('an acute melding (urgency acuut, or acute grounds) within 24 hours', () => {
    for (const acute of [meldingMade({ urgency: 'acuut' }), meldingMade({ grounds: ['acute-unsafety'] })]) {
      expect(vbDeadline(existing(opened, at(acute, FRIDAY_AFTERNOON)))).toMatchObject({ term: '24-uur', dueAt: '2026-11-14T14:00:00.000Z' });
    }
  });

  it('runs from when the melding was recorded, never from a date the client sent', () => {
    const backdated = withMeta(meldingMade(), { occurredAt: '2026-11-01T09:00:00.000Z', recordedAt: FRIDAY_AFTERNOON });
    expect(vbDeadline(existing(opened, backdated)).dueAt).toBe('2026-11-20T22:59:59.999Z');
  });

  it('is met by the veiligheidsbeoordeling when it was recorded: on time or late', () => {
    const onTime = existing(opened, melding, at(safetyAssessed('melding-1'), '2026-11-19T10:00:00.000Z', 'vb-1'));
    expect(dueItems(onTime).filter((i) => i.kind === 'veiligheidsbeoordeling')).toEqual([]);
    expect(vtInterventions(onTime, '2026-12-01T00:00:00Z')[0]).toMatchObject({
      kind: 'veiligheidsbeoordeling',
      provider: 'Veilig Thuis VR13',
      deadline: '2026-11-20T22:59:59.999Z',
      doneAt: '2026-11-19T10:00:00.000Z',
      doneByEventId: 'vb-1',
      onTime: true,
      overdue: false,
    });
    expect(checkOf(onTime, 'veiligheidsbeoordeling-within-deadline', '2026-12-01T00:00:00Z')).toMatchObject({ status: 'met', evidence: ['melding-1', 'vb-1'] });

    const late = existing(opened, melding, at(safetyAssessed('melding-1'), '2026-11-23T10:00:00.000Z', 'vb-1'));
    expect(vtInterventions(late, '2026-12-01T00:00:00Z')[0]).toMatchObject({ onTime: false, overdue: false });
    expect(checkOf(late, 'veiligheidsbeoordeling-within-deadline', '2026-12-01T00:00:00Z')).toMatchObject({ status: 'not-met', evidence: ['vb-1'] });
  });

  it('is pending before the deadline, not-met after it', () => {
    const state = existing(opened, melding);
    expect(checkOf(state, 'veiligheidsbeoordeling-within-deadline', '2026-11-16T00:00:00Z').status).toBe('pending');
    expect(checkOf(state, 'veiligheidsbeoordeling-within-deadline', '2026-11-21T00:00:00Z')).toMatchObject({ status: 'not-met', evidence: ['melding-1'] });
    expect(vtInterventions(state, '2026-11-21T00:00:00Z')[0]).toMatchObject({ overdue: true, onTime: null });
    expect(summarize(state, '2026-11-21T00:00:00Z').flags).toContain('veilig-thuis-deadline-overdue');
    expect(summarize(state, '2026-11-16T00:00:00Z').flags).not.toContain('veilig-thuis-deadline-overdue');
  });

  it('a closed case is judged as of its closure: not overdue after it', () => {
    const state = existing(opened, melding, at(caseClosed(), '2026-11-16T10:00:00.000Z'));
    expect(vtInterventions(state, '2027-06-01T00:00:00Z')[0]).toMatchObject({ overdue: false, doneAt: null });
    expect(summarize(state, '2027-06-01T00:00:00Z').flags).not.toContain('veilig-thuis-deadline-overdue');
    expect(dueItems(state)).toEqual([]);
  });
});

describe('the onderzoek and terugkoppeling deadlines', () => {
  const assessed = at(safetyAssessed('melding-1', { decision: 'onderzoek' }), '2026-11-19T10:00:00.000Z', 'vb-1');

  it('an onderzoek is due 10 weeks after the veiligheidsbeoordeling that decided it', () => {
    const state = existing(opened, melding, assessed);
    expect(veiligThuisDeadlines(state).find((d) => d.kind === 'onderzoek')).toMatchObject({ fromEventId: 'vb-1', term: '10-weken', dueAt: '2027-01-28T22:59:59.999Z' });
    expect(vtInterventions(state, '2026-12-01T00:00:00Z').map((i) => i.kind)).toEqual(['veiligheidsbeoordeling', 'onderzoek']);
    expect(dueItems(state).map((i) => i.kind)).toEqual(expect.arrayContaining(['onderzoek', 'melder-feedback']));
    const done = existing(opened, melding, assessed, at(childHeard({ moment: 'onderzoek' }), '2026-12-01T10:00:00.000Z'), at(investigationCompleted('vb-1', 'event-3'), '2027-01-20T10:00:00.000Z', 'oz-1'));
    expect(checkOf(done, 'onderzoek-within-deadline', '2027-02-01T00:00:00Z')).toMatchObject({ status: 'met', evidence: ['vb-1', 'oz-1'] });
  });

  it('the melder is informed within 5 working days of each veiligheidsbeoordeling and onderzoek', () => {
    const state = existing(opened, melding, assessed);
    expect(veiligThuisDeadlines(state).find((d) => d.kind === 'melder-feedback')).toMatchObject({ fromEventId: 'vb-1', dueAt: '2026-11-26T22:59:59.999Z' });
    const informed = existing(opened, melding, assessed, at(melderInformed('vb-1'), '2026-11-24T10:00:00.000Z', 'tk-1'));
    expect(dueItems(informed).map((i) => i.kind)).not.toContain('melder-feedback');
    expect(checkOf(informed, 'melder-informed-within-deadline', '2026-12-01T00:00:00Z')).toMatchObject({ status: 'met', evidence: ['vb-1', 'tk-1'] });
    expect(checkOf(state, 'melder-informed-within-deadline', '2026-11-27T00:00:00Z').status).toBe('not-met');
  });
});

describe('monitoring after a Veilig Thuis decision', () => {
  const handedOver = at(
    safetyAssessed('melding-1', {
      monitoring: { by: 'overgedragen', to: { organisation: WIJKTEAM }, reason: 'Wijkteam ziet het gezin wekelijks (verzonnen)' },
      nextCheckDue: '2027-02-17',
      responsibilityChanges: [{ scope: 'monitoring', to: { organisation: WIJKTEAM } }],
    }),
    '2026-11-18T10:00:00.000Z',
    'vb-1',
  );

  it('accountability says who monitors under which norm', () => {
    const state = existing(opened, melding, at(safetyAssessed('melding-1'), '2026-11-18T10:00:00.000Z', 'vb-1'));
    expect(accountability(state, '2026-12-01T00:00:00Z').evaluation).toEqual({
      hulpEventId: null,
      startedBy: { eventId: 'vb-1', type: 'safety-assessed', occurredAt: '2026-11-18T10:00:00.000Z' },
      method: null,
      intervalDays: 91,
      firstCheckDue: '2027-01-31',
      checks: [],
      nextCheckDue: '2027-01-31',
      overdue: false,
      monitoringHeldBy: VT13,
      monitoredBy: 'veilig-thuis',
      norm: { id: 'landelijke-monitoringnorm', version: '2019', maxIntervalDays: 91, minDurationDays: 365 },
      minimumUntil: '2027-11-18',
    });
    expect(accountability(existing(opened, melding, handedOver), '2026-12-01T00:00:00Z').evaluation).toMatchObject({
      monitoringHeldBy: { organisation: WIJKTEAM },
      monitoredBy: 'overgedragen',
    });
  });

  it('a missed check by the party that took over puts "inform the gemeente" on Veilig Thuis\' worklist; gemeente-informed clears it', () => {
    const state = existing(opened, melding, handedOver);
    const items = dueItems(state);
    expect(items.find((i) => i.kind === 'monitor-check')).toMatchObject({ dueDate: '2027-02-17', holder: { organisation: WIJKTEAM } });
    expect(items.find((i) => i.kind === 'inform-gemeente')).toMatchObject({ dueDate: '2027-02-18', holder: VT13, refEventId: 'vb-1' });
    expect(dueItems(existing(opened, melding, handedOver, at(gemeenteInformed(), '2027-02-19T10:00:00.000Z'))).map((i) => i.kind)).not.toContain('inform-gemeente');
    // a notice about an earlier miss does not clear a later one
    expect(dueItems(existing(opened, melding, handedOver, at(gemeenteInformed(), '2027-01-05T10:00:00.000Z'))).map((i) => i.kind)).toContain('inform-gemeente');
  });

  it('no such item while Veilig Thuis monitors itself', () => {
    const state = existing(opened, melding, at(safetyAssessed('melding-1'), '2026-11-18T10:00:00.000Z'));
    expect(dueItems(state).map((i) => i.kind)).not.toContain('inform-gemeente');
  });

  it('the handover party may see the case once it holds a responsibility', () => {
    const wijkteam = aProfessional({ id: 'prof-w', organisation: WIJKTEAM });
    expect(canSee(wijkteam, existing(opened, melding))).toBe(false);
    expect(canSee(wijkteam, existing(opened, melding, handedOver))).toBe(true);
  });

  it('condition deadlines are due until a check on or after them reviews them', () => {
    const conditions = at(safetyConditionsSet(), '2026-11-20T10:00:00.000Z', 'vv-1');
    expect(dueItems(existing(opened, melding, conditions)).find((i) => i.kind === 'condition-deadline')).toMatchObject({ dueDate: '2026-12-15', refEventId: 'vv-1' });
    const reviewed = existing(opened, melding, conditions, at(monitorChecked('x', { hulpEventId: undefined }), '2026-12-16T10:00:00.000Z'));
    expect(dueItems(reviewed).map((i) => i.kind)).not.toContain('condition-deadline');
  });

  it('monitoring-meets-norm: a gap longer than the norm is not-met; kept for the minimum duration it is met', () => {
    const assessedAt = at(safetyAssessed('melding-1'), '2026-11-18T10:00:00.000Z', 'vb-1');
    expect(checkOf(existing(opened, melding, assessedAt), 'monitoring-meets-norm', '2027-01-01T00:00:00Z').status).toBe('pending');
    expect(checkOf(existing(opened, melding, assessedAt), 'monitoring-meets-norm', '2027-03-01T00:00:00Z')).toMatchObject({ status: 'not-met', evidence: ['vb-1'] });
    const checks = ['2027-02-10', '2027-05-10', '2027-08-01', '2027-10-25'].map((d, i) => at(monitorChecked('x', { hulpEventId: undefined, nextCheckDue: '2028-01-01' }), `${d}T10:00:00.000Z`, `check-${i}`));
    expect(checkOf(existing(opened, melding, assessedAt, ...checks), 'monitoring-meets-norm', '2027-11-20T00:00:00Z').status).toBe('met');
  });
});

describe('what is right that was not', () => {
  const walk = [caseOpened(), signalRecorded(), childHeard(), weighed()];

  it('a component whose start plus intended duration runs past its own deadline is flagged', () => {
    const state = existing(...walk, hulpIngezet('event-2', {
      components: [
        { kind: 'gezinsbegeleiding', provider: WIJKTEAM, startsOn: '2026-11-09', deadline: '2027-01-15', intendedDurationWeeks: 12 },
        { kind: 'schoolmaatschappelijk werk', provider: WIJKTEAM, startsOn: '2026-11-09', deadline: '2027-02-01', intendedDurationWeeks: 12 },
      ],
    }));
    expect(accountability(state, '2026-11-02T10:00:00Z').interventions.map((i) => i.type === 'hulp' && i.runsPastDeadline)).toEqual([true, false]);
  });

  it('a closed case is judged as of its closure in compliance too: a deadline after the closure is not missed', () => {
    const state = existing(...walk, hulpIngezet('event-2'), monitorChecked('event-4'), at(caseClosed(), '2026-12-01T10:00:00.000Z'));
    expect(checkOf(state, 'interventions-within-deadline', '2028-01-01T00:00:00Z').status).toBe('met');
    expect(accountability(state, '2028-01-01T00:00:00Z').interventions[0]).toMatchObject({ overdue: false });
    const missedBeforeClosure = existing(...walk, hulpIngezet('event-2'), at(caseClosed(), '2027-03-01T10:00:00.000Z'));
    expect(checkOf(missedBeforeClosure, 'interventions-within-deadline', '2028-01-01T00:00:00Z').status).toBe('not-met');
    expect(accountability(missedBeforeClosure, '2028-01-01T00:00:00Z').interventions[0]).toMatchObject({ overdue: true });
  });

  it('a plan citing a child-not-heard is not "discussed with the child", with the reason and try-again date', () => {
    const state = existing(caseOpened(), signalRecorded(), childNotHeard({ reason: 'child-declined', revisitBy: '2026-11-09' }), weighed(), hulpIngezet('event-2'));
    const check = checkOf(state, 'plan-involves-child', '2026-11-02T10:00:00Z');
    expect(check).toMatchObject({ status: 'not-met', evidence: ['event-4', 'event-2'] });
    expect(check.explanation).toContain('child-declined');
    expect(check.explanation).toContain('2026-11-09');
  });
});

describe('feedback(state): the terugkoppeling for the melder', () => {
  it('lists the melder-informed records newest first, without anything else of the case', () => {
    const state = existing(
      opened,
      melding,
      at(safetyAssessed('melding-1', { decision: 'onderzoek' }), '2026-11-18T10:00:00.000Z', 'vb-1'),
      at(melderInformed('vb-1', { melderRole: 'Let op (verzonnen)' }), '2026-11-19T10:00:00.000Z', 'tk-1'),
      at(childHeard({ moment: 'onderzoek' }), '2026-12-01T10:00:00.000Z'),
      at(investigationCompleted('vb-1', 'event-4'), '2027-01-10T10:00:00.000Z', 'oz-1'),
      at(melderInformed('oz-1', { moment: 'na-onderzoek', vervolgStarted: false, handoverParties: [WIJKTEAM] }), '2027-01-12T10:00:00.000Z', 'tk-2'),
    );
    expect(feedback(state)).toEqual({
      caseId: state.caseId,
      revision: 6,
      feedback: [
        { eventId: 'tk-2', occurredAt: '2027-01-12T10:00:00.000Z', recordedAt: '2027-01-12T10:00:00.000Z', moment: 'na-onderzoek', aboutEventId: 'oz-1', vervolgStarted: false, handoverParties: [WIJKTEAM], melderRole: null, monitoringAgreements: null },
        { eventId: 'tk-1', occurredAt: '2026-11-19T10:00:00.000Z', recordedAt: '2026-11-19T10:00:00.000Z', moment: 'na-veiligheidsbeoordeling', aboutEventId: 'vb-1', vervolgStarted: true, handoverParties: [], melderRole: 'Let op (verzonnen)', monitoringAgreements: null },
      ],
    });
    expect(summarize(state, '2027-01-13T00:00:00Z').stage).toBe('onderzoek');
  });
});
