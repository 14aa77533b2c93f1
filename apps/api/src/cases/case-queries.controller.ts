import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CaseNotFoundError } from '@zicht/case-domain';
import type { CaseSummary, Principal } from '@zicht/case-domain';
import type { FastifyReply } from 'fastify';
import { CASE_READING_ROLES, CurrentPrincipal, Roles } from '../auth/auth';
import { InvalidRequestError } from '../http/problem';
import { ProblemDto } from '../http/responses';
import { CaseHistory, GetCaseHistoryQuery, GetCaseSummaryQuery } from './case-queries';

const caseIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new CaseNotFoundError('with this id') });

/** A whole-number query parameter within bounds; absent gives the default. */
function queryInt(value: string | undefined, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new InvalidRequestError([{ field, messages: [`${field} must be a whole number from ${min} to ${max}`] }]);
  }
  return Number(value);
}

@ApiTags('queries')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDto })
@ApiForbiddenResponse({ type: ProblemDto, description: 'Analysts and admins never read a case' })
@ApiNotFoundResponse({ type: ProblemDto, description: 'No such case, or one you may not see' })
@Roles(...CASE_READING_ROLES)
@Controller('cases')
export class CaseQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: 'The case summary: status, stage, region, responsible party per scope, melding duty, flags' })
  @ApiOkResponse({ description: 'The summary; ETag is its revision' })
  async summary(@Param('id', caseIdPipe) id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<CaseSummary> {
    const summary = await this.queries.execute<GetCaseSummaryQuery, CaseSummary>(new GetCaseSummaryQuery(id, principal));
    void reply.header('ETag', `"${summary.revision}"`);
    return summary;
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every event of the case with its metadata and hashes, in pages' })
  @ApiQuery({ name: 'after', required: false, description: 'Revision after which the page starts (the previous page\'s "next")' })
  @ApiQuery({ name: 'limit', required: false, description: 'Events per page, 1..1000 (default 200)' })
  @ApiOkResponse({ description: '{ caseId, revision, events: [{ revision, type, occurredAt, recordedAt, actor, data, hash, prevHash, ... }], next }' })
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
