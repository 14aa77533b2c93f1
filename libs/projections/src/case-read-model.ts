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
import { StoredEvent } from '@zicht/event-store';
import { Kysely } from 'kysely';
import { compactState, withoutUnshownPersonalData } from './case-row';
import { RADAR, radarRow } from './radar';
import { BlockedByParkedEventError } from './parked';
import { BatchContext, Projection, ProjectionWriter } from './projection';
import { ReadModelDb } from './read-model-database';
import { caseIdOf } from './streams';
import { GenerationNames, ProjectionDataError, RowOf, TableSpec, int, longText, rowValues, text } from './table-spec';

const CASES = {
  name: 'case_read_model',
  columns: {
    case_id: text(36),
    revision: int(),
    status: text(20),
    region: text(10),
    opened_at: text(40),
    last_event_at: text(40),
    /** 1 while an event of the case is parked: the state stops before it, and answers say so. */
    parked: int(),
    /** The compact state (JSON, see case-row.ts): summary, accountability and compliance are computed from it with the clock. */
    state: longText(),
  },
  key: ['case_id'],
  indexes: { case_read_model_opened: ['opened_at', 'case_id'] },
} satisfies TableSpec;

const ACCESS = {
  name: 'case_access',
  columns: {
    case_id: text(36),
    /** 'organisation' | 'veilig-thuis-region' */
    kind: text(30),
    value: text(200),
  },
  key: ['case_id', 'kind', 'value'],
  keyOrdered: true,
  indexes: { case_access_by_party: ['kind', 'value', 'case_id'] },
} satisfies TableSpec;

const DUE = {
  name: 'case_due_items',
  columns: {
    case_id: text(36),
    /** The item's place among the case's items. */
    seq: int(),
    kind: text(40),
    due_date: text(10),
    ref_event_id: text(36),
    /** The item as the domain describes it (JSON; no personal data). */
    item: longText(),
  },
  key: ['case_id', 'seq'],
  keyOrdered: true,
  indexes: { case_due_items_by_date: ['due_date', 'case_id'] },
} satisfies TableSpec;

export interface CaseTables {
  case_read_model: RowOf<typeof CASES>;
  case_access: RowOf<typeof ACCESS>;
  case_due_items: RowOf<typeof DUE>;
}

/**
 * The case read model: per case its compact state (for summary, accountability and compliance,
 * computed with the clock at query time so that nothing stored goes stale), who may see it, and its
 * time-bound obligations (for the worklist and the overdue filter), and its radar row (radar.ts:
 * the child's key and what Veilig Thuis may know of the case), all from one fold of the case.
 */
export class CaseProjection implements Projection {
  readonly name = 'cases';
  /** 4: the row keeps the melder's feedback texts (sealed) for GET /cases/:id/feedback. */
  /** 5: the radar rows (radar_cases) come from this fold; the row keeps one signal of each category. */
  readonly version = 5;
  readonly tables = [CASES, ACCESS, DUE, RADAR];
  readonly migrations = [];

  /** @param cacheSize how many recently written cases each writer keeps in memory. */
  constructor(private readonly cacheSize = 5_000) {}

  createWriter(names: GenerationNames): ProjectionWriter {
    return new CaseWriter(names, this.cacheSize);
  }
}

/** A case as last written: its state, and the access and due rows written from it. */
interface Written {
  state: ExistingCaseState;
  /** Its case row's values (not parked). */
  row: unknown[];
  access: unknown[][];
  due: unknown[][];
  radar: unknown[];
  /** To tell whether the access, due or radar rows changed. */
  accessKey: string;
  dueKey: string;
  radarKey: string;
}

/** What is kept of a written case between batches (its rows are made again when it changes). */
type Remembered = Pick<Written, 'state' | 'accessKey' | 'dueKey' | 'radarKey'>;

const BLOCKED = new BlockedByParkedEventError();

/**
 * One write per case per batch: the batch's events of a case are folded in memory onto the state it
 * had (remembered, or read back once), and its rows are written once, many rows per statement.
 */
class CaseWriter implements ProjectionWriter {
  /**
   * Recently written cases: one that receives event after event is not read back and parsed each
   * time. An entry is used only when the stored row has the same revision, so a batch that was
   * rolled back (the row is older) is never trusted.
   */
  private readonly recent = new Map<string, Remembered>();
  private readonly t: { cases: string; access: string; due: string; radar: string };

