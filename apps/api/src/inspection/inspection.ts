import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  Accountability,
  CaseNotFoundError,
  CaseSummary,
  Compliance,
  ExistingCaseState,
  Principal,
  accountability,
  caseStreamId,
  compliance,
  summarize,
} from '@zicht/case-domain';
import { ChainVerification, EventStore } from '@zicht/event-store';
import { AccessLogEntry, AccessLogReadModel, ProjectionRunner } from '@zicht/projections';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles } from '../auth/auth';
import { HistoryEntry, historyEntry } from '../cases/case-queries';
import { caseIdPipe, isUuid, queryInstant, queryInt } from '../http/params';
import { CLOCK, Clock } from '../clock';
import { InvalidRequestError } from '../http/problem';
import { ApiCaseAnswer, ApiProblems } from '../http/openapi';
import { AccessLogPageDto, CaseAsOfDto, CaseFileDto, CaseVerificationDto } from './inspection-responses';
import { READ_YOUR_WRITES_TIMEOUT_MS } from '../read-models/read-models';
import { EVENT_STORE } from '../store/event-store.module';
import { AccessLogged } from './access-log';
import { CasePrivacy, RevealedAnswer } from '../privacy/case-privacy';
import { CaseRecordBrokenError, answersOf, readCaseRecord } from './case-record';


export interface CaseAsOf {
  caseId: string;
  /** The moment the answers are judged at: `asOf`, or when `revision` was recorded. */
  asOf: string;
  revision: number;
  summary: CaseSummary;
  accountability: Accountability;
  compliance: Compliance;
}

export class GetCaseAsOfQuery {
  constructor(readonly caseId: string, readonly at: { asOf: string } | { revision: number }) {}
}

/** The case as the record stood then: the stream replayed up to that moment, not the live read models. */
@QueryHandler(GetCaseAsOfQuery)
export class GetCaseAsOfHandler implements IQueryHandler<GetCaseAsOfQuery, CaseAsOf> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly privacy: CasePrivacy,
  ) {}

  async execute({ caseId, at }: GetCaseAsOfQuery): Promise<RevealedAnswer<CaseAsOf>> {
    const record = await readCaseRecord(this.store, caseId, 'revision' in at ? { toRevision: at.revision } : { recordedBy: at.asOf });
    if (record === null) throw new CaseNotFoundError(caseId);
    const last = record.events[record.events.length - 1];
    if ('revision' in at && last.revision !== at.revision) throw new CaseNotFoundError(caseId); // no such revision (yet)
    if (!record.verification.valid) throw new CaseRecordBrokenError(caseId, record.verification.firstInvalidRevision, record.verification.reason);
    if (record.state === null && record.foldError === null) throw new CaseNotFoundError(caseId); // nothing recorded by then
    const moment = 'asOf' in at ? at.asOf : last.metadata.recordedAt;
    const { answers, foldError } = answersOf(record, (state) => ({
      revision: state.revision,
      summary: summarize(state, moment),
      accountability: accountability(state, moment),
      compliance: compliance(state, moment),
    }));
    if (answers === null) throw new CaseRecordBrokenError(caseId, foldError!.revision, foldError!.reason);
    return this.privacy.reveal(caseId, { caseId, asOf: moment, ...answers });
  }
}

export type CaseVerification = { caseId: string; headHash: string } & ChainVerification;

export class VerifyCaseQuery {
  constructor(readonly caseId: string) {}
}

@QueryHandler(VerifyCaseQuery)
export class VerifyCaseHandler implements IQueryHandler<VerifyCaseQuery, CaseVerification> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ caseId }: VerifyCaseQuery): Promise<CaseVerification> {
    const record = await readCaseRecord(this.store, caseId);
    if (record === null) throw new CaseNotFoundError(caseId);
    return { caseId, ...record.verification };
  }
}

export interface CaseFile {
  caseId: string;
  exportedAt: string;
  exportedBy: { id: string; role: string; organisation: string };
  revision: number;
  /** Null when the stored events cannot be folded into answers (see `foldError`). */
  summary: CaseSummary | null;
  accountability: Accountability | null;
  compliance: Compliance | null;
  foldError: { revision: number; reason: string } | null;
  verification: ChainVerification & { headHash: string };
  events: HistoryEntry[];
}

export class ExportCaseQuery {
  constructor(readonly caseId: string, readonly principal: Principal) {}
}

/** The case file: one consistent document (all computed from the same events). */
@QueryHandler(ExportCaseQuery)
export class ExportCaseHandler implements IQueryHandler<ExportCaseQuery, CaseFile> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly privacy: CasePrivacy,
  ) {}

  async execute({ caseId, principal }: ExportCaseQuery): Promise<RevealedAnswer<CaseFile>> {
    const record = await readCaseRecord(this.store, caseId);
    if (record === null) throw new CaseNotFoundError(caseId);
    const now = this.clock.now().toISOString();
    // A broken chain is reported, and the answers are still given from what is stored (when it can be read).
    const { answers, foldError } = answersOf(record, (state) => ({ summary: summarize(state, now), accountability: accountability(state, now), compliance: compliance(state, now) }));
    return this.privacy.reveal(caseId, {
      caseId,
      exportedAt: now,
      exportedBy: { id: principal.id, role: principal.role, organisation: principal.organisation },
      revision: record.events[record.events.length - 1].revision,
      summary: answers?.summary ?? null,
      accountability: answers?.accountability ?? null,
      compliance: answers?.compliance ?? null,
      foldError,
      verification: record.verification,
      events: record.events.map(historyEntry),
    });
  }
}

export class QueryAccessLogQuery {
  constructor(readonly filter: { caseId?: string; principalId?: string; from?: string; to?: string; after?: string; limit: number }) {}
}

