/**
 * The veiligheidsbeoordeling: Veilig Thuis judges the child's safety after a melding and decides what
 * follows. One per melding; a new melding (vervolgmelding) opens a new one.
 */
import { AssessSafetyData, CommandContext } from '../commands';
import { RuleViolation } from '../errors';
import { SafetyAssessed } from '../events';
import { OpenCaseState } from '../state';
import { assertHandover, assertKnownChildConversation, assertVeiligThuisOfMelding, decisionResponsibility, firstCheckAfterDecision, monitoringOf } from './veilig-thuis';

export function decideSafetyAssessment(data: AssessSafetyData, state: OpenCaseState, ctx: CommandContext): SafetyAssessed[] {
  const melding = assertVeiligThuisOfMelding(state, ctx);
  const earlier = state.veiligThuis.assessments.find((a) => a.meldingEventId === melding.eventId);
  if (earlier !== undefined) {
    throw new RuleViolation(
      'vt.already-assessed',
      `The melding of ${melding.occurredAt.slice(0, 10)} was assessed on ${earlier.occurredAt.slice(0, 10)} (decision ${earlier.decision}); a melding has one veiligheidsbeoordeling. ` +
        'New facts after it are recorded as such (an onderzoek, safety conditions, a monitoring check); a new melding opens a new veiligheidsbeoordeling.',
    );
  }
  assertKnownChildConversation(state, data.childConversationEventId);
  assertHandover(data.decision, data.handoverTo);
  const monitoring = monitoringOf(data.monitoring);
  return [
    {
      type: 'safety-assessed',
      data: {
        meldingEventId: melding.eventId,
        urgency: data.urgency,
        safety: data.safety,
        decision: data.decision,
        ...(data.handoverTo !== undefined ? { handoverTo: { organisation: data.handoverTo.organisation, kind: data.handoverTo.kind } } : {}),
        monitoring,
        ...(data.childConversationEventId !== undefined ? { childConversationEventId: data.childConversationEventId } : {}),
        rationale: data.rationale,
        nextCheckDue: firstCheckAfterDecision(state, ctx),
        responsibilityChanges: decisionResponsibility(state, melding, monitoring, data.handoverTo),
      },
    },
  ];
}
