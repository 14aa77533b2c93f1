import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CaseNotFoundError, CaseSummary, CaseState, Principal, canSee, caseStreamId, summarize } from '@zicht/case-domain';
import { EventStore } from '@zicht/event-store';
import { CLOCK, Clock } from '../clock';
import { EVENT_STORE } from '../store/event-store.module';
import { CaseStreams } from './case-stream';

/** The case's state as far as this principal may know it: 404 when there is none or it is not theirs. */
async function visibleCase(streams: CaseStreams, caseId: string, principal: Principal): Promise<{ state: CaseState; revision: number }> {
  const { state, revision } = await streams.load(caseStreamId(caseId));
  if (revision === null || !canSee(principal, state)) throw new CaseNotFoundError(caseId);
  return { state, revision };
}

export class GetCaseSummaryQuery {
  constructor(readonly caseId: string, readonly principal: Principal) {}
}

@QueryHandler(GetCaseSummaryQuery)
export class GetCaseSummaryHandler implements IQueryHandler<GetCaseSummaryQuery, CaseSummary> {
  constructor(
    private readonly streams: CaseStreams,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caseId, principal }: GetCaseSummaryQuery): Promise<CaseSummary> {
    const { state } = await visibleCase(this.streams, caseId, principal);
    return summarize(state, this.clock.now().toISOString());
  }
}

export interface HistoryEntry {
  revision: number;
  eventId: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; role: string; organisation: string; region?: string };
  data: unknown;
  correlationId: string;
  causationId: string;
  schemaVersion: number;
  prevHash: string;
  hash: string;
}

export interface CaseHistory {
  caseId: string;
  revision: number;
  events: HistoryEntry[];
  /** Pass as `after` for the next page; null on the last page. */
  next: number | null;
}

export class GetCaseHistoryQuery {
  constructor(readonly caseId: string, readonly principal: Principal, readonly after: number | null, readonly limit: number) {}
}

@QueryHandler(GetCaseHistoryQuery)
export class GetCaseHistoryHandler implements IQueryHandler<GetCaseHistoryQuery, CaseHistory> {
  constructor(
    private readonly streams: CaseStreams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ caseId, principal, after, limit }: GetCaseHistoryQuery): Promise<CaseHistory> {
    const { revision } = await visibleCase(this.streams, caseId, principal);
    const fromRevision = after === null ? 0 : after + 1;
    const events = await this.store.readStream(caseStreamId(caseId), { fromRevision, toRevision: revision, limit });
    const last = events.at(-1)?.revision;
    return {
      caseId,
      revision,
      events: events.map((e) => ({
        revision: e.revision,
        eventId: e.metadata.eventId,
        type: e.type,
        occurredAt: e.metadata.occurredAt,
        recordedAt: e.metadata.recordedAt,
        actor: e.metadata.actor,
        data: e.data,
        correlationId: e.metadata.correlationId,
        causationId: e.metadata.causationId,
        schemaVersion: e.metadata.schemaVersion,
        prevHash: e.metadata.prevHash,
        hash: e.metadata.hash,
      })),
      next: last !== undefined && last < revision ? last : null,
    };
  }
}
