import { CaseEvent, RecordedCaseEvent } from './events';

/** A stored event as any event store holds it (structurally; the domain imports no store). */
export interface StoredCaseEventLike {
  type: string;
  data: unknown;
  revision: number;
  metadata: { eventId: string; occurredAt: string; recordedAt: string; actor: RecordedCaseEvent['actor'] };
}

/** A stored event as the domain sees it: its facts, plus who, when and which. */
export function recordedCaseEvent(event: StoredCaseEventLike): RecordedCaseEvent {
  return {
    type: event.type as CaseEvent['type'],
    data: event.data as CaseEvent['data'],
    eventId: event.metadata.eventId,
    revision: event.revision,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.metadata.recordedAt,
    actor: event.metadata.actor,
  } as RecordedCaseEvent;
}
