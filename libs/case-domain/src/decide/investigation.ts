/**
 * The onderzoek: it follows a veiligheidsbeoordeling that decided it, and concludes only after the
 * child was heard alone by a trained Veilig Thuis interviewer during the onderzoek, or could not be
 * heard for a valid reason (the motion of 13 October 2016).
 */
import { CommandContext, CompleteInvestigationData } from '../commands';
import { RuleViolation } from '../errors';
import { InvestigationCompleted } from '../events';
import { OpenCaseState, findChildConversation } from '../state';
import { assertHandover, assertVeiligThuisOfMelding, decisionResponsibility, firstCheckAfterDecision, monitoringOf } from './veilig-thuis';

export function decideInvestigation(data: CompleteInvestigationData, state: OpenCaseState, ctx: CommandContext): InvestigationCompleted[] {
  const melding = assertVeiligThuisOfMelding(state, ctx);
  const assessment = state.veiligThuis.assessments.find((a) => a.meldingEventId === melding.eventId);
  if (assessment === undefined || assessment.decision !== 'onderzoek') {
    throw new RuleViolation(
      'vt.investigation-requires-decision',
      assessment === undefined
        ? 'An onderzoek follows the veiligheidsbeoordeling of the melding that decided it, and the current melding has none. Record the veiligheidsbeoordeling first (POST /cases/:id/safety-assessments) with decision "onderzoek".'
        : `The veiligheidsbeoordeling of the current melding decided "${assessment.decision}", not an onderzoek. An onderzoek follows a veiligheidsbeoordeling with decision "onderzoek".`,
    );
  }
  if (state.veiligThuis.investigations.some((i) => i.safetyAssessedEventId === assessment.eventId)) {
    throw new RuleViolation(
      'vt.investigation-requires-decision',
      'The onderzoek that this veiligheidsbeoordeling decided has already been concluded. Record what follows as its own facts (safety conditions, a monitoring check), or a new melding for a new veiligheidsbeoordeling.',
    );
  }
  const conversation = data.childConversationEventId === undefined ? undefined : findChildConversation(state, data.childConversationEventId);
  const heardDuringOnderzoek =
    conversation !== undefined &&
    conversation.revision > assessment.revision &&
    conversation.moment === 'onderzoek' &&
    (conversation.outcome === 'not-heard' || (conversation.heardAlone && conversation.interviewerTrained && conversation.interviewerRole === 'veilig-thuis'));
  if (!heardDuringOnderzoek) {
    throw new RuleViolation(
      'vt.investigation-child-not-heard',
      'An onderzoek concludes only after the child was heard during it: alone, by a trained Veilig Thuis interviewer (moment "onderzoek", after the veiligheidsbeoordeling that decided it), ' +
        'or, when that was truly not possible, a child-not-heard at moment "onderzoek" with a valid reason. Record that conversation and name its eventId in childConversationEventId.',
    );
  }
  assertHandover(data.decision, data.handoverTo);
  const monitoring = monitoringOf(data.monitoring);
  return [
    {
      type: 'investigation-completed',
      data: {
        safetyAssessedEventId: assessment.eventId,
        findings: (data.findings ?? []).map((f) => ({ form: f.form, outcome: f.outcome })),
        ...(data.endedEarly !== undefined ? { endedEarly: { reason: data.endedEarly.reason } } : {}),
        decision: data.decision,
        ...(data.handoverTo !== undefined ? { handoverTo: { organisation: data.handoverTo.organisation, kind: data.handoverTo.kind } } : {}),
        monitoring,
        childConversationEventId: conversation.eventId,
        rationale: data.rationale,
        nextCheckDue: firstCheckAfterDecision(state, ctx),
        responsibilityChanges: decisionResponsibility(state, melding, monitoring, data.handoverTo),
      },
    },
  ];
}
