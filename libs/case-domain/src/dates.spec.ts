import { addDays, compareDates, dateOf, instantMs, isValidInstant } from './dates';

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
});
