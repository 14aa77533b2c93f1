import { CaseState, evolve, initialState, recordedCaseEvent } from '@zicht/case-domain';
import { CommandHandler, StreamFolder } from '@zicht/event-store';

export const caseFolder: StreamFolder<CaseState> = {
  initialState,
  evolve: (state, event) => evolve(state, recordedCaseEvent(event)),
};

/** The application's one command engine for case streams. */
export class CaseStreams extends CommandHandler<CaseState> {}
