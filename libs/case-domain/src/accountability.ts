/**
 * The four questions of the UN Committee on the Rights of the Child (General Comment 13, par. 53),
 * answered from a case's state: (a) who is responsible, (b) the plan, (c) the interventions with
 * their deadlines and duration, (d) how and when the help is evaluated. Pure: `now` is an argument,
 * so "overdue" is judged at query time and nothing stored goes stale.
 */
import { addDays, dateOf } from './dates';
import { isDeadlineOverdue, judgedAt, metOnTime, veiligThuisDeadlines } from './deadlines';
import { MonitoringNormRef, monitoringNormOn, normRef } from './monitoring-norm/registry';
import { Party, veiligThuisParty } from './party';
import { ChildConversationRecord, ExistingCaseState, HulpRecord, MonitoringStart, ResponsibilityPeriod, monitoringTakenOverFromVeiligThuis } from './state';
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

/** A component of the plan in force. */
export interface Intervention {
  type: 'hulp';
  hulpEventId: string;
  kind: string;
  provider: string;
  startsOn: string;
  deadline: string;
  intendedDurationWeeks: number;
  /** startsOn plus the intended duration. */
  endsOn: string;
  /** The start plus the intended duration runs past the component's own deadline. */
  runsPastDeadline: boolean;
  status: 'not-started' | 'in-progress' | 'past-deadline';
  /** The first monitoring check on or after the deadline, which reviewed it; null while none. */
  reviewedByEventId: string | null;
  /** The deadline has passed (as of now, or of the closure) and no monitoring check has reviewed it since. */
  overdue: boolean;
}

/** A statutory deadline of Veilig Thuis: the veiligheidsbeoordeling of a melding, the onderzoek it decided. */
export interface VeiligThuisIntervention {
  type: 'veilig-thuis';
  kind: 'veiligheidsbeoordeling' | 'onderzoek';
  /** Veilig Thuis of the region. */
  provider: string;
  /** The melding (or the veiligheidsbeoordeling) the term runs from, and when it was recorded. */
  fromEventId: string;
  startsAt: string;
  term: '24-uur' | '5-werkdagen' | '10-weken';
  /** The last moment that is on time (an instant, Europe/Amsterdam working days). */
  deadline: string;
  /** When the event that met it was recorded; null while open. */
  doneAt: string | null;
  doneByEventId: string | null;
  /** null while open. */
  onTime: boolean | null;
  /** Past its deadline and not done, as of now (or of the closure). */
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
  /** (c) the interventions of the plan in force, and Veilig Thuis' deadlines. */
  interventions: Array<Intervention | VeiligThuisIntervention>;
  /** (d) how and when the help (or Veilig Thuis' decision) is evaluated and monitored, and under which norm. */
  evaluation: {
    /** The plan whose help is monitored; null when Veilig Thuis monitors its decision without help. */
    hulpEventId: string | null;
    /** What began the monitoring period: the last help, safety conditions or Veilig Thuis decision. */
    startedBy: { eventId: string; type: Exclude<MonitoringStart, 'responsibility-assigned'>; occurredAt: string };
    /** The plan's method; null without help. */
    method: string | null;
    /** The plan's interval, or the norm's longest one. */
    intervalDays: number;
    firstCheckDue: string;
    checks: EvaluationCheck[];
    /** null once the case is closed. */
    nextCheckDue: string | null;
    overdue: boolean;
    monitoringHeldBy: Party | null;
    /** Veilig Thuis itself, a party Veilig Thuis handed monitoring to, or (without Veilig Thuis) the party that holds it. */
    monitoredBy: 'veilig-thuis' | 'overgedragen' | 'other';
    /** The monitoring norm in force, and the earliest date monitoring may end under it. */
    norm: MonitoringNormRef;
    minimumUntil: string;
  } | null;
}

export function accountability(state: ExistingCaseState, now: string): Accountability {
  const at = judgedAt(state, now);
  const today = dateOf(at);
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
    interventions: [...(current === null ? [] : interventionsOf(state, current, today)), ...veiligThuisInterventions(state, at)],
    evaluation: evaluationOf(state, today),
  };
}

function veiligThuisInterventions(state: ExistingCaseState, at: string): VeiligThuisIntervention[] {
  return veiligThuisDeadlines(state).flatMap((d) =>
    d.kind === 'melder-feedback'
      ? []
      : [
          {
            type: 'veilig-thuis',
            kind: d.kind,
            provider: veiligThuisParty(d.region).organisation,
            fromEventId: d.fromEventId,
            startsAt: d.from,
            term: d.term,
            deadline: d.dueAt,
            doneAt: d.doneAt,
            doneByEventId: d.doneByEventId,
            onTime: metOnTime(d),
            overdue: isDeadlineOverdue(d, at),
          },
        ],
  );
}

function evaluationOf(state: ExistingCaseState, today: string): Accountability['evaluation'] {
  const { since, durationFrom, firstCheckDue, nextCheckDue } = state.monitoring;
  if (since === null || durationFrom === null || firstCheckDue === null) return null;
  const open = state.status === 'open';
  const plan = state.hulp.current;
  const norm = monitoringNormOn(dateOf(since.occurredAt));
  const held = state.responsibility.monitoring.current;
  return {
    hulpEventId: plan?.eventId ?? null,
    startedBy: { eventId: since.eventId, type: since.via, occurredAt: since.occurredAt },
    method: plan?.evaluation.method ?? null,
    intervalDays: plan?.evaluation.intervalDays ?? norm.maxIntervalDays,
    firstCheckDue,
    checks: checksOf(state, since.revision, firstCheckDue),
    nextCheckDue: open ? nextCheckDue : null,
    overdue: open && nextCheckDue !== null && dateOf(nextCheckDue) < today,
    monitoringHeldBy: held,
    monitoredBy: held?.veiligThuisRegion !== undefined ? 'veilig-thuis' : monitoringTakenOverFromVeiligThuis(state) ? 'overgedragen' : 'other',
    norm: normRef(norm),
    minimumUntil: addDays(dateOf(durationFrom.occurredAt), norm.minDurationDays),
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
  const checks = state.monitorChecks.filter((check) => check.hulpEventId === current.eventId);
  return current.components.map((component) => {
    const reviewedBy = checks.find((check) => dateOf(check.occurredAt) >= component.deadline) ?? null;
    const pastDeadline = component.deadline < today;
    const endsOn = addDays(component.startsOn, component.intendedDurationWeeks * 7);
    return {
      type: 'hulp',
      hulpEventId: current.eventId,
      kind: component.kind,
      provider: component.provider,
      startsOn: component.startsOn,
      deadline: component.deadline,
      intendedDurationWeeks: component.intendedDurationWeeks,
      endsOn,
      runsPastDeadline: endsOn > component.deadline,
      status: pastDeadline ? 'past-deadline' : component.startsOn > today ? 'not-started' : 'in-progress',
      reviewedByEventId: reviewedBy?.eventId ?? null,
      overdue: pastDeadline && reviewedBy === null,
    };
  });
}

/** The monitoring checks of the current period (since its help, safety conditions or decision). */
function checksOf(state: ExistingCaseState, sinceRevision: number, firstCheckDue: string): EvaluationCheck[] {
  let due = firstCheckDue;
  return state.monitorChecks
    .filter((check) => check.revision > sinceRevision)
    .map((check) => {
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
