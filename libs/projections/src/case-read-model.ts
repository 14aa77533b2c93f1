import {
  CaseState,
  DueItem,
  ExistingCaseState,
  Principal,
  dueItems,
  evolve,
  initialState,
  involvement,
  recordedCaseEvent,
} from '@zicht/case-domain';
import { CASE_STREAM_PREFIX, StoredEvent } from '@zicht/event-store';
import { Transaction } from 'kysely';
import { Projection } from './projection-runner';
import { ReadModelDb, ReadModelTables } from './read-model-database';

const caseIdOf = (streamId: string) => streamId.slice(CASE_STREAM_PREFIX.length);

/**
 * The case read model: per case its folded state (for summary, accountability and compliance,
 * computed with the clock at query time so that nothing stored goes stale), who may see it, and its
 * time-bound obligations (for the worklist and the overdue filter).
 */
export class CaseProjection implements Projection {
  readonly name = 'cases';
  /**
   * Recently projected states by case, with their revision: a case that receives event after event
   * is not read back and parsed each time. An entry is used only when the stored row has the same
   * revision, so a batch that was rolled back (the row is older) is never trusted.
   */
  private readonly recent = new Map<string, { revision: number; state: ExistingCaseState }>();

  constructor(private readonly cacheSize = 5_000) {}

  async apply(trx: Transaction<ReadModelTables>, events: StoredEvent[]): Promise<void> {
    const byCase = new Map<string, StoredEvent[]>();
    for (const event of events) {
      if (!event.streamId.startsWith(CASE_STREAM_PREFIX)) continue;
      const list = byCase.get(event.streamId) ?? [];
      list.push(event);
      byCase.set(event.streamId, list);
    }
    for (const [streamId, caseEvents] of byCase) {
      const caseId = caseIdOf(streamId);
      const row = await trx.selectFrom('case_read_model').select('revision').where('case_id', '=', caseId).executeTakeFirst();
      const cached = this.recent.get(caseId);
      let previous: CaseState = initialState;
      if (row && cached?.revision === row.revision) {
        previous = cached.state;
      } else if (row) {
        const stored = await trx.selectFrom('case_read_model').select('state').where('case_id', '=', caseId).executeTakeFirstOrThrow();
        previous = JSON.parse(stored.state) as CaseState;
      }
      let state = previous;
      let revision = row ? row.revision : -1;
      const before = revision;
      for (const event of caseEvents) {
        if (event.revision <= revision) continue; // already projected: idempotent per case as well
        state = evolve(state, recordedCaseEvent(event));
        revision = event.revision;
      }
      if (revision === before || state.status === 'none') continue;
      await this.write(trx, caseId, state, revision, previous.status === 'none' ? null : previous);
      this.remember(caseId, revision, state);
    }
  }

  private remember(caseId: string, revision: number, state: ExistingCaseState): void {
    this.recent.delete(caseId); // most recently used last
    this.recent.set(caseId, { revision, state });
    if (this.recent.size > this.cacheSize) this.recent.delete(this.recent.keys().next().value!);
  }

  private async write(
    trx: Transaction<ReadModelTables>,
    caseId: string,
    state: ExistingCaseState,
    revision: number,
    previous: ExistingCaseState | null,
  ): Promise<void> {
    const row = {
      case_id: caseId,
      revision,
      status: state.status,
      region: state.region,
      opened_at: state.openedAt,
      last_event_at: state.lastOccurredAt,
      state: JSON.stringify(state),
    };
    const { case_id: _id, ...update } = row;
    await trx.insertInto('case_read_model').values(row).onConflict((oc) => oc.column('case_id').doUpdateSet(update)).execute();

    // Most events (a signal, a consultation) change neither who may see the case nor what is due:
    // rewrite those rows only when they changed.
    const involved = involvement(state);
    const items = dueItems(state);
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    if (previous !== null && same(involved, involvement(previous)) && same(items, dueItems(previous))) return;

    await trx.deleteFrom('case_access').where('case_id', '=', caseId).execute();
    const access = [
      ...involved.organisations.map((value) => ({ case_id: caseId, kind: 'organisation', value })),
      ...involved.veiligThuisRegions.map((value) => ({ case_id: caseId, kind: 'veilig-thuis-region', value })),
    ];
    if (access.length > 0) await trx.insertInto('case_access').values(access).execute();

    await trx.deleteFrom('case_due_items').where('case_id', '=', caseId).execute();
    if (items.length > 0) {
      await trx
        .insertInto('case_due_items')
        .values(items.map((item) => ({ case_id: caseId, kind: item.kind, due_date: item.dueDate, ref_event_id: item.refEventId, item: JSON.stringify(item) })))
        .execute();
    }
  }
}

