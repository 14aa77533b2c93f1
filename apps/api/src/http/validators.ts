import { ValidationOptions, registerDecorator } from 'class-validator';
import { ISO_INSTANT } from './params';

/** Clock skew allowed between an integrating system and the server. */
export const FUTURE_TOLERANCE_MS = 60_000;

/** An ISO 8601 instant (with a time and a zone) that is not in the future. */
export function IsPastInstant(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPastInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          ISO_INSTANT.test(value) &&
          !Number.isNaN(Date.parse(value)) &&
          Date.parse(value) <= Date.now() + FUTURE_TOLERANCE_MS,
        defaultMessage: (args) => `${args?.property} must be an ISO 8601 instant with a time zone (e.g. 2026-11-01T09:00:00Z) that is not in the future`,
      },
    });
}

/** A calendar date (YYYY-MM-DD) that exists. */
export function IsCalendarDate(options?: ValidationOptions & { notInFuture?: boolean }): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const date = new Date(`${value}T00:00:00Z`);
          if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
          return !options?.notInFuture || date.getTime() <= Date.now() + 14 * 3600_000;
        },
        defaultMessage: (args) =>
          `${args?.property} must be a calendar date (YYYY-MM-DD)${options?.notInFuture ? ' that is not in the future' : ''}`,
      },
    });
}

/** An ISO date or instant, not in the future (for when something was observed). */
export function IsPastDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPastDateOrInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) &&
          !Number.isNaN(Date.parse(value)) &&
          Date.parse(value) <= Date.now() + FUTURE_TOLERANCE_MS + (value.length === 10 ? 14 * 3600_000 : 0),
        defaultMessage: (args) => `${args?.property} must be an ISO 8601 date or instant that is not in the future`,
      },
    });
}
