/**
 * The terugkoppeling aan de melder, after the veiligheidsbeoordeling and after the onderzoek: whether
 * a vervolgtraject started, the handover parties, and what is asked of the melder.
 */
import { CommandContext, InformMelderData } from '../commands';
import { RuleViolation } from '../errors';
import { MelderInformed } from '../events';
import { OpenCaseState } from '../state';
import { assertVeiligThuisOfMelding } from './veilig-thuis';

export function decideMelderFeedback(data: InformMelderData, state: OpenCaseState, ctx: CommandContext): MelderInformed[] {
  assertVeiligThuisOfMelding(state, ctx);
  const about = data.moment === 'na-veiligheidsbeoordeling' ? state.veiligThuis.assessments.at(-1) : state.veiligThuis.investigations.at(-1);
  if (about === undefined) {
    throw new RuleViolation(
      'vt.feedback-without-decision',
      data.moment === 'na-veiligheidsbeoordeling'
        ? 'The terugkoppeling "na-veiligheidsbeoordeling" tells the melder what the veiligheidsbeoordeling decided, and there is none yet. Record it first (POST /cases/:id/safety-assessments).'
        : 'The terugkoppeling "na-onderzoek" tells the melder what the onderzoek concluded, and none has been concluded yet. Record it first (POST /cases/:id/investigations).',
    );
  }
  return [
    {
      type: 'melder-informed',
      data: {
        moment: data.moment,
        aboutEventId: about.eventId,
        vervolgStarted: data.vervolgStarted,
        handoverParties: data.handoverParties ?? [],
        ...(data.melderRole !== undefined ? { melderRole: data.melderRole } : {}),
        ...(data.monitoringAgreements !== undefined ? { monitoringAgreements: data.monitoringAgreements } : {}),
      },
    },
  ];
}
