import { sql } from 'kysely';
import { ReadModelDb } from '../read-model-database';
import { AnalyticMeasure } from './case-analytics';

/** What the tables break down by. The finest period is a month. */
export const ANALYTICS_DIMENSIONS = ['region', 'beroepsgroep', 'half-year', 'month'] as const;
export type AnalyticsDimension = (typeof ANALYTICS_DIMENSIONS)[number];

/** Whole months, inclusive; null is open-ended. */
export interface MonthRange {
  /** `YYYY-MM` */
  from: string | null;
  /** `YYYY-MM` */
  to: string | null;
}

/** A raw (undisclosed) count: how many of `measure` with this code and days fall in `group`. */
export interface RawCount {
  group: string;
  measure: string;
  code: string;
  days: number;
  n: number;
}

export interface RawMonitoring {
  group: string;
  /** Open cases whose current help was deployed in the period. */
  monitored: number;
  /** Of those, the ones whose next monitoring check is past (before `today`). */
  overdue: number;
}

/** `2026-03` → `2026-H1`. */
export function halfYearOf(month: string): string {
  return `${month.slice(0, 4)}-H${Number(month.slice(5, 7)) <= 6 ? 1 : 2}`;
}

/**
 * Raw aggregates of the analytic read model. These are exact counts and never leave the server as
 * they are: the API applies disclosure control before anything is shown.
 */
export class AnalyticsReadModel {
  constructor(private readonly db: ReadModelDb) {}

  async counts(measures: readonly AnalyticMeasure[], range: MonthRange, by: AnalyticsDimension): Promise<RawCount[]> {
    const dimension = by === 'half-year' ? 'month' : by;
    const raw: RawCount[] = [];
    // One measure at a time: each reads a contiguous stretch of the primary key, already in GROUP BY order.
    for (const measure of measures) {
      let query = this.db
        .selectFrom('analytics_counts')
        .select((eb) => ['grp', 'code', 'days', eb.fn.sum<number | string>('n').as('n')])
        .where('dimension', '=', dimension)
        .where('measure', '=', measure);
      if (range.from) query = query.where('month', '>=', range.from);
      if (range.to) query = query.where('month', '<=', range.to);
      for (const r of await query.groupBy(['grp', 'code', 'days']).execute()) raw.push({ group: r.grp, measure, code: r.code, days: Number(r.days), n: Number(r.n) });
    }
    return by === 'half-year' ? merge(raw.map((r) => ({ ...r, group: halfYearOf(r.group) }))) : raw;
  }

  /**
   * Open cases with help, by the month of their current help, and how many of them are overdue on
   * `today` (next check before today): the counters of the months before this one, plus the cases
   * due earlier this month, counted from the case rows.
   */
  async monitoring(today: string, range: MonthRange, by: AnalyticsDimension): Promise<RawMonitoring[]> {
    const thisMonth = today.slice(0, 7);
    const result = new Map<string, RawMonitoring>();
    const at = (group: string) => {
      let m = result.get(group);
      if (!m) result.set(group, (m = { group, monitored: 0, overdue: 0 }));
      return m;
    };
    for (const row of await this.counts(['monitored'], range, by)) {
      at(row.group).monitored += row.n;
      if (row.code < thisMonth) at(row.group).overdue += row.n;
    }
    const column = by === 'region' ? 'region' : by === 'beroepsgroep' ? 'beroepsgroep' : 'hulp_month';
    let query = this.db
      .selectFrom('analytics_case')
      .select((eb) => [sql<string>`${sql.ref(column)}`.as('g'), eb.fn.countAll<number | string>().as('n')])
      .where('status', '=', 'open')
      .where('next_check_due', '>=', `${thisMonth}-01`)
      .where('next_check_due', '<', today)
      .where('hulp_month', 'is not', null);
    if (range.from) query = query.where('hulp_month', '>=', range.from);
    if (range.to) query = query.where('hulp_month', '<=', range.to);
    for (const row of await query.groupBy(sql.ref(column)).execute()) {
      at(by === 'half-year' ? halfYearOf(row.g) : row.g).overdue += Number(row.n);
    }
    return [...result.values()];
  }

  /** Every analytic row, in a fixed order: to compare a rebuilt read model with a live one. */
  async dump(): Promise<Record<string, unknown[]>> {
    return {
      cases: await this.db.selectFrom('analytics_case').selectAll().orderBy('case_id').execute(),
      counts: await this.db
        .selectFrom('analytics_counts')
        .selectAll()
        .orderBy('dimension')
        .orderBy('measure')
        .orderBy('grp')
        .orderBy('code')
        .orderBy('days')
        .orderBy('month')
        .execute(),
    };
  }
}

function merge(rows: RawCount[]): RawCount[] {
  const merged = new Map<string, RawCount>();
  for (const r of rows) {
    const key = `${r.group}|${r.measure}|${r.code}|${r.days}`;
    const m = merged.get(key);
    if (m) m.n += r.n;
    else merged.set(key, { ...r });
  }
  return [...merged.values()];
}
