/** The analyst tables as they are answered, for OpenAPI. */
import { ApiProperty } from '@nestjs/swagger';
import { ANALYTICS_DIMENSIONS } from '@zicht/projections';
import type { AnalyticsDimension } from '@zicht/projections';
import { ANALYTICS_TABLES, AnalyticsTableName } from './analytics-tables';
import type { AnalyticsTable } from './get-analytics-table';

const CELL = { oneOf: [{ type: 'number', nullable: true }, { type: 'string', enum: ['suppressed'] }], description: 'A protected figure: a number, "suppressed", or null (nothing to show)' };

export class AnalyticsTableRefDto {
  @ApiProperty({ enum: Object.keys(ANALYTICS_TABLES) })
  name: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ example: '/analytics/meldingen' })
  path: string;
}

export class AnalyticsTableListDto {
  @ApiProperty({ type: [AnalyticsTableRefDto] })
  tables: AnalyticsTableRefDto[];
}

export class DisclosureDto {
  @ApiProperty({ description: 'Counts are rounded to a multiple of this' })
  roundTo: number;

  @ApiProperty({ description: 'Counts under this are suppressed' })
  minCell: number;

  @ApiProperty({ description: 'Shares, medians and percentiles over fewer are suppressed' })
  minShareBase: number;

  @ApiProperty({ example: 'suppressed' })
  marker: string;

  @ApiProperty()
  note: string;
}

export class AnalyticsColumnDto {
  @ApiProperty()
  key: string;

  @ApiProperty({ enum: ['count', 'percent', 'days'] })
  kind: 'count' | 'percent' | 'days';

  @ApiProperty()
  description: string;
}

export class AnalyticsTableDto implements AnalyticsTable {
  @ApiProperty({ enum: Object.keys(ANALYTICS_TABLES) })
  table: AnalyticsTableName;

  @ApiProperty()
  title: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ enum: ANALYTICS_DIMENSIONS })
  by: AnalyticsDimension;

  @ApiProperty({ type: String, nullable: true, example: '2026-01' })
  from: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-06' })
  to: string | null;

  @ApiProperty({ format: 'date-time', description: '"Today" for the figures judged against the clock' })
  asOf: string;

  @ApiProperty({ type: () => DisclosureDto })
  disclosure: DisclosureDto;

  @ApiProperty({ type: [AnalyticsColumnDto] })
  columns: AnalyticsColumnDto[];

  @ApiProperty({
    type: 'array',
    description: 'One per group: { [by]: group, [column key]: cell }',
    items: { type: 'object', additionalProperties: { oneOf: [{ type: 'string', description: 'The group, or "suppressed"' }, { type: 'number', nullable: true }] } },
  })
  rows: Record<string, string | number | null>[];

  @ApiProperty({ type: 'object', additionalProperties: CELL, description: '{ [column key]: cell } over every group' })
  total: Record<string, number | 'suppressed' | null>;
}
