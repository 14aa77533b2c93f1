/**
 * Calendar arithmetic without a clock: every date comes in as an argument. Dates are compared as
 * UTC calendar dates (`YYYY-MM-DD`); instants are compared by their moment, whatever their offset.
 */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds since the epoch, or NaN for something that is not an ISO date or instant. */
export function instantMs(value: string): number {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return NaN;
  return Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
}

export function isValidInstant(value: string): boolean {
  return !Number.isNaN(instantMs(value));
}

/** The UTC calendar date of an ISO date or instant. */
export function dateOf(value: string): string {
  if (DATE_ONLY.test(value)) return value;
  const ms = instantMs(value);
  if (Number.isNaN(ms)) return value.slice(0, 10);
  return civilFromDays(Math.floor(ms / 86_400_000));
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return civilFromDays(daysFromCivil(dateOf(date)) + days);
}

/** Negative when a is before b, 0 when the same calendar date, positive after. */
export function compareDates(a: string, b: string): number {
  const da = dateOf(a);
  const db = dateOf(b);
  return da < db ? -1 : da > db ? 1 : 0;
}

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, UTC).
function daysFromCivil(date: string): number {
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
