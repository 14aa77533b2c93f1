import type { AnalyticsDisclosureConfig } from '../config/config';

/** What a suppressed cell shows, in JSON and CSV alike. */
export const SUPPRESSED = 'suppressed';

/** A shown cell: a number, the suppression marker, or null when there is nothing to compute (no base). */
export type Cell = number | typeof SUPPRESSED | null;

/**
 * Statistical disclosure control, as CBS practises it for Veilig Thuis figures: counts rounded to a
 * multiple of `roundTo`, counts under `minCell` suppressed, and shares and percentiles suppressed
 * when their base is under `minShareBase`. Every figure is computed from the exact counts first and
 * protected last, so a total is the rounded exact total (it may differ from the sum of its rows).
 */
export class Disclosure {
  constructor(readonly config: AnalyticsDisclosureConfig) {}

  count(n: number): Cell {
    if (n < this.config.minCell) return SUPPRESSED;
    return Math.round(n / this.config.roundTo) * this.config.roundTo;
  }

  /** A percentage with one decimal. */
  percent(numerator: number, base: number): Cell {
    if (base < this.config.minShareBase) return SUPPRESSED;
    if (base === 0) return null;
    return Math.round((numerator / base) * 1000) / 10;
  }

  /** The p-th percentile (nearest rank) of the values in a histogram (value → how many). */
  percentile(histogram: ReadonlyMap<number, number>, p: number): Cell {
    const base = [...histogram.values()].reduce((a, b) => a + b, 0);
    if (base < this.config.minShareBase) return SUPPRESSED;
    if (base === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * base));
    let seen = 0;
    for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
      seen += histogram.get(value) ?? 0;
      if (seen >= rank) return value;
    }
    return null; // unreachable: rank <= base
  }

  /** How the figures were protected, in words, for the answer itself. */
  describe(): { roundTo: number; minCell: number; minShareBase: number; marker: string; note: string } {
    const { roundTo, minCell, minShareBase } = this.config;
    return {
      roundTo,
      minCell,
      minShareBase,
      marker: SUPPRESSED,
      note:
        `Counts are rounded to a multiple of ${roundTo}; counts under ${minCell}, and percentages, medians and percentiles over fewer than ${minShareBase}, ` +
        `show as "${SUPPRESSED}". Every figure is computed from exact counts and protected last, so a total may differ from the sum of its rows.`,
    };
  }
}
