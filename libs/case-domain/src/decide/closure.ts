/**
 * Closing and reopening. A case closes only when no melding duty is open (step 5) and deployed
 * help is not left unmonitored (step 6), in that order.
 */
import { CloseCaseData, CommandContext, ReopenCaseData } from '../commands';
import { RuleViolation } from '../errors';
import { CaseClosed, CaseReopened } from '../events';
import { partyOf } from '../party';
import { OpenCaseState } from '../state';

export function decideClose(data: CloseCaseData, state: OpenCaseState, ctx: CommandContext): CaseClosed[] {
  if (state.meldplicht.status === 'open') {
    const cause = state.meldplicht.cause.type === 'weighed' ? 'the weighing' : 'an unsafe monitoring check';
    throw new RuleViolation(
      'closure.melding-required',
      `A melding at Veilig Thuis is mandatory in this case (${cause} of ${state.meldplicht.cause.occurredAt.slice(0, 10)}, grounds: ${state.meldplicht.grounds.join(', ')}) and none was made. ` +
        'Make the melding first (POST /cases/:id/meldingen); the case can close after that.',
    );
  }
  const hulp = state.hulp.current;
  if (hulp !== null && !monitoringSettled(state, hulp.revision, partyOf(ctx.actor).organisation)) {
    throw new RuleViolation(
      'closure.monitoring-open',
      'Help was deployed in this case and its effect is not yet known: the last monitoring check since the help is missing or not "safe". ' +
        'Record a monitoring check that finds the child safe (POST /cases/:id/monitor-checks), or hand the monitoring scope to the party that continues it ' +
        '(POST /cases/:id/responsibility), and then close.',
    );
  }
  return [{ type: 'case-closed', data: { reason: data.reason, summary: data.summary } }];
}

/** The last check since the last help was `safe`, or monitoring was since handed to another organisation. */
function monitoringSettled(state: OpenCaseState, hulpRevision: number, closingOrganisation: string): boolean {
  const checks = state.monitorChecks.filter((c) => c.revision > hulpRevision);
  if (checks.length > 0 && checks[checks.length - 1].safety === 'safe') return true;
  const timeline = state.responsibility.monitoring.timeline;
  const period = timeline[timeline.length - 1];
  return period !== undefined && period.revision > hulpRevision && period.party.organisation !== closingOrganisation;
}

export function decideReopen(data: ReopenCaseData): CaseReopened[] {
  return [{ type: 'case-reopened', data: { reason: data.reason } }];
}
