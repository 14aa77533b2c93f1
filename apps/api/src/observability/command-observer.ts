import { Injectable } from '@nestjs/common';
import { isDomainError } from '@zicht/case-domain';
import { ConcurrencyExhaustedError, IdempotencyKeyReusedError, PreconditionFailedError, WrongExpectedRevisionError } from '@zicht/event-store';
import { CommandOutcome, Metrics } from './metrics';
import { inSpan } from './tracing';

interface Answer {
  replayed: boolean;
  events: unknown[];
}

/** Rule ids are literal dotted names; anything else would be an unbounded label. */
const RULE_ID = /^[a-z0-9][a-z0-9.-]{0,79}$/;

export function classifyFailure(error: unknown): { outcome: CommandOutcome; rule: string } {
  if (isDomainError(error) || error instanceof IdempotencyKeyReusedError) return { outcome: 'refused', rule: RULE_ID.test(error.rule) ? error.rule : 'other' };
  if (error instanceof PreconditionFailedError || error instanceof ConcurrencyExhaustedError || error instanceof WrongExpectedRevisionError) return { outcome: 'conflict', rule: '' };
  return { outcome: 'failed', rule: '' };
}

export function classifyAnswer(answer: Answer): CommandOutcome {
  return answer.replayed ? 'replayed' : answer.events.length === 0 ? 'unchanged' : 'appended';
}

/** Counts every case command by type and outcome, and traces it as `command <type>`. */
@Injectable()
export class CommandObserver {
  constructor(private readonly metrics: Metrics) {}

  observe<T extends Answer>(command: string, work: () => Promise<T>): Promise<T> {
    return inSpan(`command ${command}`, { 'zicht.command': command }, async (span) => {
      try {
        const answer = await work();
        const outcome = classifyAnswer(answer);
        this.metrics.commands.inc({ command, outcome, rule: '' });
        span?.setAttribute('zicht.command.outcome', outcome);
        return answer;
      } catch (error) {
        const { outcome, rule } = classifyFailure(error);
        this.metrics.commands.inc({ command, outcome, rule });
        span?.setAttributes({ 'zicht.command.outcome': outcome, ...(rule ? { 'zicht.rule': rule } : {}) });
        throw error;
      }
    });
  }
}

/** The decision itself, traced as `decide` (a pure function: the span shows its share of a command). */
export function traceDecide<T>(work: () => T): T {
  return inSpan('decide', {}, work);
}
