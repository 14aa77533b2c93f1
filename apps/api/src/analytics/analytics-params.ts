import { ANALYTICS_DIMENSIONS, AnalyticsDimension, MonthRange } from '@zicht/projections';
import { InvalidRequestError } from '../http/problem';

export interface AnalyticsParams {
  by: AnalyticsDimension;
  /** The first day of the first month, or null: from the beginning. */
  from: string | null;
  /** The last day of the last month, or null: up to now. */
  to: string | null;
  range: MonthRange;
}

const KNOWN = ['from', 'to', 'by', 'period'];
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(\d{2})$/;

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/**
 * The query of an analyst table. Periods are whole months (the finest grain the tables show): a
 * window that starts or ends inside a month would let two overlapping queries tell a single case apart.
 *   by      region | beroepsgroep | half-year | month (default region)
 *   from    YYYY-MM or YYYY-MM-01
 *   to      YYYY-MM or the last day of a month
 *   period  YYYY, YYYY-H1, YYYY-H2 or YYYY-MM: a shorthand for from and to
 */
export function parseAnalyticsParams(query: Record<string, unknown>): AnalyticsParams {
  const errors: { field: string; messages: string[] }[] = [];
  const fail = (field: string, message: string) => errors.push({ field, messages: [message] });
  for (const name of Object.keys(query)) if (!KNOWN.includes(name)) fail(name, `${name} is not a parameter of the analyst tables (use from, to, by or period)`);
  const text = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') {
      fail(name, `${name} must be given once`);
      return undefined;
    }
    return value;
  };

  const byText = text('by');
  let by: AnalyticsDimension = 'region';
  if (byText !== undefined) {
    if ((ANALYTICS_DIMENSIONS as readonly string[]).includes(byText)) by = byText as AnalyticsDimension;
    else fail('by', `by must be one of ${ANALYTICS_DIMENSIONS.join(', ')}`);
  }

  let fromMonth: string | null = null;
  let toMonth: string | null = null;
  const period = text('period');
  const fromText = text('from');
  const toText = text('to');
  if (period !== undefined) {
    if (fromText !== undefined || toText !== undefined) fail('period', 'give either period or from/to, not both');
    const half = /^(\d{4})-H([12])$/.exec(period);
    if (/^\d{4}$/.test(period)) [fromMonth, toMonth] = [`${period}-01`, `${period}-12`];
    else if (half) [fromMonth, toMonth] = half[2] === '1' ? [`${half[1]}-01`, `${half[1]}-06`] : [`${half[1]}-07`, `${half[1]}-12`];
    else if (MONTH.test(period)) [fromMonth, toMonth] = [period, period];
    else fail('period', 'period must be a year (2026), a half-year (2026-H1, 2026-H2) or a month (2026-03)');
  } else {
    if (fromText !== undefined) {
      const date = DATE.exec(fromText);
      if (MONTH.test(fromText)) fromMonth = fromText;
      else if (date && date[3] === '01') fromMonth = fromText.slice(0, 7);
      else fail('from', 'from must be a month (2026-01) or the first day of one (2026-01-01): the tables count whole months');
    }
    if (toText !== undefined) {
      const date = DATE.exec(toText);
      if (MONTH.test(toText)) toMonth = toText;
      else if (date && lastDayOf(toText.slice(0, 7)) === toText) toMonth = toText.slice(0, 7);
      else fail('to', 'to must be a month (2026-06) or the last day of one (2026-06-30): the tables count whole months');
    }
    if (fromMonth !== null && toMonth !== null && fromMonth > toMonth) fail('to', 'to must not lie before from');
  }
  if (errors.length > 0) throw new InvalidRequestError(errors);
  return {
    by,
    from: fromMonth === null ? null : `${fromMonth}-01`,
    to: toMonth === null ? null : lastDayOf(toMonth),
    range: { from: fromMonth, to: toMonth },
  };
}
