/**
 * given/when/then for the case decider:
 *
 *   given(caseOpened(), signalRecorded()).when(commands.recordWeighing(), aContext()).then([...]);
 *   given(caseOpened()).when(commands.recordWeighing()).thenThrows('weighing.requires-signal');
 *   given(caseOpened()).when(commands.makeMelding()).thenState((s) => ...);
 *
 * Given events without metadata get revision = position, eventId `event-<revision>`, an actor (the
 * default professional), and occurredAt one minute apart on the day before the default command
 * moment. Use `withMeta(event, {...})` to set any of them.
 */
import {
  CaseCommand,
  CaseEvent,
  CaseState,
  CommandContext,
  DomainError,
  InvalidCommandDataError,
  RecordedCaseEvent,
  RecordedEventMetadata,
  decide,
  foldEvents,
} from '@zicht/case-domain';
import { aContext, aProfessional } from './fixtures';

export type GivenEvent = CaseEvent & Partial<RecordedEventMetadata>;

const GIVEN_BASE_MS = Date.parse('2026-11-01T08:00:00.000Z');

/** An event with (some of) its metadata set. */
export function withMeta<E extends CaseEvent>(event: E, meta: Partial<RecordedEventMetadata>): E & Partial<RecordedEventMetadata> {
  return { ...event, ...meta };
}

/** Completes the metadata of given events, revisions from 0. */
export function recordAll(events: readonly GivenEvent[], firstRevision = 0): RecordedCaseEvent[] {
  return events.map((event, i) => {
    const revision = event.revision ?? firstRevision + i;
    const occurredAt = event.occurredAt ?? new Date(GIVEN_BASE_MS + revision * 60_000).toISOString();
    const professional = aProfessional();
    return {
      ...event,
      eventId: event.eventId ?? `event-${revision}`,
      revision,
      occurredAt,
      recordedAt: event.recordedAt ?? occurredAt,
      actor: event.actor ?? { id: professional.id, role: professional.role, organisation: professional.organisation },
    } as RecordedCaseEvent;
  });
}

/** The state after the given events. */
export function stateOf(...events: GivenEvent[]): CaseState {
  return foldEvents(recordAll(events));
}

export interface WhenResult {
  /** The events decide returned, compared with toEqual. Returns them. */
  then(expected: CaseEvent[] | ((events: CaseEvent[]) => void)): CaseEvent[];
  /** decide refused with this rule. Returns the error for further checks (message, status). */
  thenThrows(rule: string): DomainError;
  /** decide refused the command's data (400) naming exactly these fields (dotted, indexed paths). */
  thenInvalid(...fields: string[]): InvalidCommandDataError;
  /** The state after the given events and the decided ones (recorded at ctx.occurredAt by ctx.actor). */
  thenState(check: (state: CaseState, events: RecordedCaseEvent[]) => void): CaseState;
}

export interface Given {
  readonly events: RecordedCaseEvent[];
  state(): CaseState;
  when(command: CaseCommand, ctx?: Partial<CommandContext>): WhenResult;
}

export function given(...events: GivenEvent[]): Given {
  const recorded = recordAll(events);
  const state = (): CaseState => foldEvents(recorded);
  return {
    events: recorded,
    state,
    when(command, ctxOverrides = {}) {
      const ctx = aContext(ctxOverrides);
      const run = (): CaseEvent[] => decide(command, state(), ctx);
      return {
        then(expected) {
          const produced = run();
          if (typeof expected === 'function') expected(produced);
          else expect(produced).toEqual(expected);
          return produced;
        },
        thenThrows(rule) {
          let produced: CaseEvent[] | undefined;
          try {
            produced = run();
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            expect({ rule: error.rule, message: error.message }).toEqual({ rule, message: expect.any(String) });
            return error;
          }
          throw new Error(`expected rule ${rule} to refuse ${command.type}, but decide returned ${JSON.stringify(produced.map((e) => e.type))}`);
        },
        thenInvalid(...fields) {
          let produced: CaseEvent[] | undefined;
          try {
            produced = run();
          } catch (error) {
            if (!(error instanceof InvalidCommandDataError)) throw error;
            expect({ status: error.status, fields: error.errors.map((e) => e.field).sort() }).toEqual({ status: 400, fields: [...fields].sort() });
            return error;
          }
          throw new Error(`expected ${command.type} to be refused as invalid (${fields.join(', ')}), but decide returned ${JSON.stringify(produced.map((e) => e.type))}`);
        },
        thenState(check) {
          const produced = run();
          const next = recordAll(
            produced.map((e) =>
              withMeta(e, {
                occurredAt: ctx.occurredAt,
                actor: { id: ctx.actor.id, role: ctx.actor.role, organisation: ctx.actor.organisation, ...(ctx.actor.region ? { region: ctx.actor.region } : {}) },
              }),
            ),
            recorded.length,
          );
          const after = foldEvents([...recorded, ...next]);
          check(after, next);
          return after;
        },
      };
    },
  };
}
