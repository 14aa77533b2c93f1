import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { VEILIG_THUIS_REGIONS } from '@zicht/case-domain';
import { AnalyticsDimension, AnalyticsReadModel, ReadModelDb, halfYearOf } from '@zicht/projections';
import { CLOCK, Clock } from '../clock';
import type { AnalyticsDisclosureConfig } from '../config/config';
import { READ_MODEL_DB } from '../read-models/read-models';
import { ANALYTICS_TABLES, AnalyticsTableName, Figure, GroupFigures } from './analytics-tables';
import { AnalyticsParams } from './analytics-params';
import { Cell, Disclosure } from './disclosure';
import { CsvValue, toCsv } from './csv';

/** The disclosure configuration (ZICHT_ANALYTICS_*), provided by the app module from the config. */
export const ANALYTICS_DISCLOSURE = Symbol('ANALYTICS_DISCLOSURE');

export const analyticsReadModelProvider = { provide: AnalyticsReadModel, useFactory: (db: ReadModelDb) => new AnalyticsReadModel(db), inject: [READ_MODEL_DB] };

export interface AnalyticsTable {
  table: AnalyticsTableName;
  title: string;
  description: string;
  by: AnalyticsDimension;
  from: string | null;
  to: string | null;
  /** "Today" for the figures judged against the clock (monitoring overdue). */
  asOf: string;
  disclosure: ReturnType<Disclosure['describe']>;
  columns: { key: string; kind: Figure['kind']; description: string }[];
  /** One per region, beroepsgroep or period: `{ [by]: group, [column]: cell }`. */
  rows: Record<string, string | Cell>[];
  total: Record<string, Cell>;
}

export class GetAnalyticsTableQuery {
  constructor(readonly table: AnalyticsTableName, readonly params: AnalyticsParams) {}
}

@QueryHandler(GetAnalyticsTableQuery)
export class GetAnalyticsTableHandler implements IQueryHandler<GetAnalyticsTableQuery, AnalyticsTable> {
  private readonly disclosure: Disclosure;

  constructor(
    private readonly readModel: AnalyticsReadModel,
    @Inject(ANALYTICS_DISCLOSURE) config: AnalyticsDisclosureConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.disclosure = new Disclosure(config);
  }

  async execute({ table, params }: GetAnalyticsTableQuery): Promise<AnalyticsTable> {
    const definition = ANALYTICS_TABLES[table];
    const today = this.clock.now().toISOString().slice(0, 10);
    const groups = new Map<string, GroupFigures>();
    const total = new GroupFigures();
    const group = (key: string) => {
      let g = groups.get(key);
      if (!g) groups.set(key, (g = new GroupFigures()));
      return g;
    };
    for (const row of await this.readModel.counts(definition.measures, params.range, params.by)) {
      group(row.group).add(row);
      total.add(row);
    }
    if (definition.monitoring) {
      for (const row of await this.readModel.monitoring(today, params.range, params.by)) {
        group(row.group).addMonitoring(row);
        total.addMonitoring(row);
      }
    }
    const show = (g: GroupFigures): Record<string, Cell> =>
      Object.fromEntries(definition.columns.map((column) => [column.key, this.protect(column.figure(g))]));
    return {
      table,
      title: definition.title,
      description: definition.description,
      by: params.by,
      from: params.from,
      to: params.to,
      asOf: today,
      disclosure: this.disclosure.describe(),
      columns: definition.columns.map(({ key, kind, description }) => ({ key, kind, description })),
      rows: rowKeys(params, [...groups.keys()]).map((key) => ({ [params.by]: key, ...show(groups.get(key) ?? new GroupFigures()) })),
      total: show(total),
    };
  }

  private protect(figure: Figure): Cell {
    switch (figure.kind) {
      case 'count':
        return this.disclosure.count(figure.n);
      case 'percent':
        return this.disclosure.percent(figure.numerator, figure.base);
      case 'days':
        return this.disclosure.percentile(figure.histogram, figure.percentile);
    }
  }
}

/** At most this many periods are listed when a range is open-ended or long (then: the months with figures). */
const MAX_LISTED_PERIODS = 240;

/**
 * The rows: every Veilig Thuis region; the beroepsgroepen with figures; every month or half-year of
 * the range (between the first and last with figures when the range is open or very long).
 */
function rowKeys(params: AnalyticsParams, present: string[]): string[] {
  if (params.by === 'region') return [...new Set([...VEILIG_THUIS_REGIONS, ...present])].sort();
  if (params.by === 'beroepsgroep') return [...present].sort();
  const seen = [...present].sort();
  let first = params.range.from;
  let last = params.range.to;
  if (!first || !last || monthsBetween(first, last, MAX_LISTED_PERIODS + 1).length > MAX_LISTED_PERIODS) {
    if (seen.length === 0) return [];
    const [firstSeen, lastSeen] = [seen[0], seen[seen.length - 1]];
    const seenFrom = params.by === 'month' ? firstSeen : `${firstSeen.slice(0, 4)}-${firstSeen.endsWith('H1') ? '01' : '07'}`;
    const seenTo = params.by === 'month' ? lastSeen : `${lastSeen.slice(0, 4)}-${lastSeen.endsWith('H1') ? '06' : '12'}`;
    first = first && first > seenFrom ? first : seenFrom;
    last = last && last < seenTo ? last : seenTo;
  }
  const listed = monthsBetween(first, last, MAX_LISTED_PERIODS * 6);
  return params.by === 'month' ? listed : [...new Set(listed.map(halfYearOf))];
}

/** `YYYY-MM` from `first` to `last` inclusive, at most `limit` of them. */
function monthsBetween(first: string, last: string, limit: number): string[] {
  const out: string[] = [];
  let [y, m] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
  for (let key = first; key <= last && out.length < limit; key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`) {
    out.push(key);
    if (++m > 12) [m, y] = [1, y + 1];
  }
  return out;
}

/** The table as CSV: a header of the dimension and column keys, a row per group, and the total last. */
export function analyticsTableCsv(table: AnalyticsTable): string {
  const keys = table.columns.map((c) => c.key);
  const rows: CsvValue[][] = table.rows.map((row) => [row[table.by] as string, ...keys.map((k) => row[k] as CsvValue)]);
  rows.push(['total', ...keys.map((k) => table.total[k])]);
  return toCsv([table.by, ...keys], rows);
}
