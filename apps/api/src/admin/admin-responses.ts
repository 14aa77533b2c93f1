/** The answers of the admin operations, for OpenAPI (each tied to its type by `implements`). */
import { ApiProperty } from '@nestjs/swagger';
import type { BuildProgress, ParkedEvent, ProjectionLaneStatus, ProjectionStatus } from '@zicht/projections';
import type { ErasureResult, RetentionRun } from '../privacy/erasure';

export class ErasureResultDto implements ErasureResult {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ format: 'date-time', description: "When the case's data key was destroyed: the same for every repeat" })
  erasedAt: string;
}

export class RetentionRunDto implements RetentionRun {
  @ApiProperty({ type: [String], description: 'The cases erased by this run (dryRun: that would be)' })
  erased: string[];

  @ApiProperty({ description: 'Cases left as they are' })
  kept: number;

  @ApiProperty({ description: 'Cases erased before this run' })
  alreadyErased: number;

  @ApiProperty({ type: [String], description: 'Cases due that cannot be erased (personal text stored in clear before encryption)' })
  blocked: string[];

  @ApiProperty()
  dryRun: boolean;
}

export class LiveGenerationDto {
  @ApiProperty()
  generation: number;

  @ApiProperty()
  version: number;

  @ApiProperty({ type: String, nullable: true })
  position: string | null;
}

export class BuildProgressDto implements BuildProgress {
  @ApiProperty()
  generation: number;

  @ApiProperty()
  version: number;

  @ApiProperty({ description: 'Building into the names queries use (there was no older generation)' })
  inPlace: boolean;

  @ApiProperty({ type: String, nullable: true })
  position: string | null;

  @ApiProperty()
  events: number;

  @ApiProperty({ description: 'Reading the log stream by stream up to the head it began at (position stays null meanwhile); then in log order' })
  byStream: boolean;

  @ApiProperty()
  eventsPerSecond: number;

  @ApiProperty({ type: Number, nullable: true })
  secondsLeft: number | null;
}

export class ProjectionLaneStatusDto implements ProjectionLaneStatus {
  @ApiProperty()
  name: string;

  @ApiProperty()
  version: number;

  @ApiProperty({ type: () => LiveGenerationDto, nullable: true, description: 'null while the first generation is built in place' })
  live: LiveGenerationDto | null;

  @ApiProperty({ type: () => BuildProgressDto, nullable: true })
  building: BuildProgressDto | null;

  @ApiProperty()
  parked: number;
}

export class ProjectionStatusDto implements ProjectionStatus {
  @ApiProperty()
  running: boolean;

  @ApiProperty({ enum: ['applying', 'stored'], description: 'applying: this process writes the read models; stored: it reads the checkpoints another process (the leading projector) stored' })
  source: 'applying' | 'stored';

  @ApiProperty({ type: String, nullable: true, description: 'The last position every answering read model includes (decimal)' })
  position: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The log's last position" })
  head: string | null;

  @ApiProperty({ description: 'Events (SQLite) or log bytes (EventStoreDB) between the two, decimal' })
  behind: string;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  @ApiProperty({ description: 'Events parked across all projections' })
  parked: number;

  @ApiProperty()
  rebuilding: boolean;

  @ApiProperty({ type: [ProjectionLaneStatusDto] })
  projections: ProjectionLaneStatusDto[];
}

export class RebuildResultDto {
  @ApiProperty({ description: 'Events applied' })
  events: number;

  @ApiProperty()
  ms: number;

  @ApiProperty({ type: () => ProjectionStatusDto })
  status: ProjectionStatusDto;
}

export class ParkedEventDto implements ParkedEvent {
  @ApiProperty()
  projection: string;

  @ApiProperty()
  generation: number;

  @ApiProperty()
  streamId: string;

  @ApiProperty()
  revision: number;

  @ApiProperty({ description: 'The global position (decimal)' })
  position: string;

  @ApiProperty({ description: "The error's name" })
  error: string;

  @ApiProperty({ description: 'Why, in words that never quote event data' })
  reason: string;

  @ApiProperty({ format: 'date-time' })
  parkedAt: string;
}

export class ParkedEventsDto {
  @ApiProperty({ type: [ParkedEventDto] })
  parked: ParkedEventDto[];
}

export class RetryParkedResultDto {
  @ApiProperty({ description: 'Events applied again' })
  retried: number;

  @ApiProperty({ description: 'Events still parked' })
  parked: number;
}
