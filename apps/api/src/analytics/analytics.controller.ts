import { Controller, Get, Headers, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ANALYTICS_DIMENSIONS } from '@zicht/projections';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/auth';
import { ProblemDto } from '../http/responses';
import { parseAnalyticsParams } from './analytics-params';
import { ANALYTICS_TABLES, isAnalyticsTable } from './analytics-tables';
import { AnalyticsTable, GetAnalyticsTableQuery, analyticsTableCsv } from './get-analytics-table';

const TABLE_NAMES = Object.keys(ANALYTICS_TABLES);

/** Analysts read these tables and nothing else; every figure passes disclosure control first. */
@ApiTags('analytics')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDto })
@ApiForbiddenResponse({ type: ProblemDto, description: 'Analysts only' })
@Roles('analyst')
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The analyst tables' })
  @ApiOkResponse({ description: '{ tables: [{ name, title, description, path }] }' })
  list() {
    return {
      tables: Object.entries(ANALYTICS_TABLES).map(([name, t]) => ({ name, title: t.title, description: t.description, path: `/analytics/${name}` })),
    };
  }

  @Get(':table')
  @ApiOperation({
    summary: 'One CBS-comparable table, with disclosure control: counts rounded, small cells and shares over a small base suppressed',
    description: 'Periods are whole months. JSON by default; CSV with `Accept: text/csv`.',
  })
  @ApiParam({ name: 'table', enum: TABLE_NAMES })
  @ApiQuery({ name: 'by', required: false, enum: ANALYTICS_DIMENSIONS, description: 'The rows (default region)' })
  @ApiQuery({ name: 'from', required: false, description: 'First month: 2026-01 or 2026-01-01' })
  @ApiQuery({ name: 'to', required: false, description: 'Last month: 2026-06 or 2026-06-30' })
  @ApiQuery({ name: 'period', required: false, description: 'Instead of from/to: 2026, 2026-H1, 2026-H2 or 2026-03' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{ table, title, by, from, to, asOf, disclosure, columns: [{ key, kind, description }], rows: [{ <by>: group, <column>: number | "suppressed" | null }], total }' })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'A bad by, from, to or period (errors name the parameter)' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such table' })
  async table(
    @Param('table') name: string,
    @Query() query: Record<string, unknown>,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AnalyticsTable | string> {
    if (!isAnalyticsTable(name)) throw new NotFoundException();
    const params = parseAnalyticsParams(query ?? {});
    const table = await this.queries.execute<GetAnalyticsTableQuery, AnalyticsTable>(new GetAnalyticsTableQuery(name, params));
    void reply.header('Vary', 'Accept');
    if (!accept || !/\btext\/csv\b/i.test(accept)) return table;
    const period = params.from || params.to ? `_${params.from ?? 'start'}_${params.to ?? 'now'}` : '';
    void reply.header('Content-Type', 'text/csv; charset=utf-8');
    void reply.header('Content-Disposition', `attachment; filename="${name}_by-${params.by}${period}.csv"`);
    return analyticsTableCsv(table);
  }
}
