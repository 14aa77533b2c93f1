import { recordedCaseEvent } from '@zicht/case-domain';
import { StoredEvent } from '@zicht/event-store';
import { CompiledQuery, Kysely } from 'kysely';
import { BlockedByParkedEventError } from '../parked';
import { BatchContext, Projection, ProjectionWriter } from '../projection';
import { caseIdOf } from '../streams';
import { GenerationNames, ProjectionDataError, RowOf, TableSpec, int, longText, nullableText, rowValues, text } from '../table-spec';
import { AnalyticCount, CaseAnalytics, NO_CHECK_DUE, foldCaseAnalytics } from './case-analytics';

/** Analytics: codes, dates and counts only (see case-analytics.ts); never a child, a text or a person. */
const CASES = {
  name: 'analytics_case',
  columns: {
    case_id: text(36),
    /** The last projected revision of the case. */
    revision: int(),
    region: text(10),
    beroepsgroep: text(100),
    status: text(10),
    /** `YYYY-MM` of the current help; null without help. */
    hulp_month: nullableText(7),
    next_check_due: nullableText(10),
    /** The case's analytic fold (JSON: codes, dates and the case's own event ids). */
    fold: longText(),
  },
  key: ['case_id'],
  // Covers the cases under monitoring that fell due earlier this month (the rest are counters).
  indexes: { analytics_case_due: ['status', 'next_check_due', 'hulp_month', 'region', 'beroepsgroep'] },
} satisfies TableSpec;

/**
 * Counters per month: what the analyst tables add up. Every count is kept once per dimension
 * (`region`, `beroepsgroep`, `month`), so a table by one dimension reads only its own rows, in the
 * order of its GROUP BY (the key: no sort at query time).
 */
const COUNTS = {
  name: 'analytics_counts',
  columns: {
    dimension: text(20),
    measure: text(40),
    /** The region, the beroepsgroep or the month. */
    grp: text(100),
    /** '' when the measure has none. */
    code: text(40),
    /** Days, for the measures that are durations; 0 otherwise. */
    days: int(),
    /** `YYYY-MM` */
    month: text(7),
    n: int(),
  },
  key: ['dimension', 'measure', 'grp', 'code', 'days', 'month'],
  keyOrdered: true,
} satisfies TableSpec;

export interface AnalyticsTables {
  analytics_case: RowOf<typeof CASES>;
  analytics_counts: RowOf<typeof COUNTS>;
}

/**
 * The analytic read model: per case its fold (region, beroepsgroep, status, the current help and
 * its next check), and counters per month, once per dimension, that the analyst tables add up with
 * GROUP BY. Like the case projection it folds each case's events of a batch in memory and writes
 * its row once, and it skips events at or below the revision it already holds for the case.
 */
export class AnalyticsProjection implements Projection {
  readonly name = 'analytics';
  /** 3: Veilig Thuis' veiligheidsbeoordelingen and onderzoeken (tables safety-assessments, investigations), and meldingen by prior involvement (the radar). */
  readonly version = 3;
  readonly tables = [CASES, COUNTS];
  readonly migrations = [];

  constructor(private readonly cacheSize = 5_000) {}

  createWriter(names: GenerationNames): ProjectionWriter {
    return new AnalyticsWriter(names.table(CASES.name), names.table(COUNTS.name), this.cacheSize);
  }
}

interface Folded {
  revision: number;
  fold: CaseAnalytics;
}

class AnalyticsWriter implements ProjectionWriter {
  /** Recently written folds, trusted only when the stored row has the same revision. */
  private readonly recent = new Map<string, Folded>();

  constructor(
    private readonly cases: string,
    private readonly counts: string,
    private readonly cacheSize: number,
  ) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async apply(trx: Kysely<any>, events: StoredEvent[], batch: BatchContext): Promise<void> {
    const byCase = new Map<string, StoredEvent[]>();
    for (const event of events) {
      const caseId = caseIdOf(event.streamId);
      if (caseId === null) continue;
      const list = byCase.get(caseId);
      if (list) list.push(event);
      else byCase.set(caseId, [event]);
    }
    if (byCase.size === 0) return;
    const { statements } = batch;
    const ids = [...byCase.keys()];
    const rows = await statements.selectWhereIn<{ case_id: string; revision: number }>(trx, this.cases, ['case_id', 'revision'], 'case_id', ids);
    const stored = new Map(rows.map((r) => [r.case_id, r.revision]));
    const unknown = rows.filter((r) => this.recent.get(r.case_id)?.revision !== r.revision).map((r) => r.case_id);
    const loaded = new Map<string, Folded>();
    for (const r of await statements.selectWhereIn<{ case_id: string; fold: string }>(trx, this.cases, ['case_id', 'fold'], 'case_id', unknown)) {
      loaded.set(r.case_id, { revision: stored.get(r.case_id)!, fold: JSON.parse(r.fold) as CaseAnalytics });
    }

    const cells = new Map<string, unknown[]>();
    const caseRows: unknown[][] = [];
    for (const [caseId, list] of byCase) {
      const revision = stored.get(caseId);
      const before = revision === undefined ? undefined : this.recent.get(caseId)?.revision === revision ? this.recent.get(caseId) : loaded.get(caseId);
      const fresh = revision === undefined ? list : list.filter((e) => e.revision > revision);
      if (fresh.length === 0) continue;
      const after = foldCase(caseId, before, fresh, batch);
      if (after === before || after === undefined) continue;
      if (!('counted' in after)) continue;
      const { fold, counted, row } = after;
      for (const c of counted) count(cells, c, 1);
      const [was, is] = [monitored(before?.fold ?? null), monitored(fold)];
      if (cellKey(was) !== cellKey(is)) {
        if (was) count(cells, was, -1);
        if (is) count(cells, is, +1);
      }
      caseRows.push(row);
      this.remember(caseId, { revision: after.revision, fold });
    }

    await statements.write(trx, this.cases, CASES, caseRows, { replace: ['revision', 'region', 'beroepsgroep', 'status', 'hulp_month', 'next_check_due', 'fold'] });
    const values = [...cells.values()].sort(byKey); // in key order: one pass along the counters' b-tree
    await statements.write(trx, this.counts, COUNTS, values.filter((v) => v[6] !== 0), { add: 'n' });
    // A case that left a monitoring cell may have emptied it: keep no empty rows.
    const emptied = values.filter((v) => (v[6] as number) < 0);
    if (emptied.length > 0) {
      const sql = trx
        .deleteFrom(this.counts)
        .where('dimension', '=', '')
        .where('measure', '=', '')
        .where('grp', '=', '')
        .where('code', '=', '')
        .where('days', '=', 0)
        .where('month', '=', '')
        .where('n', '=', 0)
        .compile().sql;
      for (const v of emptied) await trx.executeQuery(CompiledQuery.raw(sql, [...v.slice(0, 6), 0]));
    }
  }

