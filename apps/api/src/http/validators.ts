import { isValidBsn, parseCalendarDate, parseDateOrInstant, parseInstant } from '@zicht/case-domain';
import { Transform } from 'class-transformer';
import { ValidationOptions, registerDecorator } from 'class-validator';

/** Clock skew allowed between an integrating system and the server. */
export const FUTURE_TOLERANCE_MS = 60_000;

/**
 * A date or time field: normalised with the domain's own parser (instants to their UTC form) before
 * it is validated, so the edge and decide() agree on what exists: no 2026-02-30, no 24:00, no year 0000.
 */
function dateField(
  name: string,
  parse: (value: unknown) => string | null,
  acceptable: (parsed: string, raw: string) => boolean,
  message: (property: string) => string,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    Transform(({ value }) => (typeof value === 'string' ? (parse(value) ?? value) : value))(target, propertyName);
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => {
          const parsed = parse(value);
          return parsed !== null && acceptable(parsed, value as string);
        },
        defaultMessage: (args) => message(args?.property ?? String(propertyName)),
      },
    });
  };
}

const notLaterThan = (parsed: string, extraMs = 0) => Date.parse(parsed) <= Date.now() + FUTURE_TOLERANCE_MS + extraMs;

/** An ISO 8601 instant (with a time and a zone) that exists and is not in the future; normalised to UTC. */
export function IsPastInstant(options?: ValidationOptions): PropertyDecorator {
  return dateField('isPastInstant', parseInstant, (p) => notLaterThan(p), (property) => `${property} must be an ISO 8601 instant that exists, with a time zone (e.g. 2026-11-01T09:00:00Z), and is not in the future`, options);
}

/** A calendar date (YYYY-MM-DD) that exists. */
export function IsCalendarDate(options?: ValidationOptions & { notInFuture?: boolean }): PropertyDecorator {
  return dateField(
    'isCalendarDate',
    parseCalendarDate,
    (p) => !options?.notInFuture || notLaterThan(`${p}T00:00:00Z`, 14 * 3600_000),
    (property) => `${property} must be a calendar date that exists (YYYY-MM-DD)${options?.notInFuture ? ' and is not in the future' : ''}`,
    options,
  );
}

/** An ISO date or instant that exists, not in the future (for when something was observed). */
export function IsPastDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return dateField(
    'isPastDateOrInstant',
    parseDateOrInstant,
    (p) => notLaterThan(p.length === 10 ? `${p}T00:00:00Z` : p, p.length === 10 ? 14 * 3600_000 : 0),
    (property) => `${property} must be an ISO 8601 date or instant that exists and is not in the future`,
    options,
  );
}

/**
 * A BSN: 9 digits passing the elfproef (the domain's `isValidBsn`). The message names the field and
 * the rule, never the value: a BSN is never echoed.
 */
export function IsBsn(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isBsn',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => isValidBsn(value),
        defaultMessage: (args) => `${args?.property ?? String(propertyName)} must be a BSN: 9 digits that pass the elfproef (it is never stored, only a pseudonymous key of it)`,
      },
    });
}
