import { Disclosure, SUPPRESSED } from './disclosure';

const cbs = new Disclosure({ roundTo: 5, minCell: 10, minShareBase: 10 });

describe('Disclosure', () => {
  it('suppresses counts under 10 and rounds the rest to a multiple of 5', () => {
    expect([0, 1, 3, 9].map((n) => cbs.count(n))).toEqual([SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED]);
    expect([10, 12, 13, 47, 48, 1001].map((n) => cbs.count(n))).toEqual([10, 10, 15, 45, 50, 1000]);
  });

  it('shows exact counts when configured so (test data only)', () => {
    const exact = new Disclosure({ roundTo: 1, minCell: 0, minShareBase: 0 });
    expect([0, 3, 47].map((n) => exact.count(n))).toEqual([0, 3, 47]);
    expect(exact.percent(0, 0)).toBeNull();
  });

  it('suppresses a share whose base is under 10, and gives the rest as a percentage with one decimal', () => {
    expect(cbs.percent(9, 9)).toBe(SUPPRESSED);
    expect(cbs.percent(0, 0)).toBe(SUPPRESSED);
    expect(cbs.percent(1, 10)).toBe(10);
    expect(cbs.percent(2, 3 * 10)).toBe(6.7);
  });

  it('gives percentiles by nearest rank, and suppresses them over a base under 10', () => {
    const values = [4, 1, 9, 9, 2, 30, 7, 7, 7, 12, 3];
    const histogram = new Map<number, number>();
    for (const v of values) histogram.set(v, (histogram.get(v) ?? 0) + 1);
    const sorted = [...values].sort((a, b) => a - b);
    expect(cbs.percentile(histogram, 50)).toBe(sorted[Math.ceil(0.5 * sorted.length) - 1]);
    expect(cbs.percentile(histogram, 90)).toBe(sorted[Math.ceil(0.9 * sorted.length) - 1]);
    expect(cbs.percentile(histogram, 100)).toBe(30);
    histogram.delete(7);
    expect(cbs.percentile(histogram, 50)).toBe(SUPPRESSED);
  });
});
