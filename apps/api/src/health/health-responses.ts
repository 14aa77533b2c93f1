/** What the health checks answer, for OpenAPI (Terminus' result with this platform's two checks). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ParkedEventDto, ProjectionStatusDto } from '../admin/admin-responses';

export class EventStoreHealthDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiProperty({ example: 'sqlite', description: 'Which event store' })
  kind: string;

  @ApiPropertyOptional({ description: 'Down: why' })
  message?: string;
}

export class ProjectionsHealthDto extends ProjectionStatusDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiPropertyOptional({ description: '/health/ready: ZICHT_READY_MAX_LAG' })
  maxLag?: number;

  @ApiPropertyOptional({ type: [ParkedEventDto], description: 'Up to 5 parked events (never their data nor their case)' })
  parkedEvents?: ParkedEventDto[];
}

export class HealthIndicatorsDto {
  @ApiProperty({ type: () => EventStoreHealthDto })
  eventStore: EventStoreHealthDto;

  @ApiProperty({ type: () => ProjectionsHealthDto })
  projections: ProjectionsHealthDto;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';

  @ApiProperty({ type: () => HealthIndicatorsDto })
  info: HealthIndicatorsDto;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Empty when healthy' })
  error: Record<string, unknown>;

  @ApiProperty({ type: () => HealthIndicatorsDto })
  details: HealthIndicatorsDto;
}

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}
