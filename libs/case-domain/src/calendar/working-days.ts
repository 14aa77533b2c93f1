/**
 * Dutch working days, judged in Europe/Amsterdam time (Intl, daylight saving time included): Monday
 * to Friday, except the national public holidays. Easter is computed, never listed per year:
 * Nieuwjaarsdag, Tweede Paasdag, Koningsdag (27 April, or 26 April when the 27th is a Sunday; before
 * 2014 Koninginnedag, 30 April or 29 April when that is a Sunday), Hemelvaartsdag, Tweede
 * Pinksterdag, Eerste and Tweede Kerstdag, and Bevrijdingsdag (5 May) in lustrum years only
 * (2025, 2030, ...). Goede Vrijdag is not a national holiday. Dates are `YYYY-MM-DD`; no clock.
 */
import { addDays } from '../dates';

export const TIME_ZONE = 'Europe/Amsterdam';

/** Easter Sunday of a Gregorian year (the anonymous algorithm of Meeus, Jones and Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface PublicHoliday {
  date: string;
  name: string;
}

/** The national public holidays of a year that can fall on a working day, in date order. */
export function publicHolidays(year: number): PublicHoliday[] {
  const y = String(year).padStart(4, '0');
  const easter = easterSunday(year);
  const kingsDay = year >= 2014 ? (isSunday(`${y}-04-27`) ? `${y}-04-26` : `${y}-04-27`) : isSunday(`${y}-04-30`) ? `${y}-04-29` : `${y}-04-30`;
  const holidays: PublicHoliday[] = [
    { date: `${y}-01-01`, name: 'Nieuwjaarsdag' },
    { date: addDays(easter, 1), name: 'Tweede Paasdag' },
    { date: kingsDay, name: year >= 2014 ? 'Koningsdag' : 'Koninginnedag' },
    ...(year % 5 === 0 ? [{ date: `${y}-05-05`, name: 'Bevrijdingsdag' }] : []),
    { date: addDays(easter, 39), name: 'Hemelvaartsdag' },
    { date: addDays(easter, 50), name: 'Tweede Pinksterdag' },
    { date: `${y}-12-25`, name: 'Eerste Kerstdag' },
    { date: `${y}-12-26`, name: 'Tweede Kerstdag' },
  ];
  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const holidayCache = new Map<number, Set<string>>();

function holidaySet(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (set === undefined) {
    set = new Set(publicHolidays(year).map((h) => h.date));
    holidayCache.set(year, set);
  }
  return set;
}

/** 0 = Sunday .. 6 = Saturday. */
function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

function isSunday(date: string): boolean {
  return weekday(date) === 0;
}

export function isPublicHoliday(date: string): boolean {
  return holidaySet(Number(date.slice(0, 4))).has(date);
}

export function isWorkingDay(date: string): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && !isPublicHoliday(date);
}

/** The `n`-th working day after `date` (n >= 1); `date` itself does not count. */
export function addWorkingDays(date: string, n: number): string {
  let day = date;
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

/**
 * Working days from `from` to `to`: those after `from` up to and including `to`. Negative when `to`
 * lies before `from` (the working days after `to` up to and including `from`).
 */
export function workingDaysBetween(from: string, to: string): number {
  if (to < from) return -workingDaysBetween(to, from);
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count += 1;
  return count;
}

const AMSTERDAM_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/**
 * Amsterdam's offset from UTC (ms) through each UTC hour: it changes only on a whole UTC hour (01:00), so it is
 * asked of Intl once per hour of the timeline and remembered (Intl's formatToParts is what a
 * rebuild's deadlines spent their time in).
 */
const HOUR_MS = 3_600_000;
const OFFSETS = new Map<number, number>();

function offsetMs(hour: number): number {
  let offset = OFFSETS.get(hour);
  if (offset === undefined) {
    const utcMs = hour * HOUR_MS;
    const parts = Object.fromEntries(AMSTERDAM_PARTS.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
    offset = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) - utcMs;
    if (OFFSETS.size >= 200_000) OFFSETS.clear(); // some 23 years of hours
    OFFSETS.set(hour, offset);
  }
  return offset;
}

/** The wall-clock time in Amsterdam at an instant, as if it were UTC (ms). */
function amsterdamWallMs(utcMs: number): number {
  return utcMs + offsetMs(Math.floor(utcMs / HOUR_MS));
}

/** The calendar date in Amsterdam at an instant. */
export function amsterdamDate(instant: string): string {
  return new Date(amsterdamWallMs(Date.parse(instant))).toISOString().slice(0, 10);
}

/** The instant of a wall-clock time in Amsterdam (`2026-11-13T23:59:59.999`), in UTC ISO form. */
export function amsterdamInstant(date: string, time: string): string {
  const wall = Date.parse(`${date}T${time}Z`);
  // The offset at the instant itself: one correction from a first guess is exact outside the
  // hour that daylight saving time skips or repeats (02:00-03:00), where no deadline falls.
  let utc = wall - (amsterdamWallMs(wall) - wall);
  utc = wall - (amsterdamWallMs(utc) - utc);
  return new Date(utc).toISOString();
}

/** The last millisecond of a day in Amsterdam: a deadline "by the end of" that day. */
export function endOfAmsterdamDay(date: string): string {
  return amsterdamInstant(date, '23:59:59.999');
}
