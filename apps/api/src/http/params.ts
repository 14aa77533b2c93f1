import { ParseUUIDPipe } from '@nestjs/common';
import { CaseNotFoundError, parseCalendarDate, parseInstant } from '@zicht/case-domain';
import { InvalidRequestError } from './problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** A case id in the path; anything that is not a UUID is a case that does not exist (404). */
export const caseIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new CaseNotFoundError('with this id') });

/** A whole-number query parameter within bounds; absent gives the default. */
export function queryInt(value: string | undefined, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new InvalidRequestError([{ field, messages: [`${field} must be a whole number from ${min} to ${max}`] }]);
  }
  return Number(value);
}

/** An optional instant query parameter, normalised to UTC; a bad one is added to `errors`. */
export function queryInstant(value: string | undefined, field: string, errors: { field: string; messages: string[] }[]): string | undefined {
  if (value === undefined || value === '') return undefined;
  const instant = parseInstant(value);
  if (instant === null) errors.push({ field, messages: [`${field} must be an ISO 8601 instant that exists, with a time zone, e.g. 2026-11-01T09:00:00Z`] });
  return instant ?? undefined;
}

/**
 * An optional query bound that is a calendar date (`2026-11-01`, the whole day in UTC) or an
 * instant: `from` gives the first moment it covers, `until` the first moment after it.
 */
export function queryBound(value: string | undefined, field: string, side: 'from' | 'until', errors: { field: string; messages: string[] }[]): string | undefined {
  if (value === undefined || value === '') return undefined;
  const date = parseCalendarDate(value);
  if (date !== null) {
    const day = Date.parse(`${date}T00:00:00.000Z`);
    return new Date(side === 'from' ? day : day + 86_400_000).toISOString();
  } else {
    const instant = queryInstant(value, field, []);
    if (instant !== undefined) return side === 'from' ? instant : new Date(Date.parse(instant) + 1).toISOString();
  }
  errors.push({ field, messages: [`${field} must be a date (2026-11-01) or an ISO 8601 instant with a time zone`] });
  return undefined;
}
