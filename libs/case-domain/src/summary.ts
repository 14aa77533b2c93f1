/** The case summary: the answer of `GET /cases/:id`. Flags are judged against `now`. */
import { dateOf } from './dates';
import { isDeadlineOverdue, judgedAt, veiligThuisDeadlines } from './deadlines';
import { CaseNotFoundError } from './errors';
import { Subject } from './commands';
import { Party } from './party';
import { CaseState, ExistingCaseState } from './state';
import { CaseOrigin, ClosureReason, MeldplichtGround, ResponsibilityScope } from './vocabulary';

/** The furthest step the case has reached, in Meldcode order; `gesloten` when closed. */
export const CASE_STAGES = [
  'signalering',
  'consultatie',
  'gesprek',
  'weging',
  'melding',
  'veiligheidsbeoordeling',
  'onderzoek',
  'hulp',
  'monitoring',
  'gesloten',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** What falls short of the norm (or needs action now). */
export const CASE_FLAGS = [
  /** A melding is mandatory (weighing or unsafe monitoring check) and none was made since. */
  'meldplicht-open',
  /** The child was heard by someone without the 'child-interviewer' qualification. */
  'child-heard-by-untrained-interviewer',
  /** The child could not be heard and the date to try again has come, with no conversation since. */
  'child-not-heard-revisit-due',
  /** The next monitoring check of deployed help is past due. */
  'monitoring-check-overdue',
  /** A weighing, melding or help was decided without any recorded conversation with the child. */
  'decision-without-child-conversation',
  /** A veiligheidsbeoordeling, onderzoek or terugkoppeling aan de melder is past its deadline. */
  'veilig-thuis-deadline-overdue',
] as const;
export type CaseFlag = (typeof CASE_FLAGS)[number];

export interface CaseSummary {
  caseId: string;
  revision: number;
  status: 'open' | 'closed';
  stage: CaseStage;
  region: string;
  municipality: string | null;
  subject: Subject;
  origin: CaseOrigin;
  openedAt: string;
  /** occurredAt of the last event (for "newest first" lists). */
  lastEventAt: string;
  responsible: Record<ResponsibilityScope, Party | null>;
  meldplicht: {
    status: 'none' | 'open' | 'fulfilled';
    grounds: MeldplichtGround[];
    /** When the melding became mandatory. */
    since?: string;
    causeEventId?: string;
    fulfilledByEventId?: string;
  };
  /** The next monitoring check (ISO date), while help or Veilig Thuis' decision is monitored. */
  nextCheckDue: string | null;
  closure: { reason: ClosureReason; closedAt: string } | null;
  flags: CaseFlag[];
}

export function summarize(state: CaseState, now: string): CaseSummary {
  if (state.status === 'none') throw new CaseNotFoundError('(unknown)');
  const m = state.meldplicht;
  return {
    caseId: state.caseId,
    revision: state.revision,
    status: state.status,
    stage: stageOf(state),
    region: state.region,
    municipality: state.municipality ?? null,
    subject: state.subject,
    origin: state.origin,
    openedAt: state.openedAt,
    lastEventAt: state.lastOccurredAt,
    responsible: {
      'zicht-op-veiligheid': state.responsibility['zicht-op-veiligheid'].current,
      hulp: state.responsibility.hulp.current,
      monitoring: state.responsibility.monitoring.current,
    },
    meldplicht:
      m.status === 'none'
        ? { status: 'none', grounds: [] }
        : {
            status: m.status,
            grounds: m.grounds,
            since: m.cause.occurredAt,
            causeEventId: m.cause.eventId,
            ...(m.status === 'fulfilled' ? { fulfilledByEventId: m.fulfilledBy.eventId } : {}),
          },
    nextCheckDue: state.status === 'open' ? state.monitoring.nextCheckDue : null,
    closure: state.status === 'closed' ? { reason: state.closure.reason, closedAt: state.closure.occurredAt } : null,
    flags: flagsOf(state, now),
  };
}

export function stageOf(state: ExistingCaseState): CaseStage {
  if (state.status === 'closed') return 'gesloten';
  if (state.monitorChecks.length > 0) return 'monitoring';
  if (state.hulp.current !== null) return 'hulp';
  if (state.veiligThuis.investigations.length > 0) return 'onderzoek';
  if (state.veiligThuis.assessments.length > 0) return 'veiligheidsbeoordeling';
  if (state.meldingen.length > 0) return 'melding';
  if (state.weighings.length > 0) return 'weging';
  if (state.childConversations.length > 0) return 'gesprek';
  if (state.consultations.length > 0) return 'consultatie';
  return 'signalering';
}

export function flagsOf(state: ExistingCaseState, now: string): CaseFlag[] {
  const today = dateOf(now);
  const open = state.status === 'open';
  const flags: CaseFlag[] = [];
  if (state.meldplicht.status === 'open') flags.push('meldplicht-open');
  if (state.childConversations.some((c) => c.outcome === 'heard' && !c.interviewerTrained)) {
    flags.push('child-heard-by-untrained-interviewer');
  }
  const lastHeard = [...state.childConversations].reverse().find((c) => c.outcome === 'heard');
  const revisitDue = state.childConversations.some(
    (c) => c.outcome === 'not-heard' && c.revisitBy <= today && (lastHeard === undefined || lastHeard.revision < c.revision),
  );
  if (open && revisitDue) flags.push('child-not-heard-revisit-due');
  const due = state.monitoring.nextCheckDue;
  if (open && due !== null && dateOf(due) < today) flags.push('monitoring-check-overdue');
  const decided = state.weighings.length + state.meldingen.length + state.hulp.history.length > 0;
  if (decided && state.childConversations.length === 0) flags.push('decision-without-child-conversation');
  const at = judgedAt(state, now);
  if (veiligThuisDeadlines(state).some((d) => isDeadlineOverdue(d, at))) flags.push('veilig-thuis-deadline-overdue');
  return flags;
}
