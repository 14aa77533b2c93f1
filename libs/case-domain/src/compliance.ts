/**
 * Compliance: each norm of the Meldcode and of what Defence for Children asked for, judged for one
 * case as `met` / `not-met` / `pending` / `not-applicable`, with the events that prove it and a plain
 * explanation. Facts that fall short are recorded (a melding is never blocked) and shown here.
 * Pure: `now` is an argument.
 */
import { responsibilityGaps } from './accountability';
import { amsterdamDate } from './calendar/working-days';
import { addDays, dateOf } from './dates';
import { VeiligThuisDeadlineKind, isDeadlineOverdue, judgedAt, metOnTime, veiligThuisDeadlines } from './deadlines';
import { monitoringNormOn } from './monitoring-norm/registry';
import { ExistingCaseState } from './state';
import { ChildConversationMoment } from './vocabulary';

export const COMPLIANCE_CHECK_IDS = [
  'child-heard-before-decisions',
  'child-heard-by-trained-interviewer',
  'child-not-heard-revisited',
  'melding-when-required',
  'plan-involves-child',
  'interventions-within-deadline',
  'monitoring-on-schedule',
  'responsibility-without-gaps',
  'veiligheidsbeoordeling-within-deadline',
  'onderzoek-within-deadline',
  'melder-informed-within-deadline',
  'monitoring-meets-norm',
  'child-heard-at-each-decision',
] as const;
export type ComplianceCheckId = (typeof COMPLIANCE_CHECK_IDS)[number];

export type ComplianceStatus = 'met' | 'not-met' | 'pending' | 'not-applicable';

export interface ComplianceCheck {
  id: ComplianceCheckId;
  status: ComplianceStatus;
  /** The event ids that prove the status (for `not-met`: the events that fall short). */
  evidence: string[];
  explanation: string;
}

export interface Compliance {
  caseId: string;
  revision: number;
  asOf: string;
  checks: ComplianceCheck[];
}

/** `today` and `at`: the date and moment the case is judged at (now, or its closure). */
type Judge = (state: ExistingCaseState, today: string, at: string) => Omit<ComplianceCheck, 'id'>;

