/**
 * Domain errors carry a stable `rule` id and the HTTP `status` they answer with, so that one
 * exception filter maps them all (problem+json: rule, detail = message).
 */
export abstract class DomainError extends Error {
  abstract readonly rule: string;
  abstract readonly status: 400 | 403 | 404 | 409 | 422;
}

/** A rule of the Meldcode model says no. The message explains the norm and what to do instead. */
export class RuleViolation extends DomainError {
  constructor(
    readonly rule: string,
    message: string,
    /** 403: the principal may not take this decision (e.g. `vt.wrong-region`). */
    readonly status: 403 | 409 | 422 = 422,
  ) {
    super(message);
    this.name = 'RuleViolation';
  }
}

/** A closed case takes no command but reopen (409). */
export class CaseClosedError extends DomainError {
  readonly rule = 'case.closed';
  readonly status = 409 as const;
  constructor(readonly caseId: string) {
    super(
      'This case is closed and takes no new facts. If there is new information about the child, reopen the case first (POST /cases/:id/reopen with a reason), then record it.',
    );
    this.name = 'CaseClosedError';
  }
}

/**
 * A command other than open-case on a case that does not exist (404). The HTTP layer normally
 * answers 404 before deciding (canSee is false for a case that does not exist); this is the guard.
 */
export class CaseNotFoundError extends DomainError {
  readonly rule = 'case.not-found';
  readonly status = 404 as const;
  constructor(readonly caseId: string) {
    super(`There is no case ${caseId}. Open a case first (POST /cases).`);
    this.name = 'CaseNotFoundError';
  }
}

/** One field of a command and what is wrong with it; `field` is a dotted, indexed path (`components[0].deadline`). */
export interface FieldError {
  field: string;
  messages: string[];
}

/**
 * The command's data does not have the shape of its type (400): a field is missing, of the wrong
 * type, unknown, too long, or a date or instant that does not exist. Nothing is decided or appended.
 */
export class InvalidCommandDataError extends DomainError {
  readonly status = 400 as const;
  constructor(
    readonly errors: FieldError[],
    readonly rule: string = 'command.invalid-data',
  ) {
    super(`The request is invalid: ${errors.map((e) => `${e.field} ${e.messages.join(', ')}`).join('; ')}.`);
    this.name = 'InvalidCommandDataError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
