/** The answers of the inspection and integrity queries, for OpenAPI (each tied to its type by `implements`). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AccessLogEntry } from '@zicht/projections';
import { AccountabilityDto } from '../cases/accountability-responses';
import { CaseSummaryDto, ComplianceDto, HistoryEntryDto, PrincipalRefDto } from '../cases/case-responses';
import type { TakenAnchor } from './log-anchors';

export class CaseAsOfDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ format: 'date-time', description: 'The moment the answers are judged at: asOf, or when revision was recorded' })
  asOf: string;

  @ApiProperty({ description: 'The last revision recorded by then; also the ETag' })
  revision: number;

  @ApiProperty({ type: () => CaseSummaryDto })
  summary: CaseSummaryDto;

  @ApiProperty({ type: () => AccountabilityDto })
  accountability: AccountabilityDto;

  @ApiProperty({ type: () => ComplianceDto })
  compliance: ComplianceDto;

  @ApiPropertyOptional({ enum: [true] })
  erased?: true;
}

/** A hash chain recomputed: valid, or where it first breaks and why. */
export class ChainVerificationDto {
  @ApiProperty()
  valid: boolean;

  @ApiProperty({ description: 'Events checked' })
  events: number;

  @ApiPropertyOptional({ description: 'When not valid: the first revision that does not match' })
  firstInvalidRevision?: number;

  @ApiPropertyOptional({ description: 'When not valid: why' })
  reason?: string;

  @ApiProperty({ description: 'The hash of the last event' })
  headHash: string;
}

export class CaseVerificationDto extends ChainVerificationDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;
}

export class FoldErrorDto {
  @ApiProperty()
  revision: number;

  @ApiProperty()
  reason: string;
}

export class CaseFileDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ format: 'date-time' })
  exportedAt: string;

  @ApiProperty({ type: () => PrincipalRefDto })
  exportedBy: PrincipalRefDto;

  @ApiProperty()
  revision: number;

  @ApiProperty({ type: () => CaseSummaryDto, nullable: true, description: 'null when the stored events cannot be folded (see foldError)' })
  summary: CaseSummaryDto | null;

  @ApiProperty({ type: () => AccountabilityDto, nullable: true })
  accountability: AccountabilityDto | null;

  @ApiProperty({ type: () => ComplianceDto, nullable: true })
  compliance: ComplianceDto | null;

  @ApiProperty({ type: () => FoldErrorDto, nullable: true })
  foldError: FoldErrorDto | null;

  @ApiProperty({ type: () => ChainVerificationDto })
  verification: ChainVerificationDto;

  @ApiProperty({ type: [HistoryEntryDto] })
  events: HistoryEntryDto[];

  @ApiPropertyOptional({ enum: [true] })
  erased?: true;
}

export class AccessLogEntryDto implements AccessLogEntry {
  @ApiProperty({ format: 'uuid' })
  eventId: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ enum: ['read', 'refused'] })
  outcome: 'read' | 'refused';

  @ApiProperty({ type: () => PrincipalRefDto, nullable: true, description: 'null: a refusal without a known key' })
  principal: PrincipalRefDto | null;

  @ApiProperty({ example: 'GET' })
  method: string;

  @ApiProperty({ example: '/cases/:id' })
  route: string;

  @ApiProperty({ example: 200 })
  status: number;

  @ApiProperty({ type: [String] })
  caseIds: string[];

  @ApiProperty({ description: 'The request id; for an aggregated window of refusals, its reason (no-key, unknown-key, rate-limited)' })
  requestId: string;

  @ApiProperty({ description: 'How many requests the entry stands for (more than 1: refusals counted together)' })
  count: number;

  @ApiPropertyOptional({ description: 'Aggregated refusals: the client address' })
  clientAddress?: string;
}

export class AccessLogPageDto {
  @ApiProperty({ type: [AccessLogEntryDto], description: 'Oldest first' })
  entries: AccessLogEntryDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as after for the next page; null on the last page' })
  next: string | null;
}

export class LogAnchorDto implements TakenAnchor {
  @ApiProperty({ description: 'The global position of the last event covered (decimal)', example: '1042' })
  position: string;

  @ApiProperty({ description: 'How many events of the log the digest covers' })
  events: number;

  @ApiProperty({ description: 'The running digest after that event' })
  digest: string;

  @ApiProperty({ format: 'date-time' })
  takenAt: string;
}

export class LogAnchorListDto {
  @ApiProperty({ type: [LogAnchorDto], description: 'Newest first' })
  anchors: LogAnchorDto[];
}

export class TakenAnchorDto {
  @ApiProperty({ type: () => LogAnchorDto, nullable: true, description: 'null: the log is empty' })
  anchor: LogAnchorDto | null;
}
