import {
  addWorkingDays,
  amsterdamDate,
  amsterdamInstant,
  easterSunday,
  endOfAmsterdamDay,
  isPublicHoliday,
  isWorkingDay,
  publicHolidays,
  workingDaysBetween,
} from './working-days';

describe('the Dutch working-day calendar', () => {
  it.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2030, '2030-04-21'],
    [2038, '2038-04-25'],
  ])('computes Easter %i: %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it.each([
    // Tweede Paasdag, Hemelvaartsdag (Easter + 39) and Tweede Pinksterdag (Easter + 50) over several years
    ['2025-04-21', 'Tweede Paasdag'],
    ['2026-04-06', 'Tweede Paasdag'],
    ['2027-03-29', 'Tweede Paasdag'],
    ['2025-05-29', 'Hemelvaartsdag'],
    ['2026-05-14', 'Hemelvaartsdag'],
    ['2027-05-06', 'Hemelvaartsdag'],
    ['2025-06-09', 'Tweede Pinksterdag'],
    ['2026-05-25', 'Tweede Pinksterdag'],
    ['2027-05-17', 'Tweede Pinksterdag'],
    // Koningsdag: 27 April, or 26 April when the 27th is a Sunday (2025, 2031, 2014)
    ['2025-04-26', 'Koningsdag'],
    ['2026-04-27', 'Koningsdag'],
    ['2031-04-26', 'Koningsdag'],
    ['2014-04-26', 'Koningsdag'],
    ['2013-04-30', 'Koninginnedag'],
    // Bevrijdingsdag only in lustrum years
    ['2025-05-05', 'Bevrijdingsdag'],
    ['2030-05-05', 'Bevrijdingsdag'],
    ['2026-01-01', 'Nieuwjaarsdag'],
    ['2026-12-25', 'Eerste Kerstdag'],
    ['2026-12-26', 'Tweede Kerstdag'],
  ])('%s is %s', (date, name) => {
    expect(publicHolidays(Number(date.slice(0, 4)))).toContainEqual({ date, name });
    expect(isPublicHoliday(date)).toBe(true);
  });

  it.each([
    ['2025-04-27', 'Koningsdag 2025 moved to the 26th; the 27th is a Sunday anyway'],
    ['2026-04-26', 'the 26th is Koningsdag only when the 27th is a Sunday'],
    ['2026-05-05', 'Bevrijdingsdag 2026 is not a lustrum year'],
    ['2026-04-03', 'Goede Vrijdag is not a national holiday'],
    ['2026-12-24', 'Kerstavond is not a holiday'],
  ])('%s is no public holiday (%s)', (date) => {
    expect(isPublicHoliday(date)).toBe(false);
  });

  it('a working day is Monday to Friday and no public holiday', () => {
    expect(isWorkingDay('2026-11-13')).toBe(true); // Friday
    expect(isWorkingDay('2026-11-14')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-15')).toBe(false); // Sunday
    expect(isWorkingDay('2026-04-06')).toBe(false); // Tweede Paasdag, a Monday
    expect(isWorkingDay('2026-04-03')).toBe(true); // Goede Vrijdag
    expect(isWorkingDay('2025-05-05')).toBe(false); // Bevrijdingsdag 2025, a Monday
    expect(isWorkingDay('2026-05-05')).toBe(true); // a Tuesday, no lustrum
  });

  it.each([
    ['2026-11-13', 5, '2026-11-20', 'Friday: the following Friday'],
    ['2026-11-14', 5, '2026-11-20', 'Saturday: the count starts on Monday'],
    ['2026-04-02', 5, '2026-04-10', 'over Goede Vrijdag (counted) and Tweede Paasdag (not)'],
    ['2026-04-30', 5, '2026-05-07', 'over 5 May 2026, a working day'],
    ['2025-05-01', 5, '2025-05-09', 'over Bevrijdingsdag 2025'],
    ['2026-05-13', 5, '2026-05-21', 'over Hemelvaartsdag'],
    ['2026-12-24', 5, '2027-01-04', 'over Christmas and Nieuwjaarsdag'],
  ])('%s plus %i working days is %s (%s)', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it('counts working days between dates, negative backwards', () => {
    expect(workingDaysBetween('2026-11-13', '2026-11-20')).toBe(5);
    expect(workingDaysBetween('2026-11-20', '2026-11-20')).toBe(0);
    expect(workingDaysBetween('2026-11-20', '2026-11-13')).toBe(-5);
    expect(workingDaysBetween('2026-12-24', '2027-01-04')).toBe(5);
  });

  describe('in Europe/Amsterdam time', () => {
    it('takes the Amsterdam date of an instant, daylight saving time included', () => {
      expect(amsterdamDate('2026-11-13T23:30:00Z')).toBe('2026-11-14'); // 00:30 CET
      expect(amsterdamDate('2026-07-01T22:30:00Z')).toBe('2026-07-02'); // 00:30 CEST
      expect(amsterdamDate('2026-07-01T21:30:00Z')).toBe('2026-07-01');
    });
    it('gives the end of an Amsterdam day in UTC, in winter and in summer time', () => {
      expect(endOfAmsterdamDay('2026-11-20')).toBe('2026-11-20T22:59:59.999Z');
      expect(endOfAmsterdamDay('2026-07-01')).toBe('2026-07-01T21:59:59.999Z');
      expect(endOfAmsterdamDay('2026-03-29')).toBe('2026-03-29T21:59:59.999Z'); // the day summer time starts
      expect(endOfAmsterdamDay('2026-10-25')).toBe('2026-10-25T22:59:59.999Z'); // the day it ends
      expect(amsterdamInstant('2026-03-29', '12:00:00')).toBe('2026-03-29T10:00:00.000Z');
    });

    it('gives the date Intl gives, minute by minute through every change of the clocks from 1990 to 2060 (the offset is remembered per UTC hour)', () => {
      const intlDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
      const instants: number[] = [];
      for (let year = 1990; year <= 2060; year++) {
        for (const month of [2, 9]) {
          // The last Sunday of March and of October (or of September before 1996), a day each side.
          const monthIndex = month === 9 && year < 1996 ? 8 : month;
          const last = new Date(Date.UTC(year, monthIndex + 1, 0));
          const sunday = Date.UTC(year, monthIndex, last.getUTCDate() - last.getUTCDay());
          for (let t = sunday - 86_400_000; t < sunday + 2 * 86_400_000; t += 7 * 60_000) instants.push(t);
        }
      }
      const intlTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' });
      const wrongDate = instants.filter((t) => amsterdamDate(new Date(t).toISOString()) !== intlDate.format(new Date(t)));
      // Back from the wall clock to the instant: exact, except in the hour the clocks repeat (02:00-03:00 in autumn), which has two.
      const wrongInstant = instants.filter((t) => amsterdamInstant(intlDate.format(new Date(t)), `${intlTime.format(new Date(t))}.000`) !== new Date(t).toISOString());
      expect(instants.length).toBeGreaterThan(80_000);
      expect(wrongDate.map((t) => new Date(t).toISOString())).toEqual([]);
      expect(wrongInstant.filter((t) => !intlTime.format(new Date(t)).startsWith('02:')).map((t) => new Date(t).toISOString())).toEqual([]);
      expect(wrongInstant.length).toBeLessThan(instants.length / 100);
    });
  });
});
