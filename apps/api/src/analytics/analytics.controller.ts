import { Controller, Get, Headers, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ANALYTICS_DIMENSIONS } from '@zicht/projections';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/auth';
import { ApiProblems } from '../http/openapi';
import { AnalyticsTableDto, AnalyticsTableListDto } from './analytics-responses';
import { parseAnalyticsParams } from './analytics-params';
import { ANALYTICS_TABLES, isAnalyticsTable } from './analytics-tables';
import { AnalyticsTable, GetAnalyticsTableQuery, analyticsTableCsv } from './get-analytics-table';

const TABLE_NAMES = Object.keys(ANALYTICS_TABLES);

/** Analysts read these tables and nothing else; every figure passes disclosure control first. */
@ApiTags('analytics')
@ApiProblems(401, [403, 'Analysts only'])
@Roles('analyst')
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ operationId: 'listAnalyticsTables', summary: 'The analyst tables' })
  @ApiOkResponse({ type: AnalyticsTableListDto })
  list(): AnalyticsTableListDto {
    return {
      tables: Object.entries(ANALYTICS_TABLES).map(([name, t]) => ({ name, title: t.title, description: t.description, path: `/analytics/${name}` })),
    };
  }

  @Get(':table')
  @ApiOperation({
    operationId: 'getAnalyticsTable',
    summary: 'One CBS-comparable table, with disclosure control: counts rounded, small cells and shares over a small base suppressed',
    description: 'Periods are whole months. JSON by default; CSV with `Accept: text/csv`.',
  })
  @ApiParam({ name: 'table', enum: TABLE_NAMES })
  @ApiQuery({ name: 'by', required: false, enum: ANALYTICS_DIMENSIONS, description: 'The rows (default region)' })
  @ApiQuery({ name: 'from', required: false, description: 'First month: 2026-01 or 2026-01-01' })
  @ApiQuery({ name: 'to', required: false, description: 'Last month: 2026-06 or 2026-06-30' })
  @ApiQuery({ name: 'period', required: false, description: 'Instead of from/to: 2026, 2026-H1, 2026-H2 or 2026-03' })
  @ApiExtraModels(AnalyticsTableDto)
  @ApiOkResponse({
    description: 'The table: JSON, or CSV (one line per row, then the total) with Accept: text/csv',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(AnalyticsTableDto) } },
      'text/csv': { schema: { type: 'string', description: 'A header line of column keys, one line per group, and a total line' } },
    },
    headers: { Vary: { description: 'Accept', schema: { type: 'string' } } },
  })
  @ApiProblems([400, 'A bad by, from, to or period (errors name the parameter)'], [404, 'No such table'])
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