  private remember(caseId: string, entry: Folded): void {
    this.recent.delete(caseId);
    this.recent.set(caseId, entry);
    if (this.recent.size > this.cacheSize) this.recent.delete(this.recent.keys().next().value!);
  }
}

interface Counted extends Folded {
  counted: AnalyticCount[];
  row: unknown[];
}

const BLOCKED = new BlockedByParkedEventError();

/** The case's fold after `fresh` with what it counts; events that do not fit are parked (see the case projection). */
function foldCase(caseId: string, before: Folded | undefined, fresh: StoredEvent[], batch: BatchContext): Counted | Folded | undefined {
  const onto = (from: Folded | Counted | undefined, events: StoredEvent[]): Counted | Folded | undefined => {
    const counted: AnalyticCount[] = from && 'counted' in from ? [...from.counted] : [];
    let fold = from?.fold ?? null;
    let revision = from?.revision ?? -1;
    for (const event of events) {
      fold = foldCaseAnalytics(fold, recordedCaseEvent(event), (c) => counted.push(checked(c)));
      revision = event.revision;
    }
    if (fold === null) return from;
    return { revision, fold, counted, row: caseRow(caseId, revision, fold) };
  };
  if (batch.isParked(fresh[0].streamId)) {
    for (const event of fresh) batch.park(event, BLOCKED);
    return before;
  }
  try {
    return onto(before, fresh);
  } catch {
    let good: Counted | Folded | undefined = before;
    for (let i = 0; i < fresh.length; i++) {
      try {
        good = onto(good, [fresh[i]]);
      } catch (error) {
        batch.park(fresh[i], error);
        for (const later of fresh.slice(i + 1)) batch.park(later, BLOCKED);
        break;
      }
    }
    return good;
  }
}

function caseRow(caseId: string, revision: number, fold: CaseAnalytics): unknown[] {
  return rowValues(CASES, {
    case_id: caseId,
    revision,
    region: fold.region,
    beroepsgroep: fold.beroepsgroep,
    status: fold.status,
    hulp_month: fold.hulpOn === null ? null : fold.hulpOn.slice(0, 7),
    next_check_due: fold.nextCheckDue,
    fold: JSON.stringify(fold),
  });
}

/** A count whose cell the counters table takes (its code and group come from event data). */
function checked(c: AnalyticCount): AnalyticCount {
  const fits = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;
  if (!fits(c.code, 40) || !fits(c.region, 100) || !fits(c.beroepsgroep, 100) || !fits(c.month, 7) || !Number.isSafeInteger(c.days)) {
    throw new ProjectionDataError('analytics_counts would not take a count of this event (its code, region, month or days)');
  }
  return c;
}

/** Adds `delta` to the cell of `c` in each dimension: [dimension, measure, grp, code, days, month, n]. */
function count(cells: Map<string, unknown[]>, c: AnalyticCount, delta: number): void {
  const tail = c.measure + '\u0000' + c.code + '\u0000' + c.days + '\u0000' + c.month;
  cell(cells, 'region', c.region, tail, c, delta);
  cell(cells, 'beroepsgroep', c.beroepsgroep, tail, c, delta);
  cell(cells, 'month', c.month, tail, c, delta);
}

function cell(cells: Map<string, unknown[]>, dimension: string, grp: string, tail: string, c: AnalyticCount, delta: number): void {
  const key = dimension + '\u0000' + grp + '\u0000' + tail;
  const found = cells.get(key);
  if (found) found[6] = (found[6] as number) + delta;
  else cells.set(key, [dimension, c.measure, grp, c.code, c.days, c.month, delta]);
}

function byKey(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < 6; i++) if (a[i] !== b[i]) return (a[i] as string | number) < (b[i] as string | number) ? -1 : 1;
  return 0;
}

const cellKey = (c: AnalyticCount | null) => (c === null ? '' : `${c.measure}|${c.month}|${c.region}|${c.beroepsgroep}|${c.code}|${c.days}`);

/** The counter cell of a case under monitoring: open, with help; null otherwise. */
function monitored(fold: CaseAnalytics | null): AnalyticCount | null {
  if (fold === null || fold.status !== 'open' || fold.hulpOn === null) return null;
  const code = fold.nextCheckDue === null ? NO_CHECK_DUE : fold.nextCheckDue.slice(0, 7);
  return { measure: 'monitored', month: fold.hulpOn.slice(0, 7), region: fold.region, beroepsgroep: fold.beroepsgroep, code, days: 0 };
}
