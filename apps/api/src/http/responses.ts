import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Problem } from './problem';

export class RecordedEventRefDto {
  @ApiProperty({ format: 'uuid' })
  eventId: string;

  @ApiProperty({ example: 'signal' })
  type: string;
}

export class CommandResponseDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ description: "The case's revision after the command (0-based); also in the ETag header", example: 3 })
  revision: number;

  @ApiProperty({ type: [RecordedEventRefDto] })
  events: RecordedEventRefDto[];

  @ApiPropertyOptional({ description: 'Weighings only: the conclusion the server computed from the answers', enum: ['no-suspicion', 'melding-required', 'hulp-without-melding'] })
  conclusion?: string;

  @ApiPropertyOptional({ description: 'Weighings only: why a melding is mandatory', type: [String] })
  meldplichtGrounds?: string[];
}

export class FieldErrorDto {
  @ApiProperty({ example: 'subject.childRef' })
  field: string;

  @ApiProperty({ type: [String] })
  messages: string[];
}

/** RFC 9457 problem details (application/problem+json): every error answer. */
export class ProblemDto implements Problem {
  @ApiProperty({ example: 'https://zicht.invalid/problems/closure.melding-required' })
  type: string;

  @ApiProperty({ example: 'Unprocessable Content' })
  title: string;

  @ApiProperty({ example: 422 })
  status: number;

  @ApiProperty()
  detail: string;

  @ApiPropertyOptional({ description: 'The Meldcode rule that refused the command (409, 422)', example: 'closure.melding-required' })
  rule?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Every failing field (400)' })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ description: "The case's current revision (412)", type: Number, nullable: true })
  currentRevision?: number | null;

  @ApiPropertyOptional({ description: 'The first revision of the case record that does not verify (409 integrity.record-broken)' })
  firstInvalidRevision?: number;

  @ApiPropertyOptional({ description: 'Seconds to wait (429); also the Retry-After header' })
  retryAfter?: number;

  @ApiPropertyOptional({ description: 'Health (503): the checks that are up', type: 'object', additionalProperties: true })
  info?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Health (503): the checks that are down, and why', type: 'object', additionalProperties: true })
  error?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Health (503): every check', type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;
}
