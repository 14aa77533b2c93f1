import { CaseEvent, CaseState, RecordedCaseEvent, evolve, initialState } from '@zicht/case-domain';
import { CommandHandler, StoredEvent, StreamFolder } from '@zicht/event-store';

/** A stored event as the domain sees it: its facts, plus who, when and which. */
export function toRecordedCaseEvent(event: StoredEvent): RecordedCaseEvent {
  return {
    ...(event as unknown as CaseEvent),
    type: event.type as CaseEvent['type'],
    data: event.data as CaseEvent['data'],
    eventId: event.metadata.eventId,
    revision: event.revision,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.metadata.recordedAt,
    actor: event.metadata.actor,
  } as RecordedCaseEvent;
}

export const caseFolder: StreamFolder<CaseState> = {
  initialState,
  evolve: (state, event) => evolve(state, toRecordedCaseEvent(event)),
};

/** The application's one command engine for case streams (shared by commands and queries). */
export class CaseStreams extends CommandHandler<CaseState> {}