export interface CaseListOptions {
  status?: 'open' | 'closed';
  /** Only cases of this Veilig Thuis region (the case's own region). */
  region?: string;
  /** Only cases this organisation is involved in (opened, or holds or held a responsibility). */
  organisation?: string;
  /** Only cases opened at or after this ISO instant. */
  openedFrom?: string;
  /** Only cases opened before this ISO instant. */
  openedBefore?: string;
  /** Only cases with an obligation due before `today`. */
  overdueBefore?: string;
  /** From the previous page. */
  cursor?: string;
  limit: number;
}

export interface CaseListPage {
  states: ExistingCaseState[];
  nextCursor: string | null;
}

/** Queries on the case read model, each limited to what the principal may see. */
export class CaseReadModel {
  constructor(private readonly db: ReadModelDb) {}

  async get(caseId: string): Promise<ExistingCaseState | null> {
    const row = await this.db.selectFrom('case_read_model').select('state').where('case_id', '=', caseId).executeTakeFirst();
    return row ? (JSON.parse(row.state) as ExistingCaseState) : null;
  }

  /** The cases this principal may see, newest first, paged by an opaque cursor. */
  async list(principal: Principal, options: CaseListOptions): Promise<CaseListPage> {
    let query = this.db.selectFrom('case_read_model as c').select(['c.case_id', 'c.opened_at', 'c.state']);
    query = this.visibleTo(query, principal);
    if (options.status) query = query.where('c.status', '=', options.status);
    if (options.region) query = query.where('c.region', '=', options.region);
    if (options.organisation) query = this.accessibleBy(query, 'organisation', options.organisation);
    if (options.openedFrom) query = query.where('c.opened_at', '>=', options.openedFrom);
    if (options.openedBefore) query = query.where('c.opened_at', '<', options.openedBefore);
    if (options.overdueBefore) {
      const before = options.overdueBefore;
      query = query.where((eb) =>
        eb.exists(eb.selectFrom('case_due_items as d').select('d.case_id').whereRef('d.case_id', '=', 'c.case_id').where('d.due_date', '<', before)),
      );
    }
    const cursor = decodeCursor(options.cursor);
    if (cursor) {
      query = query.where((eb) =>
        eb.or([eb('c.opened_at', '<', cursor.openedAt), eb.and([eb('c.opened_at', '=', cursor.openedAt), eb('c.case_id', '<', cursor.caseId)])]),
      );
    }
    const rows = await query.orderBy('c.opened_at', 'desc').orderBy('c.case_id', 'desc').limit(options.limit + 1).execute();
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    return {
      states: page.map((r) => JSON.parse(r.state) as ExistingCaseState),
      nextCursor: rows.length > options.limit && last ? encodeCursor(last.opened_at, last.case_id) : null,
    };
  }

  /** The due and overdue obligations across the principal's open cases, earliest first. */
  async dueItems(principal: Principal, dueBefore: string, limit: number): Promise<DueItem[]> {
    let query = this.db.selectFrom('case_due_items as d').innerJoin('case_read_model as c', 'c.case_id', 'd.case_id').select(['d.item']);
    query = this.visibleTo(query, principal);
    const rows = await query.where('d.due_date', '<=', dueBefore).orderBy('d.due_date').orderBy('d.case_id').limit(limit).execute();
    return rows.map((r) => JSON.parse(r.item) as DueItem);
  }

  /** Every table, in a fixed order: to compare a rebuilt read model with a live one. */
  async dump(): Promise<Record<string, unknown[]>> {
    return {
      cases: await this.db.selectFrom('case_read_model').selectAll().orderBy('case_id').execute(),
      access: await this.db.selectFrom('case_access').selectAll().orderBy('case_id').orderBy('kind').orderBy('value').execute(),
      due: await this.db.selectFrom('case_due_items').selectAll().orderBy('case_id').orderBy('kind').orderBy('due_date').orderBy('ref_event_id').execute(),
    };
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private visibleTo<Q extends { where: (...args: any[]) => Q }>(query: Q, principal: Principal): Q {
    switch (principal.role) {
      case 'inspector':
        return query;
      case 'professional':
        return this.accessibleBy(query, 'organisation', principal.organisation);
      case 'veilig-thuis':
        return principal.region ? this.accessibleBy(query, 'veilig-thuis-region', principal.region) : query.where(() => false as never);
      default:
        throw new Error(`role ${principal.role} lists no cases`);
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private accessibleBy<Q extends { where: (...args: any[]) => Q }>(query: Q, kind: string, value: string): Q {
    return query.where((eb: any) =>
      eb.exists(eb.selectFrom('case_access as a').select('a.case_id').whereRef('a.case_id', '=', 'c.case_id').where('a.kind', '=', kind).where('a.value', '=', value)),
    );
  }
}

function encodeCursor(openedAt: string, caseId: string): string {
  return Buffer.from(JSON.stringify([openedAt, caseId])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { openedAt: string; caseId: string } | null {
  if (!cursor) return null;
  try {
    const [openedAt, caseId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof openedAt === 'string' && typeof caseId === 'string') return { openedAt, caseId };
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not one this server gave out');
    this.name = 'InvalidCursorError';
  }
}