@QueryHandler(QueryAccessLogQuery)
export class QueryAccessLogHandler implements IQueryHandler<QueryAccessLogQuery, { entries: AccessLogEntry[]; next: string | null }> {
  constructor(
    private readonly accessLog: AccessLogReadModel,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ filter }: QueryAccessLogQuery) {
    // Up to date with the log as it is now (bounded), so a read a moment ago is listed.
    const head = await this.store.headPosition();
    if (head !== null) await this.runner.waitFor(head, READ_YOUR_WRITES_TIMEOUT_MS);
    return this.accessLog.query(filter);
  }
}

@ApiTags('inspection')
@ApiProblems(401, [403, 'Inspectors only'])
@Roles('inspector')
@Controller()
export class InspectionController {
  constructor(private readonly queries: QueryBus) {}

  @Get('cases/:id/state')
  @AccessLogged()
  @ApiOperation({ operationId: 'getCaseAsOf', summary: 'The summary, accountability and compliance as the record stood at an instant (asOf, on recordedAt) or a revision, replayed from the stream' })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO instant: only events recorded by then; overdue judged as of then' })
  @ApiQuery({ name: 'revision', required: false, description: 'Up to and including this revision; judged as of when it was recorded' })
  @ApiCaseAnswer(CaseAsOfDto, 'The answers as they stood then; ETag is that revision')
  @ApiProblems([400, 'Not exactly one of asOf or revision, or a bad one'], [404, 'No such case, or none yet at that moment'], [409, 'The record does not verify up to there (rule integrity.record-broken)'], 503)
  async state(@Param('id', caseIdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply, @Query('asOf') asOf?: string, @Query('revision') revision?: string): Promise<CaseAsOf> {
    const errors: { field: string; messages: string[] }[] = [];
    if ((asOf === undefined) === (revision === undefined)) {
      throw new InvalidRequestError([{ field: 'asOf', messages: ['give exactly one of asOf (an instant) or revision (a number)'] }]);
    }
    const instant = queryInstant(asOf, 'asOf', errors);
    if (errors.length) throw new InvalidRequestError(errors);
    const at = instant !== undefined ? { asOf: instant } : { revision: queryInt(revision, 'revision', 0, Number.MAX_SAFE_INTEGER, 0) };
    const answer = await this.queries.execute<GetCaseAsOfQuery, CaseAsOf>(new GetCaseAsOfQuery(id, at));
    void reply.header('ETag', `"${answer.revision}"`);
    return answer;
  }

  @Get('cases/:id/verify')
  @AccessLogged()
  @ApiOperation({ operationId: 'verifyCase', summary: "Recomputes the case's hash chain: valid, or the first revision that does not match and why" })
  @ApiOkResponse({ type: CaseVerificationDto })
  @ApiProblems(404, 503)
  verify(@Param('id', caseIdPipe) id: string): Promise<CaseVerification> {
    return this.queries.execute(new VerifyCaseQuery(id));
  }

  @Get('cases/:id/export')
  @AccessLogged()
  @ApiOperation({ operationId: 'exportCase', summary: 'The case file: every event, the accountability and compliance answers and the verification result, in one document' })
  @ApiOkResponse({ type: CaseFileDto, headers: { 'Content-Disposition': { description: 'attachment; filename="case-{id}.json"', schema: { type: 'string' } } } })
  @ApiProblems(404, 503)
  async export(@Param('id', caseIdPipe) id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<CaseFile> {
    const file = await this.queries.execute<ExportCaseQuery, CaseFile>(new ExportCaseQuery(id, principal));
    void reply.header('Content-Disposition', `attachment; filename="case-${id}.json"`);
    return file;
  }

  @Get('access-log')
  @AccessLogged((_answer, request) => {
    const caseId = (request.query as { caseId?: string }).caseId;
    return caseId ? [caseId.toLowerCase()] : [];
  })
  @ApiOperation({ operationId: 'listAccessLog', summary: 'Who read which case, and every refused attempt, oldest first in pages (reads of the access log are logged too)' })
  @ApiQuery({ name: 'caseId', required: false })
  @ApiQuery({ name: 'principal', required: false, description: "The principal's id (from the keys file)" })
  @ApiQuery({ name: 'from', required: false, description: 'ISO instant (inclusive)' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO instant (inclusive)' })
  @ApiQuery({ name: 'after', required: false, description: 'The previous page\'s "next"' })
  @ApiQuery({ name: 'limit', required: false, description: '1..1000 (default 200)' })
  @ApiOkResponse({ type: AccessLogPageDto })
  @ApiProblems([400, 'A bad caseId, principal, from, to, after or limit'], 503)
  accessLog(
    @Query('caseId') caseId?: string,
    @Query('principal') principalId?: string,
    @Query('from') fromParam?: string,
    @Query('to') toParam?: string,
    @Query('after') after?: string,
    @Query('limit') limitParam?: string,
  ) {
    const errors: { field: string; messages: string[] }[] = [];
    if (caseId !== undefined && !isUuid(caseId)) errors.push({ field: 'caseId', messages: ['caseId must be a case id (a UUID)'] });
    if (principalId !== undefined && (principalId === '' || principalId.length > 200)) errors.push({ field: 'principal', messages: ['principal must be a principal id'] });
    const from = queryInstant(fromParam, 'from', errors);
    const to = queryInstant(toParam, 'to', errors);
    if (after !== undefined && !/^\d{1,40}$/.test(after)) errors.push({ field: 'after', messages: ['after must be the "next" of a previous page'] });
    if (errors.length) throw new InvalidRequestError(errors);
    const limit = queryInt(limitParam, 'limit', 1, 1000, 200);
    return this.queries.execute(new QueryAccessLogQuery({ caseId: caseId?.toLowerCase(), principalId, from, to, after, limit }));
  }
}
