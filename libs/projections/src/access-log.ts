import { StoredEvent } from '@zicht/event-store';
import { Transaction } from 'kysely';
import { decodePosition, encodePosition } from './position';
import { Projection } from './projection-runner';
import { ReadModelDb, ReadModelTables } from './read-model-database';

/**
 * The access log's events, in the `access-<YYYY-MM-DD>` streams of the event store (so they are in
 * the hash chains and the log digest like every case event). No personal data: who (the key's
 * principal), which route pattern, which case ids, the answer's status; never a query string, a
 * body or a key.
 */
export const ACCESS_EVENT_TYPES = ['case-read', 'access-refused'] as const;
export type AccessEventType = (typeof ACCESS_EVENT_TYPES)[number];

export interface AccessEventData {
  [key: string]: unknown;
  /** Null when the request carried no known key. */
  principal: { id: string; role: string; organisation: string; region?: string } | null;
  method: string;
  /** The route pattern, e.g. `/cases/:id/history`. */
  route: string;
  caseIds: string[];
  status: number;
  requestId: string;
}

/** The access log's streams: `access-<YYYY-MM-DD>`. */
export const ACCESS_STREAM_PREFIX = 'access-';

export function accessStreamId(at: string): string {
  return `${ACCESS_STREAM_PREFIX}${at.slice(0, 10)}`;
}

export class AccessLogProjection implements Projection {
  readonly name = 'access-log';

  async apply(trx: Transaction<ReadModelTables>, events: StoredEvent[]): Promise<void> {
    for (const event of events) {
      if (!event.streamId.startsWith(ACCESS_STREAM_PREFIX)) continue;
      if (!(ACCESS_EVENT_TYPES as readonly string[]).includes(event.type)) continue;
      const data = event.data as unknown as AccessEventData;
      const position = encodePosition(event.position);
      await trx
        .insertInto('access_log')
        .values({
          position,
          event_id: event.metadata.eventId,
          at: event.metadata.recordedAt,
          outcome: event.type === 'case-read' ? 'read' : 'refused',
          principal_id: data.principal?.id ?? null,
          role: data.principal?.role ?? null,
          organisation: data.principal?.organisation ?? null,
          method: data.method,
          route: data.route,
          status: data.status,
          request_id: data.requestId,
        })
        .execute();
      const caseIds = [...new Set(data.caseIds)];
      if (caseIds.length > 0) await trx.insertInto('access_log_cases').values(caseIds.map((case_id) => ({ position, case_id }))).execute();
    }
  }
}

export interface AccessLogEntry {
  eventId: string;
  at: string;
  outcome: 'read' | 'refused';
  principal: { id: string; role: string; organisation: string } | null;
  method: string;
  route: string;
  status: number;
  caseIds: string[];
  requestId: string;
}

export interface AccessLogFilter {
  caseId?: string;
  principalId?: string;
  /** Inclusive ISO instants on `at` (recordedAt). */
  from?: string;
  to?: string;
  /** The previous page's `next`. */
  after?: string;
  limit: number;
}

export class AccessLogReadModel {
  constructor(private readonly db: ReadModelDb) {}

  /** Oldest first, paged by the log position. */
  async query(filter: AccessLogFilter): Promise<{ entries: AccessLogEntry[]; next: string | null }> {
    let query = this.db.selectFrom('access_log as l').selectAll('l');
    if (filter.caseId !== undefined) {
      const caseId = filter.caseId;
      query = query.where((eb) => eb.exists(eb.selectFrom('access_log_cases as c').select('c.position').whereRef('c.position', '=', 'l.position').where('c.case_id', '=', caseId)));
    }
    if (filter.principalId !== undefined) query = query.where('l.principal_id', '=', filter.principalId);
    if (filter.from !== undefined) query = query.where('l.at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('l.at', '<=', filter.to);
    if (filter.after !== undefined) {
      const after = decodePosition(filter.after);
      if (after !== null) query = query.where('l.position', '>', encodePosition(after));
    }
    const rows = await query.orderBy('l.position').limit(filter.limit + 1).execute();
    const page = rows.slice(0, filter.limit);
    const cases = page.length
      ? await this.db.selectFrom('access_log_cases').select(['position', 'case_id']).where('position', 'in', page.map((r) => r.position)).orderBy('case_id').execute()
      : [];
    const casesOf = new Map<string, string[]>();
    for (const c of cases) casesOf.set(c.position, [...(casesOf.get(c.position) ?? []), c.case_id]);
    return {
      entries: page.map((r) => ({
        eventId: r.event_id,
        at: r.at,
        outcome: r.outcome as 'read' | 'refused',
        principal: r.principal_id === null ? null : { id: r.principal_id, role: r.role ?? '', organisation: r.organisation ?? '' },
        method: r.method,
        route: r.route,
        status: r.status,
        caseIds: casesOf.get(r.position) ?? [],
        requestId: r.request_id,
      })),
      next: rows.length > filter.limit ? String(decodePosition(page[page.length - 1].position)) : null,
    };
  }
}
