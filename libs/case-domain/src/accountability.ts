/**
 * The four questions of the UN Committee on the Rights of the Child (General Comment 13, par. 53),
 * answered from a case's state: (a) who is responsible, (b) the plan, (c) the interventions with
 * their deadlines and duration, (d) how and when the help is evaluated. Pure: `now` is an argument,
 * so "overdue" is judged at query time and nothing stored goes stale.
 */
import { addDays, dateOf } from './dates';
import { Party } from './party';
import { ChildConversationRecord, ExistingCaseState, HulpRecord, ResponsibilityPeriod } from './state';
import { ChildConversationMoment, HulpDecider, HulpMode, MonitorSafety, RESPONSIBILITY_SCOPES, ResponsibilityScope } from './vocabulary';

export interface ResponsibilityEntry extends Omit<ResponsibilityPeriod, 'revision'> {
  scope: ResponsibilityScope;
}

/** A stretch of time in which a scope that had to be held was held by nobody. */
export interface ResponsibilityGap {
  scope: ResponsibilityScope;
  from: string;
  /** null: the gap is still open. */
  until: string | null;
}

/** How the child took part in a decision, without the conversation's free text. */
export interface ChildInvolvement {
  eventId: string;
  type: 'child-heard' | 'child-not-heard';
  moment: ChildConversationMoment;
  occurredAt: string;
  heardAlone?: boolean;
  interviewerTrained?: boolean;
  reason?: string;
  revisitBy?: string;
}

export interface Intervention {
  hulpEventId: string;
  kind: string;
  provider: string;
  startsOn: string;
  deadline: string;
  intendedDurationWeeks: number;
  /** startsOn plus the intended duration. */
  endsOn: string;
  status: 'not-started' | 'in-progress' | 'past-deadline';
  /** The first monitoring check on or after the deadline, which reviewed it; null while none. */
  reviewedByEventId: string | null;
  /** The deadline has passed, the case is open and no monitoring check has reviewed it since. */
  overdue: boolean;
}

export interface EvaluationCheck {
  eventId: string;
  occurredAt: string;
  safety: MonitorSafety;
  helpEffective: boolean;
  /** The date the check was due when it was done, and whether it was done by then. */
  wasDue: string;
  onTime: boolean;
  childConversationEventId: string | null;
  nextCheckDue: string;
}

export interface Accountability {
  caseId: string;
  revision: number;
  status: 'open' | 'closed';
  asOf: string;
  /** (a) who is responsible for the child, per scope, from the signal to the last follow-up. */
  responsible: {
    current: Record<ResponsibilityScope, Party | null>;
    timeline: ResponsibilityEntry[];
    gaps: ResponsibilityGap[];
  };
  /** (b) the plan in force, and how the child and others were involved. */
  plan: {
    hulpEventId: string;
    mode: HulpMode;
    decidedBy: HulpDecider;
    decidedAt: string;
    responsible: Party;
    aims: string[];
    discussedWith: string[];
    childInvolvement: ChildInvolvement | null;
    /** Plans this one replaced ("voortzetten"), oldest first. */
    earlier: Array<{ hulpEventId: string; mode: HulpMode; decidedBy: HulpDecider; decidedAt: string }>;
  } | null;
  /** Every conversation with the child (or attempt), oldest first. */
  childConversations: ChildInvolvement[];
  /** (c) the interventions of the plan in force. */
  interventions: Intervention[];
  /** (d) how and when the help is evaluated and monitored. */
  evaluation: {
    hulpEventId: string;
    method: string;
    intervalDays: number;
    firstCheckDue: string;
    checks: EvaluationCheck[];
    /** null once the case is closed. */
    nextCheckDue: string | null;
    overdue: boolean;
    monitoringHeldBy: Party | null;
  } | null;
}

export function accountability(state: ExistingCaseState, now: string): Accountability {
  const today = dateOf(now);
  const open = state.status === 'open';
  const current = state.hulp.current;
  return {
    caseId: state.caseId,
    revision: state.revision,
    status: state.status,
    asOf: now,
    responsible: {
      current: {
        'zicht-op-veiligheid': state.responsibility['zicht-op-veiligheid'].current,
        hulp: state.responsibility.hulp.current,
        monitoring: state.responsibility.monitoring.current,
      },
      timeline: RESPONSIBILITY_SCOPES.flatMap((scope) =>
        state.responsibility[scope].timeline.map(({ revision: _r, ...period }) => ({ scope, ...period })),
      ),
      gaps: responsibilityGaps(state),
    },
    plan: current === null ? null : planOf(state, current),
    childConversations: state.childConversations.map(involvementOf),
    interventions: current === null ? [] : interventionsOf(state, current, today),
    evaluation:
      current === null
        ? null
        : {
            hulpEventId: current.eventId,
            method: current.evaluation.method,
            intervalDays: current.evaluation.intervalDays,
            firstCheckDue: current.evaluation.firstCheckDue,
            checks: checksOf(state, current),
            nextCheckDue: open ? state.hulp.nextCheckDue : null,
            overdue: open && state.hulp.nextCheckDue !== null && dateOf(state.hulp.nextCheckDue) < today,
            monitoringHeldBy: state.responsibility.monitoring.current,
          },
  };
}

