import { BeforeApplicationShutdown, CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal } from '@zicht/case-domain';
import { CommandHandler, EventStore, NewEvent, StreamFolder } from '@zicht/event-store';
import { AccessEventData, AccessEventType, AccessRefusalsCountedData, accessStreamId } from '@zicht/projections';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Observable, from, mergeMap } from 'rxjs';
import { CLOCK, Clock } from '../clock';
import { isUuid } from '../http/params';
import { EVENT_STORE } from '../store/event-store.module';

export interface AccessRecord {
  type: AccessEventType;
  principal: Principal | null;
  method: string;
  route: string;
  caseIds: string[];
  status: number;
  requestId: string;
}

/** A refusal to be counted with others of its window instead of stored alone. */
export interface CountedRefusal {
  /** The principal of a rate-limited key; null for requests without a valid key. */
  principal: Principal | null;
  clientAddress: string;
  reason: 'no-key' | 'unknown-key' | 'rate-limited';
  status: number;
  route: string;
}

interface RefusalWindow {
  refusal: CountedRefusal;
  count: number;
  routes: Set<string>;
  /** The minute, `YYYY-MM-DDTHH:mm`. */
  minute: string;
}

/** Route patterns kept per counted window (a flood over many routes is still one row). */
const MAX_ROUTES = 5;
const FLUSH_EVERY_MS = 5_000;

interface Pending {
  record: AccessRecord;
  at: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 500;

/** The access log's day streams need no state to append to: only their revision. */
const journal: StreamFolder<null> = { initialState: null, evolve: () => null, readsEvents: false };

/**
 * Records every read of case data and every refused attempt in the event store, durably, before the
 * answer leaves (a read that cannot be logged is not answered). Records from the same moment share
 * one append (one stream per day, `access-YYYY-MM-DD`, so each day is one hash chain). Appends go
 * through the same CommandHandler as every case command: one write path, with its expected-revision
 * check and its bounded retry when another server appended to the same day.
 */
@Injectable()
export class AccessLog implements BeforeApplicationShutdown {
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;
  private readonly streams: CommandHandler<null>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.streams = new CommandHandler(store, journal, { cacheSize: 4 });
  }

  private readonly windows = new Map<string, RefusalWindow>();
  private flushTimer: NodeJS.Timeout | null = null;

  /**
   * Counts a refusal without a valid key (or a rate-limited request) in its window: one record per
   * principal or client address, reason and minute, appended when the minute has passed (and at
   * shutdown). A flood therefore adds one event a minute per address, never one per request. These
   * counts are answered before they are durable: a crash loses at most the current minute's counts.
   */
  countRefusal(refusal: CountedRefusal): void {
    const minute = this.clock.now().toISOString().slice(0, 16);
    const key = [refusal.principal?.id ?? '', refusal.clientAddress, refusal.reason, refusal.status, minute].join('\u0000');
    let window = this.windows.get(key);
    if (!window) {
      window = { refusal, count: 0, routes: new Set(), minute };
      this.windows.set(key, window);
    }
    window.count++;
    if (window.routes.size < MAX_ROUTES) window.routes.add(refusal.route);
    this.flushTimer ??= setInterval(() => void this.flushCounts(false).catch(() => undefined), FLUSH_EVERY_MS).unref();
  }

  /** Appends the counted windows whose minute has passed (all of them with `all`). */
  async flushCounts(all = true): Promise<void> {
    const current = this.clock.now().toISOString().slice(0, 16);
    const due = [...this.windows].filter(([, w]) => all || w.minute < current);
    if (due.length === 0) return;
    for (const [key] of due) this.windows.delete(key);
    if (this.windows.size === 0 && this.flushTimer) {
      clearInterval(this.flushTimer);
      this.flushTimer = null;
    }
    const byStream = new Map<string, NewEvent[]>();
    for (const [, w] of due) {
      const from = `${w.minute}:00.000Z`;
      const data: AccessRefusalsCountedData = {
        principal: principalRef(w.refusal.principal),
        clientAddress: w.refusal.clientAddress,
        reason: w.refusal.reason,
        status: w.refusal.status,
        count: w.count,
        from,
        until: new Date(Date.parse(from) + 60_000).toISOString(),
        routes: [...w.routes],
      };
      const stream = accessStreamId(from);
      byStream.set(stream, [...(byStream.get(stream) ?? []), accessEvent('access-refusals-counted', data, w.refusal.principal, from, randomUUID())]);
    }
    await Promise.all([...byStream].map(([stream, events]) => this.streams.handle(stream, () => events)));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flushCounts(true);
  }

