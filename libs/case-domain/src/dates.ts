/**
 * Calendar arithmetic without a clock: every date comes in as an argument. Dates are compared as
 * UTC calendar dates (`YYYY-MM-DD`); instants are compared by their moment, whatever their offset.
 */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The earliest year the platform accepts in a date or instant: no recorded fact about a child lies before it. */
export const MIN_YEAR = 1900;

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A real instant in its UTC form (`Date#toISOString`: `2026-11-02T09:00:00.000Z`), or null.
 * Strict ISO 8601: a date, a time (hours and minutes, optionally seconds and a fraction) and a zone
 * (`Z` or `+hh:mm`); the date must exist (no 2026-02-30), the time too (no 24:00, no 10:60, no
 * leap second), the offset at most 18 hours, the year from MIN_YEAR to 9999. The fraction beyond
 * milliseconds is cut off, not rounded (so that the moment never moves into the next second).
 */
export function parseInstant(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const m = INSTANT.exec(text);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, oh, om] = m;
  if (!isRealDate(Number(y), Number(mo), Number(d))) return null;
  if (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59)) return null;
  if (zulu === undefined && (Number(oh) > 18 || Number(om) > 59 || (Number(oh) === 18 && Number(om) > 0))) return null;
  const ms = (fraction ?? '').padEnd(3, '0').slice(0, 3);
  const offsetMinutes = zulu !== undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), Number(ms));
  const utc = new Date(local - offsetMinutes * 60_000);
  const year = utc.getUTCFullYear();
  // An offset can carry 1900-01-01T00:30+01:00 into 1899, or 9999-12-31T23:30-01:00 into 10000.
  if (year < MIN_YEAR || year > 9999) return null;
  return utc.toISOString();
}

/** A calendar date that exists (`YYYY-MM-DD`, year from MIN_YEAR to 9999), as given; or null. */
export function parseCalendarDate(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const m = CALENDAR_DATE.exec(text);
  if (m === null) return null;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? text : null;
}

/** A calendar date as given, or an instant in its UTC form (for "when was it observed"); or null. */
export function parseDateOrInstant(text: unknown): string | null {
  return parseCalendarDate(text) ?? parseInstant(text);
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < MIN_YEAR || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

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
