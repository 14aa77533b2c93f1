/**
 * Step 6 (the extra step Defence for Children asked for): periodic monitoring of deployed help, or
 * Veilig Thuis' monitoring after its decision. An `unsafe` check while Veilig Thuis does not hold
 * zicht op veiligheid (help without a melding) makes a melding mandatory, ground
 * `no-lasting-safety`; the event records that decision.
 */
import { CommandContext, RecordMonitorCheckData } from '../commands';
import { addDays, compareDates } from '../dates';
import { RuleViolation } from '../errors';
import { MonitorChecked } from '../events';
import { monitoringNormOn } from '../monitoring-norm/registry';
import { OpenCaseState, findChildConversation, veiligThuisHoldsZichtOpVeiligheid } from '../state';
import { occurredOn } from './context';

export function decideMonitorCheck(data: RecordMonitorCheckData, state: OpenCaseState, ctx: CommandContext): MonitorChecked[] {
  const hulp = state.hulp.current;
  if (hulp === null && state.monitoring.since === null) {
    throw new RuleViolation(
      'monitor-check.requires-hulp',
      'A monitoring check evaluates deployed help (or Veilig Thuis\' decision after a melding), and this case has neither. Record the help first (POST /cases/:id/hulp) with its evaluation schedule. ' +
        'If you are worried about the child\'s safety now, weigh the situation again or make a melding at Veilig Thuis.',
    );
  }
  const intervalDays = hulp?.evaluation.intervalDays ?? monitoringNormOn(occurredOn(ctx)).maxIntervalDays;
  if (data.childConversationEventId !== undefined && !findChildConversation(state, data.childConversationEventId)) {
    throw new RuleViolation(
      'monitor-check.unknown-child-conversation',
      `childConversationEventId "${data.childConversationEventId}" is not a child-heard or child-not-heard event of this case. ` +
        'Record the conversation with the child first and name its eventId, or leave the field out.',
    );
  }
  const today = occurredOn(ctx);
  if (data.nextCheckDue !== undefined && compareDates(data.nextCheckDue, today) < 0) {
    throw new RuleViolation(
      'monitor-check.next-check-in-past',
      `nextCheckDue (${data.nextCheckDue}) lies before this check (${today}). Plan the next check on or after today, or leave it out to follow the interval of ${intervalDays} days.`,
    );
  }
  const withoutMelding = !(state.meldingen.length > 0 && veiligThuisHoldsZichtOpVeiligheid(state));
  return [
    {
      type: 'monitor-check',
      data: {
        safety: data.safety,
        helpEffective: data.helpEffective,
        notes: data.notes,
        ...(data.childConversationEventId !== undefined ? { childConversationEventId: data.childConversationEventId } : {}),
        nextCheckDue: data.nextCheckDue ?? addDays(today, intervalDays),
        ...(hulp !== null ? { hulpEventId: hulp.eventId } : {}),
        makesMeldingMandatory: data.safety === 'unsafe' && withoutMelding,
      },
    },
  ];
}