const JUDGES: Record<ComplianceCheckId, Judge> = {
  'child-heard-before-decisions': (state) => {
    const decisions = [
      ...state.weighings.map((d) => ({ ...d, what: 'weighing' })),
      ...state.meldingen.map((d) => ({ ...d, what: 'melding' })),
      ...state.hulp.history.map((d) => ({ ...d, what: 'help' })),
    ].sort((a, b) => a.revision - b.revision);
    if (decisions.length === 0) {
      return { status: state.status === 'open' ? 'pending' : 'not-applicable', evidence: [], explanation: 'No decision (weighing, melding or help) has been taken yet.' };
    }
    const without = decisions.filter((d) => !state.childConversations.some((c) => c.revision < d.revision));
    if (without.length > 0) {
      return {
        status: 'not-met',
        evidence: without.map((d) => d.eventId),
        explanation: `The child must be heard (or a valid reason recorded why not) before each decision; ${without.map((d) => d.what).join(', ')} came without any conversation with the child.`,
      };
    }
    return {
      status: 'met',
      evidence: [...state.childConversations.map((c) => c.eventId), ...decisions.map((d) => d.eventId)],
      explanation: 'Every decision followed a recorded conversation with the child (or a valid reason why the child could not be heard).',
    };
  },

  'child-heard-by-trained-interviewer': (state) => {
    const heard = state.childConversations.filter((c) => c.outcome === 'heard');
    if (heard.length === 0) {
      return { status: 'not-applicable', evidence: [], explanation: 'The child has not been heard yet, so no interviewer has to be judged.' };
    }
    const untrained = heard.filter((c) => c.outcome === 'heard' && !c.interviewerTrained);
    if (untrained.length > 0) {
      return {
        status: 'not-met',
        evidence: untrained.map((c) => c.eventId),
        explanation: 'A child must be heard by a professional trained to talk with children; these conversations were held by someone without that qualification.',
      };
    }
    return { status: 'met', evidence: heard.map((c) => c.eventId), explanation: 'Every conversation with the child was held by a trained professional.' };
  },

  'child-not-heard-revisited': (state, today) => {
    const notHeard = state.childConversations.filter((c) => c.outcome === 'not-heard');
    if (notHeard.length === 0) {
      return { status: 'not-applicable', evidence: [], explanation: 'There is no conversation attempt in which the child was not heard.' };
    }
    const heardAfter = (revision: number) => state.childConversations.find((c) => c.outcome === 'heard' && c.revision > revision);
    const missed = notHeard.filter((c) => c.outcome === 'not-heard' && !heardAfter(c.revision) && c.revisitBy < today);
    const waiting = notHeard.filter((c) => c.outcome === 'not-heard' && !heardAfter(c.revision) && c.revisitBy >= today);
    if (missed.length > 0 && state.status === 'open') {
      return {
        status: 'not-met',
        evidence: missed.map((c) => c.eventId),
        explanation: 'The child could not be heard and the date to try again has passed without a conversation.',
      };
    }
    if (waiting.length > 0 && state.status === 'open') {
      return { status: 'pending', evidence: waiting.map((c) => c.eventId), explanation: 'The child could not be heard; the date to try again has not come yet.' };
    }
    if (missed.length > 0 || waiting.length > 0) {
      return {
        status: 'not-met',
        evidence: [...missed, ...waiting].map((c) => c.eventId),
        explanation: 'The case was closed without hearing the child after an attempt in which the child could not be heard.',
      };
    }
    const evidence = notHeard.flatMap((c) => [c.eventId, heardAfter(c.revision)!.eventId]);
    return { status: 'met', evidence: [...new Set(evidence)], explanation: 'After each attempt in which the child could not be heard, the child was heard later.' };
  },

  'melding-when-required': (state) => {
    const duty = state.meldplicht;
    if (duty.status === 'none') {
      return { status: 'not-applicable', evidence: [], explanation: 'No weighing or monitoring check has made a melding mandatory.' };
    }
    if (duty.status === 'open') {
      return {
        status: 'not-met',
        evidence: [duty.cause.eventId],
        explanation: `A melding at Veilig Thuis is mandatory since ${dateOf(duty.cause.occurredAt)} (${duty.grounds.join(', ')}) and has not been made.`,
      };
    }
    return {
      status: 'met',
      evidence: [duty.cause.eventId, duty.fulfilledBy.eventId],
      explanation: `The melding was mandatory (${duty.grounds.join(', ')}) and was made.`,
    };
  },

  'plan-involves-child': (state) => {
    if (state.hulp.history.length === 0) return { status: 'not-applicable', evidence: [], explanation: 'No help has been deployed.' };
    const plans = state.hulp.history.map((h) => ({ h, c: state.childConversations.find((c) => c.eventId === h.plan.childConversationEventId) }));
    const missing = plans.filter((p) => p.c === undefined);
    if (missing.length > 0) {
      return { status: 'not-met', evidence: missing.map((p) => p.h.eventId), explanation: 'A plan must name the conversation through which the child was involved.' };
    }
    const notHeard = plans.flatMap((p) => (p.c?.outcome === 'not-heard' ? [{ h: p.h, c: p.c }] : []));
    if (notHeard.length > 0) {
      const reasons = notHeard.map(({ c }) => `${c.reason}, to try again by ${c.revisitBy}`).join('; ');
      return {
        status: 'not-met',
        evidence: notHeard.flatMap(({ h, c }) => [h.eventId, c.eventId]),
        explanation: `A plan names a conversation in which the child was not heard (${reasons}): the plan was not discussed with the child. Hear the child about the plan, and continue the help with a plan that names that conversation.`,
      };
    }
    return {
      status: 'met',
      evidence: plans.flatMap((p) => [p.h.eventId, p.c!.eventId]),
      explanation: 'Every plan names the conversation through which the child was involved in it.',
    };
  },

  'interventions-within-deadline': (state, today) => {
    // `today` is the day of the closure for a closed case: a deadline after it is not overdue.
    const current = state.hulp.current;
    if (current === null) return { status: 'not-applicable', evidence: [], explanation: 'No help has been deployed.' };
    const checks = state.monitorChecks.filter((c) => c.hulpEventId === current.eventId);
    const late = current.components.filter((k) => k.deadline < today && !checks.some((c) => dateOf(c.occurredAt) >= k.deadline));
    if (late.length > 0) {
      return {
        status: 'not-met',
        evidence: [current.eventId],
        explanation: `The deadline of ${late.map((k) => k.kind).join(', ')} has passed and no monitoring check has reviewed it since.`,
      };
    }
    const ahead = current.components.filter((k) => k.deadline >= today);
    if (ahead.length > 0 && state.status === 'open') {
      return { status: 'pending', evidence: [current.eventId], explanation: 'The deadlines of the interventions have not come yet.' };
    }
    if (ahead.length > 0) {
      return { status: 'met', evidence: [current.eventId], explanation: 'The case was closed before the deadlines of the interventions came; none was overdue at the closure.' };
    }
    return {
      status: 'met',
      evidence: [current.eventId, ...checks.map((c) => c.eventId)],
      explanation: 'Every intervention deadline was reviewed by a monitoring check.',
    };
  },

  'monitoring-on-schedule': (state, today) => {
    const { since, firstCheckDue, nextCheckDue: due } = state.monitoring;
    if (since === null) return { status: 'not-applicable', evidence: [], explanation: 'No help has been deployed and Veilig Thuis has not decided, so there is nothing to monitor.' };
    const checks = state.monitorChecks.filter((c) => c.revision > since.revision);
    if (state.status === 'open' && due !== null && dateOf(due) < today) {
      return {
        status: 'not-met',
        evidence: [checks.at(-1)?.eventId ?? since.eventId],
        explanation: `The monitoring check due on ${dateOf(due)} has not been done.`,
      };
    }
    if (checks.length === 0) {
      return state.status === 'open'
        ? { status: 'pending', evidence: [since.eventId], explanation: `The first monitoring check is due on ${firstCheckDue}.` }
        : { status: 'not-met', evidence: [since.eventId], explanation: 'The case was closed without any monitoring check.' };
    }
    return { status: 'met', evidence: checks.map((c) => c.eventId), explanation: 'The case is monitored and no check is overdue.' };
  },

  'responsibility-without-gaps': (state) => {
    const gaps = responsibilityGaps(state);
    if (gaps.length > 0) {
      return {
        status: 'not-met',
        evidence: [],
        explanation: `Nobody held ${[...new Set(gaps.map((g) => g.scope))].join(', ')} for a time; it must always be clear who is responsible.`,
      };
    }
    const events = ['zicht-op-veiligheid', 'hulp', 'monitoring'] as const;
    return {
      status: 'met',
      evidence: [...new Set(events.flatMap((s) => state.responsibility[s].timeline.map((p) => p.eventId)))],
      explanation: 'From the opening of the case, every responsibility that had to be held was held by a named party.',
    };
  },

  'veiligheidsbeoordeling-within-deadline': deadlineJudge(
    'veiligheidsbeoordeling',
    'veiligheidsbeoordeling',
    'within 5 working days of the melding, within 24 hours when it is acute',
  ),
  'onderzoek-within-deadline': deadlineJudge('onderzoek', 'onderzoek', 'within 10 weeks of the veiligheidsbeoordeling that decided it'),
  'melder-informed-within-deadline': deadlineJudge('melder-feedback', 'terugkoppeling aan de melder', 'within 5 working days of each veiligheidsbeoordeling and onderzoek'),
  'monitoring-meets-norm': monitoringMeetsNorm,
  'child-heard-at-each-decision': childHeardAtEachDecision,
};

