import { CommandContext } from '../commands';
import { dateOf, instantMs } from '../dates';
import { RuleViolation } from '../errors';

/** `occurredAt` (a real instant, checked by decide first) is not after the server's `now` (in the past is fine). */
export function assertOccurredAt(ctx: CommandContext): void {
  const occurred = instantMs(ctx.occurredAt);
  if (occurred > instantMs(ctx.now)) {
    throw new RuleViolation(
      'occurred-at.in-future',
      `occurredAt ${ctx.occurredAt} lies after the server time ${ctx.now}. A fact is recorded when it has happened: send the moment it happened (in the past is fine), or leave occurredAt out.`,
    );
  }
}

/** The calendar date on which the command's fact happened. */
export function occurredOn(ctx: CommandContext): string {
  return dateOf(ctx.occurredAt);
}

export function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim().length === 0;
}
