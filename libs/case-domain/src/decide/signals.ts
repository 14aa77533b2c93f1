/** Steps 1 and 2: signals and consultations are facts; they are recorded, not judged. */
import { CommandContext, RecordConsultationData, RecordSignalData } from '../commands';
import { dateOf, instantMs } from '../dates';
import { RuleViolation } from '../errors';
import { ConsultationRecorded, SignalRecorded } from '../events';

export function decideSignal(data: RecordSignalData, ctx: CommandContext): SignalRecorded[] {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(data.observedAt);
  const observedLater = dateOnly ? data.observedAt > dateOf(ctx.occurredAt) : instantMs(data.observedAt) > instantMs(ctx.occurredAt);
  if (observedLater) {
    throw new RuleViolation(
      'signal.observed-after-recording',
      `The signal is said to be observed at ${data.observedAt}, after it was recorded (${ctx.occurredAt}). Record a signal once it has been observed, with the date it was observed.`,
    );
  }
  return [
    {
      type: 'signal',
      data: { category: data.category, source: data.source, description: data.description, observedAt: data.observedAt },
    },
  ];
}

export function decideConsultation(data: RecordConsultationData): ConsultationRecorded[] {
  return [{ type: 'consultation', data: { with: data.with, summary: data.summary, adviesvraag: data.with === 'veilig-thuis' } }];
}