  record(record: AccessRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, at: this.clock.now().toISOString(), resolve, reject });
      this.draining ??= this.drain().finally(() => (this.draining = null));
    });
  }

  private async drain(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve)); // gather the records of this moment
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      const byStream = new Map<string, Pending[]>();
      for (const pending of batch) {
        const stream = accessStreamId(pending.at);
        byStream.set(stream, [...(byStream.get(stream) ?? []), pending]);
      }
      await Promise.all(
        [...byStream].map(async ([stream, pendings]) => {
          try {
            await this.streams.handle(stream, () => pendings.map(toEvent));
            for (const p of pendings) p.resolve();
          } catch (error) {
            for (const p of pendings) p.reject(error);
          }
        }),
      );
    }
  }
}

function principalRef(p: Principal | null) {
  return p ? { id: p.id, role: p.role, organisation: p.organisation, ...(p.region ? { region: p.region } : {}) } : null;
}

function accessEvent(type: AccessEventType, data: AccessEventData | AccessRefusalsCountedData, p: Principal | null, at: string, requestId: string): NewEvent {
  return {
    type,
    data: data as NewEvent['data'],
    metadata: {
      eventId: randomUUID(),
      actor: principalRef(p) ?? { id: 'unauthenticated', role: 'none', organisation: 'unknown' },
      occurredAt: at,
      correlationId: requestId,
      causationId: requestId,
      schemaVersion: 1,
    },
  };
}

function toEvent({ record, at }: Pending): NewEvent {
  const data: AccessEventData = {
    principal: principalRef(record.principal),
    method: record.method,
    route: record.route,
    caseIds: record.caseIds,
    status: record.status,
    requestId: record.requestId,
  };
  return accessEvent(record.type, data, record.principal, at, record.requestId);
}

type AuditedRequest = FastifyRequest & { principal?: Principal };

const ACCESS_LOGGED = 'zicht:access-logged';

/**
 * Marks a route as a read of case data: its interceptor records it in the access log, with the
 * route's `:id` and the case ids that `caseIdsOf` finds in the answer (for lists). Only these routes
 * have the interceptor: a command passes no interceptor at all, so Nest calls its handler directly
 * (no Observable pipeline per request).
 */
export const AccessLogged = <A>(caseIdsOf: (answer: A, request: FastifyRequest) => string[] = () => []) =>
  applyDecorators(SetMetadata(ACCESS_LOGGED, caseIdsOf), UseInterceptors(AccessLogInterceptor));

/** The route pattern and case id of a request, for the access log. */
export function routeOf(request: AuditedRequest): { route: string | undefined; caseId: string | undefined } {
  const route = request.routeOptions?.url;
  const params = request.params as Record<string, string> | undefined;
  const id = route?.includes('/:id') ? params?.id : undefined;
  return { route, caseId: isUuid(id) ? id.toLowerCase() : undefined };
}

@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessLog: AccessLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const caseIdsOf = this.reflector.getAllAndOverride<((answer: unknown, request: FastifyRequest) => string[]) | undefined>(ACCESS_LOGGED, [context.getHandler(), context.getClass()]);
    if (caseIdsOf === undefined) return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    return next.handle().pipe(
      mergeMap((answer) =>
        from(
          (async () => {
            const { route, caseId } = routeOf(request);
            const caseIds = [...new Set([...(caseId ? [caseId] : []), ...caseIdsOf(answer, request)])];
            await this.accessLog.record({
              type: 'case-read',
              principal: request.principal ?? null,
              method: request.method,
              route: route ?? 'unknown',
              caseIds,
              status: 200,
              requestId: String(request.id),
            });
            return answer;
          })(),
        ),
      ),
    );
  }
}
