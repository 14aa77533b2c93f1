import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, InvalidCommandDataError } from '@zicht/case-domain';
import {
  ConcurrencyExhaustedError,
  EventStoreUnavailableError,
  IdempotencyKeyReusedError,
  PreconditionFailedError,
} from '@zicht/event-store';
import { InvalidCursorError } from '@zicht/projections';
import { CaseRecordBrokenError } from '../inspection/case-record';
import { ErasureBlockedError } from '../privacy/erasure-blocked';
import { NotLeadingError } from '../read-models/projector-role';

/** RFC 9457 problem details, as the contract describes them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  rule?: string;
  errors?: { field: string; messages: string[] }[];
  currentRevision?: number | null;
  /** The first revision of a case record that does not verify (409 integrity.record-broken). */
  firstInvalidRevision?: number;
  /** Seconds (429); also sent as the Retry-After header. */
  retryAfter?: number;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A request that is malformed: the fields and what is wrong with each (HTTP 400). */
export class InvalidRequestError extends Error {
  constructor(readonly errors: { field: string; messages: string[] }[], detail = 'The request is invalid; see errors for each field.') {
    super(detail);
    this.name = 'InvalidRequestError';
  }
}

/** Too many requests (HTTP 429): `retryAfterSeconds` also goes out as Retry-After. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number, readonly anonymous: boolean) {
    super(`Too many requests; retry in ${retryAfterSeconds} s.`);
    this.name = 'RateLimitedError';
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  408: 'Request Timeout',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  const slug = extra.rule ?? (TITLES[status] ?? 'error').toLowerCase().replace(/\s+/g, '-');
  return { type: `https://zicht.invalid/problems/${slug}`, title: TITLES[status] ?? 'Error', status, detail, ...extra };
}

function invalidJson(): Problem {
  return problem(400, 'The request body is not valid JSON.', { errors: [{ field: 'body', messages: ['must be valid JSON'] }] });
}

/**
 * The one mapping from errors to HTTP problems, used by the one exception filter.
 */
export function toProblem(error: unknown): Problem {
  if (error instanceof InvalidRequestError) return problem(400, error.message, { errors: error.errors });
  if (error instanceof ErasureBlockedError) return problem(409, error.message, { rule: error.rule });
  if (error instanceof NotLeadingError) return problem(409, error.message, { rule: error.rule });
  if (error instanceof CaseRecordBrokenError) return problem(409, error.message, { rule: error.rule, firstInvalidRevision: error.firstInvalidRevision });
  if (error instanceof RateLimitedError) return problem(429, error.message, { retryAfter: error.retryAfterSeconds });
  if (error instanceof InvalidCursorError) return problem(400, error.message, { errors: [{ field: 'cursor', messages: [error.message] }] });
  if (error instanceof InvalidCommandDataError) return problem(400, error.message, { rule: error.rule, errors: error.errors });
  if (error instanceof DomainError) return problem(error.status, error.message, { rule: error.rule });
  if (error instanceof IdempotencyKeyReusedError) return problem(422, error.message, { rule: error.rule });
  if (error instanceof PreconditionFailedError) {
    const detail =
      error.expected === null
        ? `If-Match compares strong ETags only, so a weak one (W/"...") never matches; the case is at revision ${String(error.currentRevision)}. Send "${String(error.currentRevision)}".`
        : `The case has changed since revision ${String(error.expected)}; it is now at revision ${String(error.currentRevision)}. Read it again and decide anew.`;
    return problem(412, detail, {
      currentRevision: error.currentRevision,
    });
  }
  if (error instanceof ConcurrencyExhaustedError) return problem(503, 'The case is being changed by many writers at once; retry the request.');
  if (error instanceof EventStoreUnavailableError) return problem(503, 'The event store is unavailable; nothing was recorded. Retry later.');
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Fastify's body errors arrive here wrapped by Nest, with Fastify's status and message.
    if (status === 413) return problem(413, 'The request body is larger than 1 MB.');
    if (status === 415) return problem(415, 'Send the request body as application/json.');
    if (status === 400 && /JSON/.test(error.message)) return invalidJson();
    const body = error.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    const detail = status === HttpStatus.NOT_FOUND ? 'There is nothing at this address.' : Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
    return problem(status, detail);
  }
  return problem(500, 'Internal error. Nothing was recorded unless the answer said so; the error was logged.');
}
