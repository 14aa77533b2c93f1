/**
 * Closing and reopening. A case closes only when no melding duty is open (step 5) and monitoring
 * is not left open (step 6), in that order: after the last help, safety conditions or handover, the
 * monitoring norm's minimum duration has passed and the last check found the child safe (or another
 * party continues the monitoring).
 */
import { CloseCaseData, CommandContext, ReopenCaseData } from '../commands';
import { RuleViolation } from '../errors';
import { CaseClosed, CaseReopened } from '../events';
import { addDays, dateOf } from '../dates';
import { monitoringNormOn } from '../monitoring-norm/registry';
import { partyOf } from '../party';
import { EventRef, OpenCaseState } from '../state';
import { occurredOn } from './context';

export function decideClose(data: CloseCaseData, state: OpenCaseState, ctx: CommandContext): CaseClosed[] {
  if (state.meldplicht.status === 'open') {
    const cause = state.meldplicht.cause.type === 'weighed' ? 'the weighing' : 'an unsafe monitoring check';
    throw new RuleViolation(
      'closure.melding-required',
      `A melding at Veilig Thuis is mandatory in this case (${cause} of ${state.meldplicht.cause.occurredAt.slice(0, 10)}, grounds: ${state.meldplicht.grounds.join(', ')}) and none was made. ` +
        'Make the melding first (POST /cases/:id/meldingen); the case can close after that.',
    );
  }
  const { since, durationFrom } = state.monitoring;
  if (since !== null && durationFrom !== null) {
    const norm = monitoringNormOn(dateOf(since.occurredAt));
    const closableFrom = addDays(dateOf(durationFrom.occurredAt), norm.minDurationDays);
    const settled = monitoringSettled(state, since, partyOf(ctx.actor).organisation);
    if (!settled || occurredOn(ctx) < closableFrom) {
      const problems = [
        ...(occurredOn(ctx) < closableFrom
          ? [`the monitoring norm (${norm.id} ${norm.version}) asks for at least ${norm.minDurationDays} days of monitoring after the last help, safety conditions or handover (${dateOf(durationFrom.occurredAt)}), so until ${closableFrom}`]
          : []),
        ...(settled ? [] : ['the last monitoring check since then is missing or not "safe"']),
      ];
      throw new RuleViolation(
        'closure.monitoring-open',
        `Monitoring is still open in this case: ${problems.join('; and ')}. Monitoring does not silently end: record the monitoring checks ` +
          '(POST /cases/:id/monitor-checks) until the child is found safe and the minimum duration has passed, or hand the monitoring scope to the party that continues it ' +
          '(POST /cases/:id/responsibility), and then close.',
      );
    }
  }
  return [{ type: 'case-closed', data: { reason: data.reason, summary: data.summary } }];
}

/**
 * The last check of the monitoring period was `safe`, or monitoring was explicitly handed to an
 * organisation other than the closer's (by a handover since, or by a Veilig Thuis decision that
 * handed it over).
 */
function monitoringSettled(state: OpenCaseState, since: EventRef, closingOrganisation: string): boolean {
  const checks = state.monitorChecks.filter((c) => c.revision > since.revision);
  if (checks.length > 0 && checks[checks.length - 1].safety === 'safe') return true;
  const period = state.responsibility.monitoring.timeline.at(-1);
  if (period === undefined || period.party.organisation === closingOrganisation) return false;
  const handedOverByDecision =
    period.eventId === since.eventId &&
    [...state.veiligThuis.assessments, ...state.veiligThuis.investigations].some((d) => d.eventId === since.eventId && d.monitoring.by === 'overgedragen');
  return period.revision > since.revision || handedOverByDecision;
}

export function decideReopen(data: ReopenCaseData): CaseReopened[] {
  return [{ type: 'case-reopened', data: { reason: data.reason } }];
}
