/**
 * The answers of the case queries, for OpenAPI. Each class `implements` the domain type it describes,
 * so a field added to or retyped in the domain does not compile until it is documented here.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CASE_FLAGS,
  CASE_ORIGINS,
  CASE_STAGES,
  CLOSURE_REASONS,
  COMPLIANCE_CHECK_IDS,
  MELDPLICHT_GROUNDS,
} from '@zicht/case-domain';
import type { CaseFlag, CaseOrigin, CaseStage, CaseSummary, ClosureReason, Compliance, ComplianceCheck, ComplianceCheckId, ComplianceStatus, MeldplichtGround, Party, ResponsibilityScope } from '@zicht/case-domain';
import type { CaseHistory, CaseList, HistoryEntry } from './case-queries';

export class PartyDto implements Party {
  @ApiProperty({ example: 'obs-de-linde' })
  organisation: string;

  @ApiPropertyOptional({ description: 'The professional (a name or id); never in the worklist' })
  professional?: string;

  @ApiPropertyOptional()
  role?: string;

  @ApiPropertyOptional({ description: 'Set when the party is Veilig Thuis of that region', example: 'VR13' })
  veiligThuisRegion?: string;
}

/** Who holds each scope of responsibility (null: nobody). */
export class ResponsibleByScopeDto implements Record<ResponsibilityScope, Party | null> {
  @ApiProperty({ type: () => PartyDto, nullable: true })
  'zicht-op-veiligheid': PartyDto | null;

  @ApiProperty({ type: () => PartyDto, nullable: true })
  hulp: PartyDto | null;

  @ApiProperty({ type: () => PartyDto, nullable: true })
  monitoring: PartyDto | null;
}

export class SubjectDto {
  @ApiProperty({ description: "The organisation's own pseudonymous reference to the child (personal data; absent once erased)", example: 'leerling-0042' })
  childRef: string;

  @ApiPropertyOptional({ example: 2016 })
  birthYear?: number;
}

export class MeldplichtDto {
  @ApiProperty({ enum: ['none', 'open', 'fulfilled'] })
  status: 'none' | 'open' | 'fulfilled';

  @ApiProperty({ enum: MELDPLICHT_GROUNDS, isArray: true })
  grounds: MeldplichtGround[];

  @ApiPropertyOptional({ format: 'date-time', description: 'When the melding became mandatory' })
  since?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  causeEventId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  fulfilledByEventId?: string;
}

export class ClosureDto {
  @ApiProperty({ enum: CLOSURE_REASONS })
  reason: ClosureReason;

  @ApiProperty({ format: 'date-time' })
  closedAt: string;
}

export class CaseSummaryDto implements CaseSummary {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ description: 'The revision this answer is of (0-based); also the ETag', example: 3 })
  revision: number;

  @ApiProperty({ enum: ['open', 'closed'] })
  status: 'open' | 'closed';

  @ApiProperty({ enum: CASE_STAGES, description: 'The furthest Meldcode step reached' })
  stage: CaseStage;

  @ApiProperty({ example: 'VR13' })
  region: string;

  @ApiProperty({ type: String, nullable: true, example: 'GM0363' })
  municipality: string | null;

  @ApiProperty({ type: () => SubjectDto })
  subject: SubjectDto;

  @ApiProperty({ enum: CASE_ORIGINS })
  origin: CaseOrigin;

  @ApiProperty({ format: 'date-time' })
  openedAt: string;

  @ApiProperty({ format: 'date-time', description: 'occurredAt of the last event' })
  lastEventAt: string;

  @ApiProperty({ type: () => ResponsibleByScopeDto })
  responsible: ResponsibleByScopeDto;

  @ApiProperty({ type: () => MeldplichtDto })
  meldplicht: MeldplichtDto;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The next monitoring check, while monitored' })
  nextCheckDue: string | null;

  @ApiProperty({ type: () => ClosureDto, nullable: true })
  closure: ClosureDto | null;

  @ApiProperty({ enum: CASE_FLAGS, isArray: true, description: 'What falls short of the norm, judged now' })
  flags: CaseFlag[];

  @ApiPropertyOptional({ enum: [true], description: 'An event of the case is parked: the answer stops before it' })
  incomplete?: true;

  @ApiPropertyOptional({ enum: [true], description: "The case's personal data was erased: personal fields are absent" })
  erased?: true;
}

export class CaseListDto implements CaseList {
  @ApiProperty({ type: [CaseSummaryDto], description: 'Newest first' })
  cases: CaseSummaryDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' })
  next: string | null;
}

export class ComplianceCheckDto implements ComplianceCheck {
  @ApiProperty({ enum: COMPLIANCE_CHECK_IDS })
  id: ComplianceCheckId;

  @ApiProperty({ enum: ['met', 'not-met', 'pending', 'not-applicable'] })
  status: ComplianceStatus;

  @ApiProperty({ type: [String], description: 'The event ids that prove the status (not-met: the events that fall short)' })
  evidence: string[];

  @ApiProperty()
  explanation: string;
}

export class ComplianceDto implements Compliance {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty()
  revision: number;

  @ApiProperty({ format: 'date-time', description: 'The moment the norms are judged at' })
  asOf: string;

  @ApiProperty({ type: [ComplianceCheckDto] })
  checks: ComplianceCheckDto[];

  @ApiPropertyOptional({ enum: [true] })
  incomplete?: true;
}

/** Who did something: the principal's id, role and organisation (never a key). */
export class PrincipalRefDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  role: string;

  @ApiProperty()
  organisation: string;
}

export class ActorDto extends PrincipalRefDto {
  @ApiPropertyOptional({ example: 'VR13' })
  region?: string;
}

export class HistoryEntryDto implements HistoryEntry {
  @ApiProperty()
  revision: number;

  @ApiProperty({ format: 'uuid' })
  eventId: string;

  @ApiProperty({ example: 'signal-recorded' })
  type: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;

  @ApiProperty({ type: () => ActorDto })
  actor: ActorDto;

  @ApiProperty({ type: 'object', additionalProperties: true, description: "The event's data, as its type defines it (personal fields absent once erased)" })
  data: Record<string, unknown>;

  @ApiProperty()
  correlationId: string;

  @ApiProperty()
  causationId: string;

  @ApiProperty()
  schemaVersion: number;

  @ApiProperty({ description: 'The hash of the previous event (the chain)' })
  prevHash: string;

  @ApiProperty()
  hash: string;
}

export class CaseHistoryDto implements CaseHistory {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ description: "The case's current revision" })
  revision: number;

  @ApiProperty({ type: [HistoryEntryDto] })
  events: HistoryEntryDto[];

  @ApiProperty({ type: Number, nullable: true, description: 'Pass as after for the next page; null on the last page' })
  next: number | null;
}
