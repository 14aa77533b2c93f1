import { CASE_STREAM_PREFIX, recordedCaseEvent } from '@zicht/case-domain';
import { StoredEvent } from '@zicht/event-store';
import { Transaction } from 'kysely';
import { Projection } from '../projection-runner';
import { ReadModelTables } from '../read-model-database';
import { AnalyticCount, CaseAnalytics, NO_CHECK_DUE, foldCaseAnalytics } from './case-analytics';

/** Rows per multi-row insert (well under SQLite's bound-parameter limit). */
const CHUNK = 200;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The analytic read model: per case its fold (region, beroepsgroep, status, the current help and
 * its next check), and counters per month, once per dimension, that the analyst tables add up with
 * GROUP BY. It runs in
 * the runner's transaction (each event once per committed batch) and, like the case projection,
 * also skips events at or below the revision it already holds for the case.
 */
export class AnalyticsProjection implements Projection {
  readonly name = 'analytics';

  async apply(trx: Transaction<ReadModelTables>, events: StoredEvent[]): Promise<void> {
    const byCase = new Map<string, StoredEvent[]>();
    for (const event of events) {
      if (!event.streamId.startsWith(CASE_STREAM_PREFIX)) continue;
      const caseId = event.streamId.slice(CASE_STREAM_PREFIX.length);
      const list = byCase.get(caseId);
      if (list) list.push(event);
      else byCase.set(caseId, [event]);
    }
    if (byCase.size === 0) return;

    const existing = new Map<string, { revision: number; fold: CaseAnalytics }>();
    for (const ids of chunks([...byCase.keys()], 500)) {
      const rows = await trx.selectFrom('analytics_case').select(['case_id', 'revision', 'fold']).where('case_id', 'in', ids).execute();
      for (const row of rows) existing.set(row.case_id, { revision: row.revision, fold: JSON.parse(row.fold) as CaseAnalytics });
    }

    const counts = new Map<string, ReadModelTables['analytics_counts']>();
    const count = (c: AnalyticCount, delta = 1) => {
      for (const [dimension, grp] of [['region', c.region], ['beroepsgroep', c.beroepsgroep], ['month', c.month]]) {
        const key = `${dimension}|${c.measure}|${grp}|${c.code}|${c.days}|${c.month}`;
        const cell = counts.get(key);
        if (cell) cell.n += delta;
        else counts.set(key, { dimension, measure: c.measure, grp, code: c.code, days: c.days, month: c.month, n: delta });
      }
    };

    const caseRows: ReadModelTables['analytics_case'][] = [];
    for (const [caseId, caseEvents] of byCase) {
      const before = existing.get(caseId);
      let fold: CaseAnalytics | null = before?.fold ?? null;
      let revision = before?.revision ?? -1;
      for (const event of caseEvents) {
        if (event.revision <= revision) continue; // already counted
        fold = foldCaseAnalytics(fold, recordedCaseEvent(event), count);
        revision = event.revision;
      }
      if (fold === null || revision === (before?.revision ?? -1)) continue;
      const [was, is] = [monitored(before?.fold ?? null), monitored(fold)];
      if (JSON.stringify(was) !== JSON.stringify(is)) {
        if (was) count(was, -1);
        if (is) count(is, +1);
      }
      caseRows.push({
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

    for (const rows of chunks(caseRows)) {
      await trx
        .insertInto('analytics_case')
        .values(rows)
        .onConflict((oc) =>
          oc.column('case_id').doUpdateSet((eb) => ({
            revision: eb.ref('excluded.revision'),
            region: eb.ref('excluded.region'),
            beroepsgroep: eb.ref('excluded.beroepsgroep'),
            status: eb.ref('excluded.status'),
            hulp_month: eb.ref('excluded.hulp_month'),
            next_check_due: eb.ref('excluded.next_check_due'),
            fold: eb.ref('excluded.fold'),
          })),
        )
        .execute();
    }
    for (const rows of chunks([...counts.values()].filter((c) => c.n !== 0))) {
      await trx
        .insertInto('analytics_counts')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['dimension', 'measure', 'grp', 'code', 'days', 'month']).doUpdateSet((eb) => ({ n: eb('analytics_counts.n', '+', eb.ref('excluded.n')) })),
        )
        .execute();
    }
    // A case that left a monitoring cell may have emptied it: keep no empty rows.
    for (const c of counts.values()) {
      if (c.n >= 0) continue;
      await trx
        .deleteFrom('analytics_counts')
        .where('dimension', '=', c.dimension)
        .where('measure', '=', c.measure)
        .where('grp', '=', c.grp)
        .where('code', '=', c.code)
        .where('days', '=', c.days)
        .where('month', '=', c.month)
        .where('n', '=', 0)
        .execute();
    }
  }
}

/** The counter cell of a case under monitoring: open, with help; null otherwise. */
function monitored(fold: CaseAnalytics | null): AnalyticCount | null {
  if (fold === null || fold.status !== 'open' || fold.hulpOn === null) return null;
  const code = fold.nextCheckDue === null ? NO_CHECK_DUE : fold.nextCheckDue.slice(0, 7);
  return { measure: 'monitored', month: fold.hulpOn.slice(0, 7), region: fold.region, beroepsgroep: fold.beroepsgroep, code, days: 0 };
}
