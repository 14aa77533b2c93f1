/**
 * The time-bound obligations of an open case, for the worklist: monitoring checks, intervention and
 * condition deadlines, open melding duties, children to try again to hear, and Veilig Thuis'
 * deadlines (veiligheidsbeoordeling, onderzoek, terugkoppeling aan de melder) and notices to the
 * gemeente. They depend on the events only (never on the clock), so a read model can store them;
 * whether one is overdue, and how many working days are left, is judged at query time with
 * `isOverdue` and `workingDaysLeft`. No personal data: codes, dates, event ids and organisations only.
 */
import { veiligThuisDeadlines, workingDaysUntil } from './deadlines';
import { endOfAmsterdamDay, amsterdamDate } from './calendar/working-days';
import { addDays, dateOf } from './dates';
import { Party, veiligThuisParty } from './party';
import { ExistingCaseState, currentMelding, monitoringTakenOverFromVeiligThuis } from './state';
import { ResponsibilityScope } from './vocabulary';

export const DUE_ITEM_KINDS = [
  'monitor-check',
  'intervention-deadline',
  'melding-duty',
  'child-revisit',
  'veiligheidsbeoordeling',
  'onderzoek',
  'melder-feedback',
  'condition-deadline',
  'inform-gemeente',
] as const;
export type DueItemKind = (typeof DUE_ITEM_KINDS)[number];

export interface DueItem {
  kind: DueItemKind;
  /** ISO date: overdue from the day after (for Veilig Thuis' deadlines: the day of dueAt in Amsterdam). */
  dueDate: string;
  /** Veilig Thuis' deadlines: the last moment that is on time (an instant); overdue after it. */
  dueAt?: string;
  caseId: string;
  /** The event that created the obligation. */
  refEventId: string;
  /** The scope whose holder has to act. */
  scope: ResponsibilityScope;
  /** Who has to act (the holder of `scope`, without the professional's name); null when nobody holds it. */
  holder: Omit<Party, 'professional'> | null;
  /** What is due, in words; never a child's data or free text. */
  description: string;
}

const DEADLINE_WORDS = {
  veiligheidsbeoordeling: 'Veiligheidsbeoordeling of the melding recorded on',
  onderzoek: 'Onderzoek decided by the veiligheidsbeoordeling recorded on',
  'melder-feedback': 'Terugkoppeling aan de melder about the decision recorded on',
} as const;