export function compliance(state: ExistingCaseState, now: string): Compliance {
  const at = judgedAt(state, now);
  const today = dateOf(at);
  return {
    caseId: state.caseId,
    revision: state.revision,
    asOf: now,
    checks: COMPLIANCE_CHECK_IDS.map((id) => ({ id, ...JUDGES[id](state, today, at) })),
  };
}

/** A Veilig Thuis deadline norm: every deadline of this kind met in time. */
function deadlineJudge(kind: VeiligThuisDeadlineKind, what: string, norm: string): Judge {
  return (state, _today, at) => {
    const deadlines = veiligThuisDeadlines(state).filter((d) => d.kind === kind);
    if (deadlines.length === 0) return { status: 'not-applicable', evidence: [], explanation: `There is no ${what} to judge yet.` };
    const late = deadlines.filter((d) => metOnTime(d) === false || isDeadlineOverdue(d, at));
    if (late.length > 0) {
      const dates = late.map((d) => `due ${amsterdamDate(d.dueAt)}, ${d.doneAt === null ? 'not done' : `done ${amsterdamDate(d.doneAt)}`}`).join('; ');
      return { status: 'not-met', evidence: late.map((d) => d.doneByEventId ?? d.fromEventId), explanation: `The ${what} came too late (${dates}). The norm: ${norm}.` };
    }
    const waiting = deadlines.filter((d) => d.doneAt === null);
    if (waiting.length > 0) {
      return state.status === 'open'
        ? { status: 'pending', evidence: waiting.map((d) => d.fromEventId), explanation: `The ${what} is due by ${waiting.map((d) => d.dueAt).join(', ')} (${norm}).` }
        : { status: 'not-met', evidence: waiting.map((d) => d.fromEventId), explanation: `The case was closed without the ${what} (${norm}).` };
    }
    return { status: 'met', evidence: deadlines.flatMap((d) => [d.fromEventId, d.doneByEventId!]), explanation: `Every ${what} was recorded in time (${norm}).` };
  };
}

