/**
 * The time-bound obligations of an open case, for the worklist: monitoring checks, intervention
 * deadlines, open melding duties and children to try again to hear. They depend on the events only
 * (never on the clock), so a read model can store them; whether one is overdue is judged at query
 * time with `isOverdue`. No personal data: codes, dates, event ids and organisations only.
 */
import { dateOf } from './dates';
import { Party } from './party';
import { ExistingCaseState } from './state';
import { ResponsibilityScope } from './vocabulary';

export const DUE_ITEM_KINDS = ['monitor-check', 'intervention-deadline', 'melding-duty', 'child-revisit'] as const;
export type DueItemKind = (typeof DUE_ITEM_KINDS)[number];

export interface DueItem {
  kind: DueItemKind;
  /** ISO date: overdue from the day after. */
  dueDate: string;
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

  const current = state.hulp.current;
  if (current !== null) {
    const checks = state.monitorChecks.filter((check) => check.hulpEventId === current.eventId);
    const lastCheck = checks[checks.length - 1];
    if (state.hulp.nextCheckDue !== null) {
      items.push({
        kind: 'monitor-check',
        dueDate: state.hulp.nextCheckDue,
        refEventId: lastCheck?.eventId ?? current.eventId,
        ...base('monitoring'),
        description: `Monitoring check (${current.evaluation.method}) of the help deployed on ${dateOf(current.occurredAt)}`,
      });
    }
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

  return items.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}

/** Overdue: the due date has passed (judged as a calendar date against `now`). */
export function isOverdue(item: Pick<DueItem, 'dueDate'>, now: string): boolean {
  return dateOf(item.dueDate) < dateOf(now);
}
