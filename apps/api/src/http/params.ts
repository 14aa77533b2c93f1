import { ParseUUIDPipe } from '@nestjs/common';
import { CaseNotFoundError } from '@zicht/case-domain';
import { InvalidRequestError } from './problem';

/** An ISO 8601 instant with a time and a zone. */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
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
  if (!ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    errors.push({ field, messages: [`${field} must be an ISO 8601 instant with a time zone, e.g. 2026-11-01T09:00:00Z`] });
    return undefined;
  }
  return new Date(value).toISOString();
}

/**
 * An optional query bound that is a calendar date (`2026-11-01`, the whole day in UTC) or an
 * instant: `from` gives the first moment it covers, `until` the first moment after it.
 */
export function queryBound(value: string | undefined, field: string, side: 'from' | 'until', errors: { field: string; messages: string[] }[]): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00.000Z`);
    if (!Number.isNaN(day.getTime()) && day.toISOString().startsWith(value)) {
      return side === 'from' ? day.toISOString() : new Date(day.getTime() + 86_400_000).toISOString();
    }
  } else {
    const instant = queryInstant(value, field, []);
    if (instant !== undefined) return side === 'from' ? instant : new Date(Date.parse(instant) + 1).toISOString();
  }
  errors.push({ field, messages: [`${field} must be a date (2026-11-01) or an ISO 8601 instant with a time zone`] });
  return undefined;
}
