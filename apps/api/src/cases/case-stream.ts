import { CaseState, evolve, initialState, recordedCaseEvent } from '@zicht/case-domain';
import { CommandHandler, StoredEvent, StreamFolder } from '@zicht/event-store';

export const caseFolder: StreamFolder<CaseState> = {
  initialState,
  evolve: (state, event) => evolve(state, recordedCaseEvent(event)),
};

/** The one fold of a case stream, over events whose personal fields `open` has decrypted (the command side). */
export function openedCaseFolder(open: (streamId: string, events: StoredEvent[]) => Promise<StoredEvent[]>): StreamFolder<CaseState> {
  return { ...caseFolder, prepare: open };
}

/** The application's one command engine for case streams. */
export class CaseStreams extends CommandHandler<CaseState> {}
