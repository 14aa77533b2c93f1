/**
 * What every Veilig Thuis decision shares: only Veilig Thuis of the melding's region records it,
 * and only after a melding; a handover names its party; monitoring stays with Veilig Thuis unless the
 * decision hands it, with a reason, to a named party; the monitoring norm sets the first check.
 */
import { CommandContext, HandoverInput, MonitoringInput } from '../commands';
import { addDays } from '../dates';
import { RuleViolation } from '../errors';
import { MonitoringDecision, ResponsibilityChange } from '../events';
import { monitoringNormOn } from '../monitoring-norm/registry';
import { Party, partyFrom, sameParty, veiligThuisParty } from '../party';
import { MeldingRecord, OpenCaseState, currentMelding, findChildConversation } from '../state';
import { isBlank, occurredOn } from './context';

/** The melding whose Veilig Thuis acts; refuses anyone else (403) and a case without a melding (422). */
export function assertVeiligThuisOfMelding(state: OpenCaseState, ctx: CommandContext): MeldingRecord {
  const melding = currentMelding(state);
  if (ctx.actor.role !== 'veilig-thuis') {
    throw new RuleViolation(
      'vt.wrong-region',
      "Only Veilig Thuis records its veiligheidsbeoordeling, onderzoek, safety conditions, terugkoppeling and notices to the gemeente. As a melder, you receive Veilig Thuis' terugkoppeling (GET /cases/:id/feedback).",
      403,
    );
  }
  if (melding === undefined) {
    throw new RuleViolation(
      'vt.requires-melding',
      'Veilig Thuis acts on a case after a melding, and this case has none. Make the melding first (POST /cases/:id/meldingen); an adviesvraag is a consultation, not a melding.',
    );
  }
  if (ctx.actor.region !== melding.region) {
    throw new RuleViolation(
      'vt.wrong-region',
      `The melding in this case went to Veilig Thuis ${melding.region}; only Veilig Thuis of that region records its decisions. Ask Veilig Thuis ${melding.region}, or make a melding to your region.`,
      403,
    );
  }
  return melding;
}

/** A named conversation with the child must be one of this case. */
export function assertKnownChildConversation(state: OpenCaseState, eventId: string | undefined): void {
  if (eventId !== undefined && findChildConversation(state, eventId) === undefined) {
    throw new RuleViolation(
      'vt.unknown-child-conversation',
      `childConversationEventId "${eventId}" is not a child-heard or child-not-heard event of this case. Record the conversation with the child first and name its eventId, or leave the field out.`,
    );
  }
}

/** `overdracht` names the party it hands over to. */
export function assertHandover(decision: string, handoverTo: HandoverInput | undefined): void {
  if (decision === 'overdracht' && handoverTo === undefined) {
    throw new RuleViolation(
      'vt.handover-requires-party',
      'A handover (overdracht) names the party that takes the case over: handoverTo with its organisation and kind (lokaal-team, bestaande-hulp, mdt, direct-betrokkenen).',
    );
  }
}

/** Veilig Thuis monitors by default; handed over, the decision names the party and why. */
export function monitoringOf(input: MonitoringInput | undefined): MonitoringDecision {
  if (input === undefined || input.by === 'veilig-thuis') return { by: 'veilig-thuis' };
  if (input.to === undefined || isBlank(input.reason)) {
    throw new RuleViolation(
      'vt.monitoring-handover-requires-reason',
      'Veilig Thuis monitors after a melding, whatever it decides, unless the dossier says to whom it hands monitoring and why: send monitoring.to.organisation and monitoring.reason, or leave monitoring out so that Veilig Thuis monitors.',
    );
  }
  return { by: 'overgedragen', to: partyFrom({ organisation: input.to.organisation }), reason: input.reason as string };
}

/** Monitoring to whoever monitors now; hulp to the party a case is handed over to. */
export function decisionResponsibility(
  state: OpenCaseState,
  melding: MeldingRecord,
  monitoring: MonitoringDecision,
  handoverTo: HandoverInput | undefined,
): ResponsibilityChange[] {
  const changes: ResponsibilityChange[] = [];
  const monitor: Party = monitoring.by === 'veilig-thuis' ? veiligThuisParty(melding.region) : monitoring.to;
  if (!sameParty(state.responsibility.monitoring.current, monitor)) changes.push({ scope: 'monitoring', to: monitor });
  if (handoverTo !== undefined) {
    const helper = partyFrom({ organisation: handoverTo.organisation });
    if (!sameParty(state.responsibility.hulp.current, helper)) changes.push({ scope: 'hulp', to: helper });
  }
  return changes;
}

/** The first check after a decision: the norm's longest interval from today, or the check already planned when earlier. */
export function firstCheckAfterDecision(state: OpenCaseState, ctx: CommandContext): string {
  const today = occurredOn(ctx);
  const byNorm = addDays(today, monitoringNormOn(today).maxIntervalDays);
  const planned = state.monitoring.nextCheckDue;
  return planned !== null && planned < byNorm ? planned : byNorm;
}