export function dueItems(state: ExistingCaseState): DueItem[] {
  if (state.status !== 'open') return [];
  const items: DueItem[] = [];
  const holder = (scope: ResponsibilityScope) => {
    const party = state.responsibility[scope].current;
    if (party === null) return null;
    const { professional: _name, ...withoutName } = party; // a name is personal data
    return withoutName;
  };
  const base = (scope: ResponsibilityScope) => ({ caseId: state.caseId, scope, holder: holder(scope) });

  const duty = state.meldplicht;
  if (duty.status === 'open') {
    items.push({
      kind: 'melding-duty',
      dueDate: dateOf(duty.cause.occurredAt),
      refEventId: duty.cause.eventId,
      ...base('zicht-op-veiligheid'),
      description: `A melding at Veilig Thuis is mandatory (${duty.grounds.join(', ')}) since ${dateOf(duty.cause.occurredAt)}`,
    });
  }

  const { since, nextCheckDue } = state.monitoring;
  if (since !== null && nextCheckDue !== null) {
    const lastCheck = state.monitorChecks.filter((check) => check.revision > since.revision).at(-1);
    const plan = state.hulp.current;
    items.push({
      kind: 'monitor-check',
      dueDate: nextCheckDue,
      refEventId: lastCheck?.eventId ?? since.eventId,
      ...base('monitoring'),
      description:
        since.via === 'hulp-ingezet' && plan !== null
          ? `Monitoring check (${plan.evaluation.method}) of the help deployed on ${dateOf(plan.occurredAt)}`
          : `Monitoring check after the ${since.via} of ${dateOf(since.occurredAt)}`,
    });
    const missed = informGemeente(state, nextCheckDue);
    if (missed !== null) items.push(missed);
  }

  const current = state.hulp.current;
  if (current !== null) {
    const checks = state.monitorChecks.filter((check) => check.hulpEventId === current.eventId);
    for (const component of current.components) {
      const reviewed = checks.some((check) => dateOf(check.occurredAt) >= component.deadline);
      if (reviewed) continue;
      items.push({
        kind: 'intervention-deadline',
        dueDate: component.deadline,
        refEventId: current.eventId,
        ...base('hulp'),
        description: `Deadline of the intervention ${component.kind} by ${component.provider}; a monitoring check on or after it reviews it`,
      });
    }
  }

  const lastHeard = state.childConversations.filter((c) => c.outcome === 'heard').at(-1);
  for (const conversation of state.childConversations) {
    if (conversation.outcome !== 'not-heard') continue;
    if (lastHeard !== undefined && lastHeard.revision > conversation.revision) continue;
    items.push({
      kind: 'child-revisit',
      dueDate: conversation.revisitBy,
      refEventId: conversation.eventId,
      ...base('zicht-op-veiligheid'),
      description: `Try again to hear the child (not heard at ${conversation.moment}: ${conversation.reason})`,
    });
  }

  const conditions = state.veiligThuis.conditions.at(-1);
  for (const condition of conditions?.conditions ?? []) {
    if (conditions === undefined || state.monitorChecks.some((check) => check.revision > conditions.revision && dateOf(check.occurredAt) >= condition.deadline)) continue;
    items.push({
      kind: 'condition-deadline',
      dueDate: condition.deadline,
      refEventId: conditions.eventId,
      ...base('monitoring'),
      description: `Deadline of a safety condition set on ${dateOf(conditions.occurredAt)}; a monitoring check on or after it reviews it`,
    });
  }

  for (const deadline of veiligThuisDeadlines(state)) {
    if (deadline.doneAt !== null) continue;
    items.push({
      kind: deadline.kind,
      dueDate: amsterdamDate(deadline.dueAt),
      dueAt: deadline.dueAt,
      refEventId: deadline.fromEventId,
      caseId: state.caseId,
      scope: 'zicht-op-veiligheid',
      holder: veiligThuisParty(deadline.region),
      description: `${DEADLINE_WORDS[deadline.kind]} ${amsterdamDate(deadline.from)} (${deadline.term})`,
    });
  }

  return items.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}

/**
 * When a party that took monitoring over from Veilig Thuis misses its check, Veilig Thuis informs the
 * gemeente: due the day after the missed check, until a gemeente-informed recorded after it.
 */
function informGemeente(state: ExistingCaseState, nextCheckDue: string): DueItem | null {
  const melding = currentMelding(state);
  const period = state.responsibility.monitoring.timeline.at(-1);
  if (melding === undefined || period === undefined || !monitoringTakenOverFromVeiligThuis(state)) return null;
  if (state.veiligThuis.gemeenteNotices.some((n) => dateOf(n.occurredAt) > nextCheckDue)) return null;
  return {
    kind: 'inform-gemeente',
    dueDate: addDays(nextCheckDue, 1),
    refEventId: period.eventId,
    caseId: state.caseId,
    scope: 'zicht-op-veiligheid',
    holder: veiligThuisParty(melding.region),
    description: `If ${period.party.organisation}, which took monitoring over, has not done the check due on ${nextCheckDue}: inform the gemeente (POST /cases/:id/gemeente-notices)`,
  };
}

/** Overdue: past `dueAt` when the item has one, otherwise the due date has passed (as a calendar date against `now`). */
export function isOverdue(item: Pick<DueItem, 'dueDate' | 'dueAt'>, now: string): boolean {
  if (item.dueAt !== undefined) return Date.parse(now) > Date.parse(item.dueAt);
  return dateOf(item.dueDate) < dateOf(now);
}

/** Working days (Amsterdam) from today to the due day: 0 on the day itself, negative once it has passed. */
export function workingDaysLeft(item: Pick<DueItem, 'dueDate' | 'dueAt'>, now: string): number {
  return workingDaysUntil(item.dueAt ?? endOfAmsterdamDay(item.dueDate), now);
}