  constructor(names: GenerationNames, private readonly cacheSize: number) {
    this.t = { cases: names.table(CASES.name), access: names.table(ACCESS.name), due: names.table(DUE.name), radar: names.table(RADAR.name) };
  }

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
    const rows = await statements.selectWhereIn<{ case_id: string; revision: number; parked: number }>(trx, this.t.cases, ['case_id', 'revision', 'parked'], 'case_id', ids);
    const stored = new Map(rows.map((r) => [r.case_id, r]));
    const unknown = rows.filter((r) => this.recent.get(r.case_id)?.state.revision !== r.revision).map((r) => r.case_id);
    const loaded = new Map<string, Remembered>();
    for (const r of await statements.selectWhereIn<{ case_id: string; state: string }>(trx, this.t.cases, ['case_id', 'state'], 'case_id', unknown)) {
      loaded.set(r.case_id, remembered(JSON.parse(r.state) as ExistingCaseState));
    }

    const caseRows: unknown[][] = [];
    const accessRows: unknown[][] = [];
    const dueRows: unknown[][] = [];
    const radarRows: unknown[][] = [];
    const replaceAccess: string[] = [];
    const replaceDue: string[] = [];
    for (const [caseId, list] of byCase) {
      const row = stored.get(caseId);
      const before = row ? (this.recent.get(caseId)?.state.revision === row.revision ? this.recent.get(caseId) : loaded.get(caseId)) : undefined;
      const fresh = row ? list.filter((e) => e.revision > row.revision) : list;
      if (fresh.length === 0) continue;
      const after = fold(before, fresh, batch);
      const parked = batch.isParked(fresh[0].streamId) ? 1 : 0;
      if (after === undefined) {
        // Nothing applied: only the parked flag may have to be set on the row the case has.
        if (before !== undefined && row?.parked !== parked) caseRows.push(withParked(written(before.state).row, parked));
        continue;
      }
      caseRows.push(withParked(after.row, parked));
      const now = after;
      if (before === undefined || now.accessKey !== before.accessKey) {
        if (row) replaceAccess.push(caseId);
        accessRows.push(...now.access);
      }
      if (before === undefined || now.dueKey !== before.dueKey) {
        if (row) replaceDue.push(caseId);
        dueRows.push(...now.due);
      }
      if (before === undefined || now.radarKey !== before.radarKey) radarRows.push(now.radar);
      this.remember(caseId, { state: now.state, accessKey: now.accessKey, dueKey: now.dueKey, radarKey: now.radarKey });
    }

    await statements.write(trx, this.t.cases, CASES, caseRows, { replace: ['revision', 'status', 'region', 'opened_at', 'last_event_at', 'parked', 'state'] });
    await statements.deleteWhereIn(trx, this.t.access, 'case_id', replaceAccess);
    await statements.write(trx, this.t.access, ACCESS, accessRows);
    await statements.deleteWhereIn(trx, this.t.due, 'case_id', replaceDue);
    await statements.write(trx, this.t.due, DUE, dueRows);
    await statements.write(trx, this.t.radar, RADAR, radarRows, { replace: ['child_key', 'first_melding', 'entry'] });
  }

  private remember(caseId: string, entry: Remembered): void {
    this.recent.delete(caseId); // most recently used last
    this.recent.set(caseId, entry);
    if (this.recent.size > this.cacheSize) this.recent.delete(this.recent.keys().next().value!);
  }
}

/**
 * The case after `fresh`, or `before` when none applies. An event that cannot be folded (or whose
 * state gives rows that do not fit) is parked with every later one of the case, so the state stops
 * at the last event that fits; a case whose stream already has a parked event takes nothing more.
 */
function fold(before: Remembered | undefined, fresh: StoredEvent[], batch: BatchContext): Written | undefined {
  if (batch.isParked(fresh[0].streamId)) {
    for (const event of fresh) batch.park(event, BLOCKED);
    return undefined;
  }
  const onto = (from: Remembered | undefined, events: StoredEvent[]): Written | undefined => {
    let state: CaseState = from?.state ?? initialState;
    for (const event of events) state = evolve(state, withoutUnshownPersonalData(recordedCaseEvent(event)));
    if (state.status === 'none') return undefined;
    if (state.caseId !== caseIdOf(events[0].streamId)) throw new ProjectionDataError('case-opened names another case than its stream');
    return written(compactState(state));
  };
  try {
    return onto(before, fresh);
  } catch {
    // Find the first event that does not fit, one at a time (only ever on a failure).
    let good: Written | undefined;
    for (let i = 0; i < fresh.length; i++) {
      try {
        good = onto(good ?? before, [fresh[i]]) ?? good;
      } catch (error) {
        batch.park(fresh[i], error);
        for (const later of fresh.slice(i + 1)) batch.park(later, BLOCKED);
        break;
      }
    }
    return good;
  }
}

/** The rows of a state, checked against their tables (a state that gives no valid rows throws). */
function written(state: ExistingCaseState): Written {
  const row = rowValues(CASES, {
    case_id: state.caseId,
    revision: state.revision,
    status: state.status,
    region: state.region,
    opened_at: state.openedAt,
    last_event_at: state.lastOccurredAt,
    parked: 0,
    state: JSON.stringify(state),
  });
  return { row, ...rowsBesideTheCase(state) };
}

