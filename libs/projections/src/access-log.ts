import { StoredEvent } from '@zicht/event-store';
import { Kysely } from 'kysely';
import { decodePosition, encodePosition } from './position';
import { BatchContext, Projection, ProjectionWriter } from './projection';
import { ReadModelDb } from './read-model-database';
import { isAccessStream } from './streams';
import { GenerationNames, RowOf, TableSpec, int, nullableText, rowValues, text } from './table-spec';

export { accessStreamId } from './streams';

/**
 * The access log's events, in the `access-<YYYY-MM-DD>` streams of the event store (so they are in
 * the hash chains and the log digest like every case event). No personal data: who (the key's
 * principal), which route pattern, which case ids, the answer's status; never a query string, a
 * body or a key.
 */
export const ACCESS_EVENT_TYPES = ['case-read', 'access-refused', 'access-refusals-counted'] as const;
export type AccessEventType = (typeof ACCESS_EVENT_TYPES)[number];

/**
 * Refusals without a valid key (and every rate-limited request) are counted, not stored one by one:
 * one `access-refusals-counted` per client address, reason and minute, so that a flood cannot grow
 * the hash-chained store. Refusals by a known principal stay `access-refused`, one by one.
 */
export interface AccessRefusalsCountedData {
  [key: string]: unknown;
  /** The principal whose requests were rate-limited; null for requests without a valid key. */
  principal: { id: string; role: string; organisation: string; region?: string } | null;
  clientAddress: string;
  /** 'no-key' | 'unknown-key' | 'rate-limited' */
  reason: string;
  status: number;
  count: number;
  /** The minute the window covers: [from, until). */
  from: string;
  until: string;
  /** The route patterns asked for (at most a few). */
  routes: string[];
}

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

const LOG = {
  name: 'access_log',
  columns: {
    /** The global position (zero-padded decimal): the order of the log. */
    position: text(40),
    event_id: text(36),
    at: text(40),
    /** 'read' | 'refused' */
    outcome: text(10),
    principal_id: nullableText(200),
    role: nullableText(20),
    organisation: nullableText(200),
    method: text(10),
    route: text(200),
    status: int(),
    request_id: text(100),
    /** How many requests the row stands for: 1, or the count of an aggregated window of refusals. */
    count: int(),
    /** Aggregated refusals: the client address they came from. */
    client_address: nullableText(64),
  },
  key: ['position'],
  indexes: { access_log_by_principal: ['principal_id', 'position'], access_log_by_time: ['at'] },
} satisfies TableSpec;

const LOG_CASES = {
  name: 'access_log_cases',
  columns: { position: text(40), case_id: text(36) },
  key: ['case_id', 'position'],
} satisfies TableSpec;

/** The access log (who read which case, every refused attempt), from the `access-` streams. */
export interface AccessLogTables {
  access_log: RowOf<typeof LOG>;
  access_log_cases: RowOf<typeof LOG_CASES>;
}

export class AccessLogProjection implements Projection {
  readonly name = 'access-log';
  /** 2: aggregated refusals (count, client address). */
  readonly version = 2;
  readonly tables = [LOG, LOG_CASES];
  readonly migrations = [];

  createWriter(names: GenerationNames): ProjectionWriter {
    const log = names.table(LOG.name);
    const cases = names.table(LOG_CASES.name);
    return {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      async apply(trx: Kysely<any>, events: StoredEvent[], batch: BatchContext): Promise<void> {
        const logRows: unknown[][] = [];
        const caseRows: unknown[][] = [];
        for (const event of events) {
          if (!isAccessStream(event.streamId) || !(ACCESS_EVENT_TYPES as readonly string[]).includes(event.type)) continue;
          try {
            const position = encodePosition(event.position);
            if (event.type === 'access-refusals-counted') {
              const counted = event.data as unknown as AccessRefusalsCountedData;
              logRows.push(
                rowValues(LOG, {
                  position,
                  event_id: event.metadata.eventId,
                  at: counted.from,
                  outcome: 'refused',
                  principal_id: counted.principal?.id ?? null,
                  role: counted.principal?.role ?? null,
                  organisation: counted.principal?.organisation ?? null,
                  method: '*',
                  route: counted.routes.join(' ').slice(0, 200),
                  status: counted.status,
                  request_id: counted.reason,
                  count: counted.count,
                  client_address: counted.clientAddress.slice(0, 64),
                }),
              );
              continue;
            }
            const data = event.data as unknown as AccessEventData;
            const row = rowValues(LOG, {
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
              count: 1,
              client_address: null,
            });
            const ids = [...new Set(data.caseIds)].map((case_id) => rowValues(LOG_CASES, { position, case_id }));
            logRows.push(row);
            caseRows.push(...ids);
          } catch (error) {
            batch.park(event, error);
          }
        }
        await batch.statements.write(trx, log, LOG, logRows, 'nothing');
        await batch.statements.write(trx, cases, LOG_CASES, caseRows, 'nothing');
      },
    };
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
  /** The request id; for an aggregated window, its reason (no-key, unknown-key, rate-limited). */
  requestId: string;
  /** How many requests the entry stands for (more than 1: a window of refusals counted together). */
  count: number;
  /** Aggregated refusals: the client address. */
  clientAddress?: string;
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
        count: r.count,
        ...(r.client_address !== null ? { clientAddress: r.client_address } : {}),
      })),
      next: rows.length > filter.limit ? String(decodePosition(page[page.length - 1].position)) : null,
    };
  }
}
