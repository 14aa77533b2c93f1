/**
 * The terugkoppeling aan de melder as the melder reads it (GET /cases/:id/feedback): what Veilig
 * Thuis told the melder after the veiligheidsbeoordeling and after the onderzoek, newest first.
 */
import { ExistingCaseState } from './state';
import { FeedbackMoment } from './vocabulary';

export interface MelderFeedback {
  eventId: string;
  occurredAt: string;
  recordedAt: string;
  moment: FeedbackMoment;
  /** The decision it is about (a safety-assessed or investigation-completed event). */
  aboutEventId: string;
  vervolgStarted: boolean;
  handoverParties: string[];
  melderRole: string | null;
  monitoringAgreements: string | null;
}

export interface Feedback {
  caseId: string;
  revision: number;
  feedback: MelderFeedback[];
}

export function feedback(state: ExistingCaseState): Feedback {
  return {
    caseId: state.caseId,
    revision: state.revision,
    feedback: [...state.veiligThuis.melderFeedback].reverse().map((f) => ({
      eventId: f.eventId,
      occurredAt: f.occurredAt,
      recordedAt: f.recordedAt,
      moment: f.moment,
      aboutEventId: f.aboutEventId,
      vervolgStarted: f.vervolgStarted,
      handoverParties: f.handoverParties,
      melderRole: f.melderRole ?? null,
      monitoringAgreements: f.monitoringAgreements ?? null,
    })),
  };
}
