/**
 * Compliance: each norm of the Meldcode and of what Defence for Children asked for, judged for one
 * case as `met` / `not-met` / `pending` / `not-applicable`, with the events that prove it and a plain
 * explanation. Facts that fall short are recorded (a melding is never blocked) and shown here.
 * Pure: `now` is an argument.
 */
import { responsibilityGaps } from './accountability';
import { dateOf } from './dates';
import { ExistingCaseState } from './state';

export const COMPLIANCE_CHECK_IDS = [
  'child-heard-before-decisions',
  'child-heard-by-trained-interviewer',
  'child-not-heard-revisited',
  'melding-when-required',
  'plan-involves-child',
  'interventions-within-deadline',
  'monitoring-on-schedule',
  'responsibility-without-gaps',
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

type Judge = (state: ExistingCaseState, today: string) => Omit<ComplianceCheck, 'id'>;

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
    return {
      status: 'met',
      evidence: plans.flatMap((p) => [p.h.eventId, p.c!.eventId]),
      explanation: 'Every plan names the conversation through which the child was involved in it.',
    };
  },

  'interventions-within-deadline': (state, today) => {
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
    return {
      status: 'met',
      evidence: [current.eventId, ...checks.map((c) => c.eventId)],
      explanation: 'Every intervention deadline was reviewed by a monitoring check.',
    };
  },

  'monitoring-on-schedule': (state, today) => {
    const current = state.hulp.current;
    if (current === null) return { status: 'not-applicable', evidence: [], explanation: 'No help has been deployed, so there is nothing to monitor.' };
    const checks = state.monitorChecks.filter((c) => c.hulpEventId === current.eventId);
    const due = state.hulp.nextCheckDue;
    if (state.status === 'open' && due !== null && dateOf(due) < today) {
      return {
        status: 'not-met',
        evidence: [checks.at(-1)?.eventId ?? current.eventId],
        explanation: `The monitoring check due on ${dateOf(due)} has not been done.`,
      };
    }
    if (checks.length === 0) {
      return state.status === 'open'
        ? { status: 'pending', evidence: [current.eventId], explanation: `The first monitoring check is due on ${current.evaluation.firstCheckDue}.` }
        : { status: 'not-met', evidence: [current.eventId], explanation: 'The case was closed without any monitoring check of the help.' };
    }
    return { status: 'met', evidence: checks.map((c) => c.eventId), explanation: 'The help is monitored and no check is overdue.' };
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
};

export function compliance(state: ExistingCaseState, now: string): Compliance {
  const today = dateOf(now);
  return {
    caseId: state.caseId,
    revision: state.revision,
    asOf: now,
    checks: COMPLIANCE_CHECK_IDS.map((id) => ({ id, ...JUDGES[id](state, today) })),
  };
}
