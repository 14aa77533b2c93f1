/**
 * decide: a command on the current state gives the events to append, or throws a DomainError.
 * Pure and deterministic: time comes in through the context (occurredAt, now). First of all the
 * command's data and the context's occurredAt must have their shape (400, schemas.ts); the events
 * carry the normalised values (instants in UTC form).
 */
import { CaseCommand, CommandContext } from './commands';
import { CaseClosedError, CaseNotFoundError, RuleViolation } from './errors';
import { CaseEvent } from './events';
import { CaseState } from './state';
import { decideMonitorCheck } from './decide/monitor-check';
import { decideChildConversation } from './decide/child-conversation';
import { decideClose, decideReopen } from './decide/closure';
import { assertOccurredAt } from './decide/context';
import { decideHulp } from './decide/hulp';
import { decideMelding } from './decide/melding';
import { decideOpenCase } from './decide/open-case';
import { decideAssignResponsibility } from './decide/responsibility';
import { decideConsultation, decideSignal } from './decide/signals';
import { decideWeighing } from './decide/weighing';
import { validateCommandData, validateOccurredAt } from './schemas';

export function decide(unchecked: CaseCommand, state: CaseState, uncheckedCtx: CommandContext): CaseEvent[] {
  const command = validateCommandData(unchecked);
  const ctx: CommandContext = { ...uncheckedCtx, occurredAt: validateOccurredAt(uncheckedCtx) };
  if (command.type === 'open-case') {
    if (state.status === 'none') assertOccurredAt(ctx);
    return decideOpenCase(command.data, state, ctx);
  }
  if (state.status === 'none') throw new CaseNotFoundError(ctx.caseId);
  if (state.status === 'closed') {
    if (command.type !== 'reopen-case') throw new CaseClosedError(ctx.caseId);
    assertOccurredAt(ctx);
    return decideReopen(command.data);
  }
  if (command.type === 'reopen-case') {
    throw new RuleViolation('case.not-closed', 'This case is open; only a closed case can be reopened. Record the new facts on the case as it is.');
  }
  assertOccurredAt(ctx);

  switch (command.type) {
    case 'record-signal':
      return decideSignal(command.data, ctx);
    case 'record-consultation':
      return decideConsultation(command.data);
    case 'record-child-conversation':
      return decideChildConversation(command.data, ctx);
    case 'record-weighing':
      return decideWeighing(command.data, state);
    case 'make-melding':
      return decideMelding(command.data, state);
    case 'deploy-hulp':
      return decideHulp(command.data, state);
    case 'record-monitor-check':
      return decideMonitorCheck(command.data, state, ctx);
    case 'assign-responsibility':
      return decideAssignResponsibility(command.data, state);
    case 'close-case':
      return decideClose(command.data, state, ctx);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${(unhandled as CaseCommand).type}`);
    }
  }
}