/** The monitoring norm: no gap between checks longer than its interval, for at least its minimum duration. */
function monitoringMeetsNorm(state: ExistingCaseState, today: string): Omit<ComplianceCheck, 'id'> {
  const { since, durationFrom } = state.monitoring;
  if (since === null || durationFrom === null) return { status: 'not-applicable', evidence: [], explanation: 'Nothing is monitored in this case.' };
  const norm = monitoringNormOn(dateOf(since.occurredAt));
  const checks = state.monitorChecks.filter((c) => c.revision > since.revision);
  const moments = [since, ...checks].map((e) => ({ eventId: e.eventId, on: dateOf(e.occurredAt) }));
  if (state.status === 'open') moments.push({ eventId: '', on: today });
  const gap = moments.slice(1).find((m, i) => m.on > addDays(moments[i].on, norm.maxIntervalDays));
  const normText = `${norm.id} ${norm.version}: a check at least every ${norm.maxIntervalDays} days, for at least ${norm.minDurationDays} days`;
  if (gap !== undefined) {
    const before = moments[moments.indexOf(gap) - 1];
    return {
      status: 'not-met',
      evidence: [before.eventId, ...(gap.eventId ? [gap.eventId] : [])],
      explanation: `More than ${norm.maxIntervalDays} days passed without a check after ${before.on} (${normText}).`,
    };
  }
  const until = addDays(dateOf(durationFrom.occurredAt), norm.minDurationDays);
  if (today < until) {
    return state.status === 'open'
      ? { status: 'pending', evidence: [since.eventId, ...checks.map((c) => c.eventId)], explanation: `Monitoring keeps to the norm so far and runs at least until ${until} (${normText}).` }
      : { status: 'not-met', evidence: [since.eventId], explanation: `Monitoring ended before ${until} (${normText}).` };
  }
  return { status: 'met', evidence: [since.eventId, ...checks.map((c) => c.eventId)], explanation: `Monitored without a gap for the norm's minimum duration (${normText}).` };
}

/** The decisions at which the child is heard, and the moments that count for each. */
const DECISION_MOMENTS = {
  weighing: ['signalering', 'besluit-vervolg'],
  help: ['hulpverlening'],
  veiligheidsbeoordeling: ['besluit-vervolg'],
  onderzoek: ['onderzoek'],
  'monitoring check': ['evaluatie'],
} as const satisfies Record<string, readonly ChildConversationMoment[]>;

/**
 * The child is heard at every decision moment, not once: each decision is preceded, since the
 * previous decision, by a child-heard or a (valid) child-not-heard for its moment.
 */
function childHeardAtEachDecision(state: ExistingCaseState): Omit<ComplianceCheck, 'id'> {
  const decisions = [
    ...state.weighings.map((d) => ({ ...d, what: 'weighing' as const })),
    ...state.hulp.history.map((d) => ({ ...d, what: 'help' as const })),
    ...state.veiligThuis.assessments.map((d) => ({ ...d, what: 'veiligheidsbeoordeling' as const })),
    ...state.veiligThuis.investigations.map((d) => ({ ...d, what: 'onderzoek' as const })),
    ...state.monitorChecks.map((d) => ({ ...d, what: 'monitoring check' as const })),
  ].sort((a, b) => a.revision - b.revision);
  if (decisions.length === 0) {
    return { status: state.status === 'open' ? 'pending' : 'not-applicable', evidence: [], explanation: 'No decision has been taken yet at which the child is to be heard.' };
  }
  const heardFor = decisions.map((decision, i) => {
    const after = i === 0 ? -1 : decisions[i - 1].revision;
    const moments: readonly ChildConversationMoment[] = DECISION_MOMENTS[decision.what];
    const conversation = state.childConversations.find((c) => c.revision > after && c.revision < decision.revision && moments.includes(c.moment));
    return { decision, moments, conversation };
  });
  const lacking = heardFor.filter((h) => h.conversation === undefined);
  if (lacking.length > 0) {
    const named = lacking.map((h) => `the ${h.decision.what} of ${dateOf(h.decision.occurredAt)} (moment ${h.moments.join(' or ')})`).join('; ');
    return {
      status: 'not-met',
      evidence: lacking.map((h) => h.decision.eventId),
      explanation: `The child must be heard (or a valid reason recorded why not) at every decision moment, since the previous decision; nothing was recorded for ${named}.`,
    };
  }
  return {
    status: 'met',
    evidence: heardFor.flatMap((h) => [h.conversation!.eventId, h.decision.eventId]),
    explanation: 'Every decision was preceded, since the previous one, by a conversation with the child (or a valid reason why not) at its moment.',
  };
}
