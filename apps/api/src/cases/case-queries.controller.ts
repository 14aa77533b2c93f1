import { Controller, DefaultValuePipe, Get, Param, ParseIntPipe, ParseUUIDPipe, Query, Res } from '@nestjs/common';
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
const intPipe = (field: string) =>
  new ParseIntPipe({ exceptionFactory: () => new InvalidRequestError([{ field, messages: [`${field} must be a whole number`] }]) });

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
    @Query('after', new DefaultValuePipe(-1), intPipe('after')) after: number,
    @Query('limit', new DefaultValuePipe(200), intPipe('limit')) limit: number,
  ): Promise<CaseHistory> {
    if (limit < 1 || limit > 1000) throw new InvalidRequestError([{ field: 'limit', messages: ['limit must be from 1 to 1000'] }]);
    const history = await this.queries.execute<GetCaseHistoryQuery, CaseHistory>(new GetCaseHistoryQuery(id, principal, after < 0 ? null : after, limit));
    void reply.header('ETag', `"${history.revision}"`);
    return history;
  }
}