/** What is remembered of a stored state read back: what its rows beside the case row are (its case row is made again when it changes). */
function remembered(state: ExistingCaseState): Remembered {
  const { access: _access, due: _due, radar: _radar, ...keys } = rowsBesideTheCase(state);
  return keys;
}

function rowsBesideTheCase(state: ExistingCaseState): Omit<Written, 'row'> {
  const involved = involvement(state);
  const access = [
    ...involved.organisations.map((value) => rowValues(ACCESS, { case_id: state.caseId, kind: 'organisation', value })),
    ...involved.veiligThuisRegions.map((value) => rowValues(ACCESS, { case_id: state.caseId, kind: 'veilig-thuis-region', value })),
  ];
  const items = dueItems(state).map((item) => ({ item, json: JSON.stringify(item) }));
  const due = items.map(({ item, json }, seq) => rowValues(DUE, { case_id: state.caseId, seq, kind: item.kind, due_date: item.dueDate, ref_event_id: item.refEventId, item: json }));
  const radar = radarRow(state);
  return { state, access, due, radar, accessKey: access.map((a) => `${a[1]}=${a[2]}`).join('\n'), dueKey: items.map((i) => i.json).join('\n'), radarKey: radar.join('\n') };
}

const PARKED_COLUMN = Object.keys(CASES.columns).indexOf('parked');
const withParked = (row: unknown[], parked: number) => (parked ? row.map((v, i) => (i === PARKED_COLUMN ? 1 : v)) : row);

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
  /** Only cases whose child (by its radar key) is the child of another case that reached Veilig Thuis. */
  childKnownToVeiligThuis?: boolean;
  /** From the previous page. */
  cursor?: string;
  limit: number;
}

/** A case as its read model holds it. */
export interface CaseView {
  state: ExistingCaseState;
  /** An event of the case is parked: the state stops before it (see /admin/projections/parked). */
  incomplete: boolean;
}

export interface CaseListPage {
  cases: CaseView[];
  nextCursor: string | null;
}

/** Queries on the case read model, each limited to what the principal may see. */
export class CaseReadModel {
  constructor(private readonly db: ReadModelDb) {}

  async get(caseId: string): Promise<CaseView | null> {
    const row = await this.db.selectFrom('case_read_model').select(['state', 'parked']).where('case_id', '=', caseId).executeTakeFirst();
    return row ? view(row) : null;
  }

  /** The cases this principal may see, newest first, paged by an opaque cursor. */
  async list(principal: Principal, options: CaseListOptions): Promise<CaseListPage> {
    let query = this.db.selectFrom('case_read_model as c').select(['c.case_id', 'c.opened_at', 'c.state', 'c.parked']);
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
    if (options.childKnownToVeiligThuis) {
      // The radar rows of this projection: another case about the same child that reached Veilig Thuis.
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('radar_cases as own')
            .innerJoin('radar_cases as other', 'other.child_key', 'own.child_key')
            .select('own.case_id')
            .whereRef('own.case_id', '=', 'c.case_id')
            .whereRef('other.case_id', '<>', 'own.case_id')
            .where('other.first_melding', 'is not', null),
        ),
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
      cases: page.map(view),
      nextCursor: rows.length > options.limit && last ? encodeCursor(last.opened_at, last.case_id) : null,
    };
  }

  /** The due and overdue obligations across the principal's open cases, earliest first. */
  async dueItems(principal: Principal, dueBefore: string, limit: number): Promise<DueItem[]> {
    let query = this.db.selectFrom('case_due_items as d').innerJoin('case_read_model as c', 'c.case_id', 'd.case_id').select(['d.item']);
    query = this.visibleTo(query, principal);
    const rows = await query.where('d.due_date', '<=', dueBefore).orderBy('d.due_date').orderBy('d.case_id').orderBy('d.kind').orderBy('d.ref_event_id').limit(limit).execute();
    return rows.map((r) => JSON.parse(r.item) as DueItem);
  }

  /** Every table, in a fixed order: to compare a rebuilt read model with a live one. */
  async dump(): Promise<Record<string, unknown[]>> {
    return {
      cases: await this.db.selectFrom('case_read_model').selectAll().orderBy('case_id').execute(),
      access: await this.db.selectFrom('case_access').selectAll().orderBy('case_id').orderBy('kind').orderBy('value').execute(),
      due: await this.db.selectFrom('case_due_items').selectAll().orderBy('case_id').orderBy('seq').execute(),
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

function view(row: { state: string; parked: number }): CaseView {
  return { state: JSON.parse(row.state) as ExistingCaseState, incomplete: row.parked === 1 };
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