/**
 * Where nobody held a scope that had to be held: zicht op veiligheid from the opening, hulp and
 * monitoring from the first help; until the case was closed (or now, while it is open).
 */
export function responsibilityGaps(state: ExistingCaseState): ResponsibilityGap[] {
  const end = state.status === 'closed' ? state.closure.occurredAt : null;
  const firstHulp = state.hulp.history[0]?.occurredAt ?? null;
  const gaps: ResponsibilityGap[] = [];
  for (const scope of RESPONSIBILITY_SCOPES) {
    const requiredFrom = scope === 'zicht-op-veiligheid' ? state.openedAt : firstHulp;
    if (requiredFrom === null) continue;
    const periods = [...state.responsibility[scope].timeline].sort((a, b) => ms(a.from) - ms(b.from));
    let coveredUntil: string | null = requiredFrom; // null: covered to the end
    for (const period of periods) {
      if (coveredUntil === null) break;
      if (ms(period.from) > ms(coveredUntil) && (end === null || ms(coveredUntil) < ms(end))) {
        gaps.push({ scope, from: coveredUntil, until: end !== null && ms(end) < ms(period.from) ? end : period.from });
      }
      if (period.until === null) coveredUntil = null;
      else if (ms(period.until) > ms(coveredUntil)) coveredUntil = period.until;
    }
    if (coveredUntil !== null && (end === null || ms(coveredUntil) < ms(end))) gaps.push({ scope, from: coveredUntil, until: end });
  }
  return gaps;
}

function planOf(state: ExistingCaseState, current: HulpRecord): NonNullable<Accountability['plan']> {
  const conversation = state.childConversations.find((c) => c.eventId === current.plan.childConversationEventId);
  return {
    hulpEventId: current.eventId,
    mode: current.mode,
    decidedBy: current.decidedBy,
    decidedAt: current.occurredAt,
    responsible: current.responsible,
    aims: current.plan.aims,
    discussedWith: current.plan.discussedWith,
    childInvolvement: conversation ? involvementOf(conversation) : null,
    earlier: state.hulp.history
      .filter((h) => h.eventId !== current.eventId)
      .map((h) => ({ hulpEventId: h.eventId, mode: h.mode, decidedBy: h.decidedBy, decidedAt: h.occurredAt })),
  };
}

function involvementOf(c: ChildConversationRecord): ChildInvolvement {
  return c.outcome === 'heard'
    ? { eventId: c.eventId, type: 'child-heard', moment: c.moment, occurredAt: c.occurredAt, heardAlone: c.heardAlone, interviewerTrained: c.interviewerTrained }
    : { eventId: c.eventId, type: 'child-not-heard', moment: c.moment, occurredAt: c.occurredAt, reason: c.reason, revisitBy: c.revisitBy };
}

function interventionsOf(state: ExistingCaseState, current: HulpRecord, today: string): Intervention[] {
  const checks = checksSince(state, current);
  return current.components.map((component) => {
    const reviewedBy = checks.find((check) => dateOf(check.occurredAt) >= component.deadline) ?? null;
    const pastDeadline = component.deadline < today;
    return {
      hulpEventId: current.eventId,
      kind: component.kind,
      provider: component.provider,
      startsOn: component.startsOn,
      deadline: component.deadline,
      intendedDurationWeeks: component.intendedDurationWeeks,
      endsOn: addDays(component.startsOn, component.intendedDurationWeeks * 7),
      status: pastDeadline ? 'past-deadline' : component.startsOn > today ? 'not-started' : 'in-progress',
      reviewedByEventId: reviewedBy?.eventId ?? null,
      overdue: state.status === 'open' && pastDeadline && reviewedBy === null,
    };
  });
}

/** The monitoring checks of the plan in force. */
function checksSince(state: ExistingCaseState, current: HulpRecord) {
  return state.monitorChecks.filter((check) => check.hulpEventId === current.eventId);
}

function checksOf(state: ExistingCaseState, current: HulpRecord): EvaluationCheck[] {
  let due = current.evaluation.firstCheckDue;
  return checksSince(state, current).map((check) => {
    const entry: EvaluationCheck = {
      eventId: check.eventId,
      occurredAt: check.occurredAt,
      safety: check.safety,
      helpEffective: check.helpEffective,
      wasDue: due,
      onTime: dateOf(check.occurredAt) <= due,
      childConversationEventId: check.childConversationEventId ?? null,
      nextCheckDue: check.nextCheckDue,
    };
    due = check.nextCheckDue;
    return entry;
  });
}

const ms = (instant: string) => Date.parse(instant);
