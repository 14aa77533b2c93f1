import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  Accountability,
  CaseNotFoundError,
  CaseSummary,
  Compliance,
  ExistingCaseState,
  Feedback,
  Principal,
  accountability,
  canSee,
  caseStreamId,
  compliance,
  feedback,
  summarize,
} from '@zicht/case-domain';
import { EventStore, StoredEvent } from '@zicht/event-store';
import { CaseListOptions, CaseReadModel, CaseView } from '@zicht/projections';
import { CLOCK, Clock } from '../clock';
import { EVENT_STORE } from '../store/event-store.module';
import { CasePrivacy, RevealedAnswer } from '../privacy/case-privacy';

/** The case as far as this principal may know it: 404 when there is none or it is not theirs. */
async function visibleCase(readModel: CaseReadModel, caseId: string, principal: Principal): Promise<CaseView> {
  const found = await readModel.get(caseId);
  if (!found || !canSee(principal, found.state)) throw new CaseNotFoundError(caseId);
  return found;
}

/** An answer from a case whose read model stops before a parked event says so. */
function marked<T extends object>(answer: T, view: CaseView): T & { incomplete?: true } {
  return view.incomplete ? { ...answer, incomplete: true } : answer;
}

/** A query about one case, answered from its read model and judged against the clock. */
abstract class CaseQueryHandler<Q extends { caseId: string; principal: Principal }, R extends object> {
  constructor(
    protected readonly readModel: CaseReadModel,
    @Inject(CLOCK) protected readonly clock: Clock,
    protected readonly privacy: CasePrivacy,
  ) {}

  async execute(query: Q): Promise<RevealedAnswer<R & { incomplete?: true }>> {
    const view = await visibleCase(this.readModel, query.caseId, query.principal);
    return this.privacy.reveal(query.caseId, marked<R>(await this.answer(view.state, this.clock.now().toISOString(), query), view));
  }

  protected abstract answer(state: ExistingCaseState, now: string, query: Q): R | Promise<R>;
}

export class GetCaseSummaryQuery {
  constructor(readonly caseId: string, readonly principal: Principal) {}
}

@QueryHandler(GetCaseSummaryQuery)
export class GetCaseSummaryHandler extends CaseQueryHandler<GetCaseSummaryQuery, CaseSummary> {
  protected answer(state: ExistingCaseState, now: string): CaseSummary {
    return summarize(state, now);
  }
}

export class GetAccountabilityQuery {
  constructor(readonly caseId: string, readonly principal: Principal) {}
}

@QueryHandler(GetAccountabilityQuery)
export class GetAccountabilityHandler extends CaseQueryHandler<GetAccountabilityQuery, Accountability> {
  protected answer(state: ExistingCaseState, now: string): Accountability {
    return accountability(state, now);
  }
}

export class GetComplianceQuery {
  constructor(readonly caseId: string, readonly principal: Principal) {}
}

@QueryHandler(GetComplianceQuery)
export class GetComplianceHandler extends CaseQueryHandler<GetComplianceQuery, Compliance> {
  protected answer(state: ExistingCaseState, now: string): Compliance {
    return compliance(state, now);
  }
}

export class GetFeedbackQuery {
  constructor(readonly caseId: string, readonly principal: Principal) {}
}

/** Veilig Thuis' terugkoppeling aan de melder, newest first: for whoever may see the case (the melder's organisation, involved parties, inspectors). */
@QueryHandler(GetFeedbackQuery)
export class GetFeedbackHandler extends CaseQueryHandler<GetFeedbackQuery, Feedback> {
  protected answer(state: ExistingCaseState): Feedback {
    return feedback(state);
  }
}

export class ListCasesQuery {
  constructor(
    readonly principal: Principal,
    readonly options: Omit<CaseListOptions, 'overdueBefore'> & { overdue: boolean },
  ) {}
}

export interface CaseList {
  cases: Array<CaseSummary & { incomplete?: true }>;
  /** Pass as `cursor` for the next page; null on the last page. */
  next: string | null;
}

@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery, CaseList> {
  constructor(
    private readonly readModel: CaseReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly privacy: CasePrivacy,
  ) {}

  async execute({ principal, options }: ListCasesQuery): Promise<CaseList> {
    const now = this.clock.now().toISOString();
    const page = await this.readModel.list(principal, {
      ...options,
      overdueBefore: options.overdue ? now.slice(0, 10) : undefined,
    });
    const cases = await this.privacy.revealEach(page.cases.map((view) => marked(summarize(view.state, now), view)), (summary) => summary.caseId);
    return { cases, next: page.nextCursor };
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

/** A stored event as an inspector reads it (types, actors, times) and a machine verifies it (hashes). */
export function historyEntry(e: StoredEvent): HistoryEntry {
  return {
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
  };
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

/** The history comes from the event store itself (the record), after the read model's access check. */
@QueryHandler(GetCaseHistoryQuery)
export class GetCaseHistoryHandler implements IQueryHandler<GetCaseHistoryQuery, CaseHistory> {
  constructor(
    private readonly readModel: CaseReadModel,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly privacy: CasePrivacy,
  ) {}

  async execute({ caseId, principal, after, limit }: GetCaseHistoryQuery): Promise<RevealedAnswer<CaseHistory>> {
    await visibleCase(this.readModel, caseId, principal);
    const revision = await this.store.streamRevision(caseStreamId(caseId));
    if (revision === null) throw new CaseNotFoundError(caseId);
    const fromRevision = after === null ? 0 : after + 1;
    const events = await this.store.readStream(caseStreamId(caseId), { fromRevision, toRevision: revision, limit });
    const last = events.at(-1)?.revision;
    return this.privacy.reveal(caseId, {
      caseId,
      revision,
      events: events.map(historyEntry),
      next: last !== undefined && last < revision ? last : null,
    });
  }
}
