import { addDays, compareDates, dateOf, instantMs, isValidInstant, parseCalendarDate, parseDateOrInstant, parseInstant } from './dates';

describe('dates (no clock)', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-11-02', 28)).toBe('2026-11-30');
    expect(addDays('2026-12-20', 28)).toBe('2027-01-17');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-11-02T23:30:00Z', 1)).toBe('2026-11-03');
  });
  it('takes the UTC date of an instant', () => {
    expect(dateOf('2026-11-02T00:30:00+01:00')).toBe('2026-11-01');
    expect(dateOf('2026-11-02')).toBe('2026-11-02');
  });
  it('compares calendar dates', () => {
    expect(compareDates('2026-11-01', '2026-11-02T08:00:00Z')).toBeLessThan(0);
    expect(compareDates('2026-11-02', '2026-11-02T08:00:00Z')).toBe(0);
    expect(compareDates('2026-11-03', '2026-11-02')).toBeGreaterThan(0);
  });
  it('recognises instants', () => {
    expect(isValidInstant('2026-11-02T09:00:00Z')).toBe(true);
    expect(isValidInstant('gisteren')).toBe(false);
    expect(instantMs('2026-11-02T10:00:00+01:00')).toBe(instantMs('2026-11-02T09:00:00Z'));
  });

  describe('parseInstant: real instants only, in their UTC form', () => {
    it.each([
      ['2026-11-02T09:00:00Z', '2026-11-02T09:00:00.000Z'],
      ['2026-11-02T09:00Z', '2026-11-02T09:00:00.000Z'],
      ['2026-11-02T10:00:00+01:00', '2026-11-02T09:00:00.000Z'],
      ['2026-11-02T00:30:00+02:00', '2026-11-01T22:30:00.000Z'],
      ['2026-11-01T23:30:00-05:00', '2026-11-02T04:30:00.000Z'],
      ['2026-11-02T09:00:00.5Z', '2026-11-02T09:00:00.500Z'],
      ['2026-11-02T09:00:00.123456789Z', '2026-11-02T09:00:00.123Z'],
      ['2028-02-29T12:00:00Z', '2028-02-29T12:00:00.000Z'],
      ['2000-02-29T12:00:00Z', '2000-02-29T12:00:00.000Z'],
    ])('%s is %s', (text, utc) => {
      expect(parseInstant(text)).toBe(utc);
    });
    it.each([
      '2026-02-30T10:00:00Z',
      '2027-02-29T10:00:00Z',
      '1900-02-29T10:00:00Z',
      '2026-04-31T10:00:00Z',
      '2026-13-01T10:00:00Z',
      '2026-00-10T10:00:00Z',
      '2026-11-00T10:00:00Z',
      '2026-11-02T24:00:00Z',
      '2026-11-02T23:60:00Z',
      '2026-11-02T23:59:60Z',
      '0000-01-01T00:00:00Z',
      '0099-01-01T00:00:00Z',
      '1900-01-01T00:30:00+01:00',
      '2026-11-02T09:00:00+19:00',
      '2026-11-02T09:00:00+01:60',
      '2026-11-02T09:00:00',
      '2026-11-02',
      '2026-11-02 09:00:00Z',
      '2026-11-02T09:00:00z',
      '+002026-11-02T09:00:00Z',
      '2026-11-02T09:00:00ZZ',
      'gisteren',
      '',
    ])('refuses %s', (text) => {
      expect(parseInstant(text)).toBeNull();
    });
    it.each([[[]], [{}], [20261102], [null], [undefined]])('refuses a non-string %p', (value) => {
      expect(parseInstant(value)).toBeNull();
    });
  });

  describe('parseCalendarDate and parseDateOrInstant', () => {
    it('keeps a real date as it is', () => {
      expect(parseCalendarDate('2028-02-29')).toBe('2028-02-29');
      expect(parseCalendarDate('1900-01-01')).toBe('1900-01-01');
    });
    it.each(['2026-02-30', '2027-02-29', '2026-06-31', '2026-13-01', '0000-01-01', '1899-12-31', '2026-1-01', '2026-11-02T09:00:00Z', ''])(
      'refuses %s as a date',
      (text) => {
        expect(parseCalendarDate(text)).toBeNull();
      },
    );
    it('takes a date as it is, an instant in UTC form', () => {
      expect(parseDateOrInstant('2026-10-30')).toBe('2026-10-30');
      expect(parseDateOrInstant('2026-10-30T10:00:00+02:00')).toBe('2026-10-30T08:00:00.000Z');
      expect(parseDateOrInstant('2026-10-32')).toBeNull();
    });
  });
});
