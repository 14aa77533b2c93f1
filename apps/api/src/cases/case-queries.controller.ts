import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Accountability, CaseSummary, Compliance, Feedback, Principal } from '@zicht/case-domain';
import { mayFilterByRadar } from '@zicht/case-domain';
import type { FastifyReply } from 'fastify';
import { CASE_READING_ROLES, CurrentPrincipal, Roles } from '../auth/auth';
import { InvalidRequestError } from '../http/problem';
import { caseIdPipe, queryBound, queryInt } from '../http/params';
import { REGION_PATTERN } from './dto/common';
import { ApiCaseAnswer, ApiProblems } from '../http/openapi';
import { AccountabilityDto } from './accountability-responses';
import { CaseHistoryDto, CaseListDto, CaseSummaryDto, ComplianceDto } from './case-responses';
import { AccessLogged } from '../inspection/access-log';
import { CaseHistory, CaseList, GetAccountabilityQuery, GetCaseHistoryQuery, GetCaseSummaryQuery, GetComplianceQuery, GetFeedbackQuery, ListCasesQuery } from './case-queries';
import { FeedbackResponseDto } from './dto/feedback.response.dto';

@ApiTags('queries')
@ApiProblems(401, [403, 'Analysts and admins never read a case'])
@Roles(...CASE_READING_ROLES)
@AccessLogged()
@Controller('cases')
export class CaseQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @AccessLogged((answer: CaseList) => answer.cases.map((c) => c.caseId))
  @ApiOperation({ operationId: 'listCases', summary: 'The summaries of the cases you may see (an inspector: every case), newest first, in pages' })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'closed'] })
  @ApiQuery({ name: 'overdue', required: false, enum: ['true', 'false'], description: 'Only cases with an obligation past its date (a check, a deadline, a melding duty, a child to hear again)' })
  @ApiQuery({ name: 'region', required: false, description: 'Only cases of this Veilig Thuis region (VR01..VR25)' })
  @ApiQuery({ name: 'organisation', required: false, description: 'Only cases this organisation is involved in' })
  @ApiQuery({ name: 'openedFrom', required: false, description: 'Only cases opened on or after this date (2026-01-01, UTC) or instant' })
  @ApiQuery({ name: 'openedTo', required: false, description: 'Only cases opened on or before this date (the whole day, UTC) or instant' })
  @ApiQuery({ name: 'childKnownToVeiligThuis', required: false, enum: ['true', 'false'], description: 'Veilig Thuis and inspectors: only cases whose child (by BSN) has another case that reached Veilig Thuis' })
  @ApiQuery({ name: 'cursor', required: false, description: 'The previous page\'s "next"' })
  @ApiQuery({ name: 'limit', required: false, description: 'Cases per page, 1..200 (default 50)' })
  @ApiOkResponse({ type: CaseListDto, description: 'One page of summaries; next is the cursor of the next page' })
  @ApiProblems([400, 'An unknown parameter, or a bad value (errors name each)'])
  async list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, string | undefined>): Promise<CaseList> {
    const errors: { field: string; messages: string[] }[] = [];
    const known = ['status', 'overdue', 'region', 'organisation', 'openedFrom', 'openedTo', 'childKnownToVeiligThuis', 'cursor', 'limit'];
    for (const name of Object.keys(query)) if (!known.includes(name)) errors.push({ field: name, messages: ['is not a known parameter'] });
    const { status, overdue, region, organisation, cursor, childKnownToVeiligThuis } = query;
    if (childKnownToVeiligThuis !== undefined && childKnownToVeiligThuis !== 'true' && childKnownToVeiligThuis !== 'false') {
      errors.push({ field: 'childKnownToVeiligThuis', messages: ['childKnownToVeiligThuis must be true or false'] });
    } else if (childKnownToVeiligThuis !== undefined && !mayFilterByRadar(principal)) {
      errors.push({ field: 'childKnownToVeiligThuis', messages: ['childKnownToVeiligThuis is a filter for Veilig Thuis and inspectors'] });
    }
    if (status !== undefined && status !== 'open' && status !== 'closed') errors.push({ field: 'status', messages: ['status must be open or closed'] });
    if (overdue !== undefined && overdue !== 'true' && overdue !== 'false') errors.push({ field: 'overdue', messages: ['overdue must be true or false'] });
    if (region !== undefined && !REGION_PATTERN.test(region)) errors.push({ field: 'region', messages: ['region must be a Veilig Thuis region VR01..VR25'] });
    if (organisation !== undefined && (typeof organisation !== 'string' || organisation.length === 0 || organisation.length > 200)) {
      errors.push({ field: 'organisation', messages: ['organisation must be 1 to 200 characters'] });
    }
    const openedFrom = queryBound(query.openedFrom, 'openedFrom', 'from', errors);
    const openedBefore = queryBound(query.openedTo, 'openedTo', 'until', errors);
    if (typeof cursor !== 'undefined' && typeof cursor !== 'string') errors.push({ field: 'cursor', messages: ['cursor must be given once'] });
    if (errors.length) throw new InvalidRequestError(errors);
    const limit = queryInt(query.limit, 'limit', 1, 200, 50);
    return this.queries.execute<ListCasesQuery, CaseList>(
      new ListCasesQuery(principal, {
        status: status as 'open' | 'closed' | undefined,
        overdue: overdue === 'true',
        region,
        organisation,
        openedFrom,
        openedBefore,
        childKnownToVeiligThuis: childKnownToVeiligThuis === 'true',
        cursor,
        limit,
      }),
    );
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getCase', summary: 'The case summary: status, stage, region, responsible party per scope, melding duty, flags' })
  @ApiCaseAnswer(CaseSummaryDto, 'The summary; ETag is its revision')
  async summary(@Param('id', caseIdPipe) id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<CaseSummary> {
    const summary = await this.queries.execute<GetCaseSummaryQuery, CaseSummary>(new GetCaseSummaryQuery(id, principal));
    void reply.header('ETag', `"${summary.revision}"`);
    return summary;
  }

  @Get(':id/accountability')
  @ApiOperation({ operationId: 'getAccountability', summary: 'UN CRC General Comment 13 par. 53: who is responsible, the plan, the interventions with deadlines, the evaluation schedule' })
  @ApiCaseAnswer(AccountabilityDto, 'The four answers, judged now')
  async accountability(@Param('id', caseIdPipe) id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<Accountability> {
    const answer = await this.queries.execute<GetAccountabilityQuery, Accountability>(new GetAccountabilityQuery(id, principal));
    void reply.header('ETag', `"${answer.revision}"`);
    return answer;
  }

  @Get(':id/compliance')
  @ApiOperation({ operationId: 'getCompliance', summary: 'Each norm of the Meldcode model as met / not-met / pending / not-applicable, with the events that prove it' })
  @ApiCaseAnswer(ComplianceDto, 'Every norm, judged now')
  async compliance(@Param('id', caseIdPipe) id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<Compliance> {
    const answer = await this.queries.execute<GetComplianceQuery, Compliance>(new GetComplianceQuery(id, principal));
    void reply.header('ETag', `"${answer.revision}"`);
    return answer;
  }

  @Get(':id/feedback')
  @ApiOperation({ operationId: 'getCaseFeedback', summary: "Veilig Thuis' terugkoppeling aan de melder: what it told the melder after the veiligheidsbeoordeling and after the onderzoek, newest first" })
  @ApiCaseAnswer(FeedbackResponseDto, 'The melder-informed records of the case; ETag is its revision')
  async feedback(@Param('id', caseIdPipe) id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<Feedback> {
    const answer = await this.queries.execute<GetFeedbackQuery, Feedback>(new GetFeedbackQuery(id, principal));
    void reply.header('ETag', `"${answer.revision}"`);
    return answer;
  }

  @Get(':id/history')
  @ApiOperation({ operationId: 'getCaseHistory', summary: 'Every event of the case with its metadata and hashes, in pages' })
  @ApiQuery({ name: 'after', required: false, description: 'Revision after which the page starts (the previous page\'s "next")' })
  @ApiQuery({ name: 'limit', required: false, description: 'Events per page, 1..1000 (default 200)' })
  @ApiCaseAnswer(CaseHistoryDto, 'One page of events; ETag is the case revision')
  @ApiProblems([400, 'A bad after or limit'], 503)
  async history(
    @Param('id', caseIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('after') afterParam?: string,
    @Query('limit') limitParam?: string,
  ): Promise<CaseHistory> {
    const after = afterParam === undefined ? null : queryInt(afterParam, 'after', 0, Number.MAX_SAFE_INTEGER, 0);
    const limit = queryInt(limitParam, 'limit', 1, 1000, 200);
    const history = await this.queries.execute<GetCaseHistoryQuery, CaseHistory>(new GetCaseHistoryQuery(id, principal, after, limit));
    void reply.header('ETag', `"${history.revision}"`);
    return history;
  }
}
