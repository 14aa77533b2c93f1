/**
 * The answer of GET /cases/:id/accountability (UN CRC General Comment 13, par. 53), for OpenAPI.
 * Each class `implements` its domain type (accountability.ts), so the two cannot drift apart unseen.
 */
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { CHILD_CONVERSATION_MOMENTS, HULP_DECIDERS, HULP_MODES, MONITOR_SAFETY, RESPONSIBILITY_SCOPES } from '@zicht/case-domain';
import type {
  Accountability,
  ChildConversationMoment,
  ChildInvolvement,
  EvaluationCheck,
  HulpDecider,
  HulpMode,
  Intervention,
  MonitoringNormRef,
  MonitorSafety,
  ResponsibilityEntry,
  ResponsibilityGap,
  ResponsibilityScope,
  VeiligThuisIntervention,
} from '@zicht/case-domain';
import { PartyDto, ResponsibleByScopeDto } from './case-responses';

const RESPONSIBILITY_VIA = ['case-opened', 'melding', 'hulp-ingezet', 'responsibility-assigned', 'safety-assessed', 'investigation-completed', 'safety-conditions-set'] as const;

export class ResponsibilityEntryDto implements ResponsibilityEntry {
  @ApiProperty({ enum: RESPONSIBILITY_SCOPES })
  scope: ResponsibilityScope;

  @ApiProperty({ type: () => PartyDto })
  party: PartyDto;

  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null while held' })
  until: string | null;

  @ApiProperty({ format: 'uuid' })
  eventId: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  endedByEventId: string | null;

  @ApiProperty({ enum: RESPONSIBILITY_VIA })
  via: (typeof RESPONSIBILITY_VIA)[number];

  @ApiPropertyOptional({ description: 'The reason given with a responsibility-assigned (personal data)' })
  reason?: string;
}

export class ResponsibilityGapDto implements ResponsibilityGap {
  @ApiProperty({ enum: RESPONSIBILITY_SCOPES })
  scope: ResponsibilityScope;

  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: still open' })
  until: string | null;
}

export class ResponsibleDto {
  @ApiProperty({ type: () => ResponsibleByScopeDto })
  current: ResponsibleByScopeDto;

  @ApiProperty({ type: [ResponsibilityEntryDto] })
  timeline: ResponsibilityEntryDto[];

  @ApiProperty({ type: [ResponsibilityGapDto] })
  gaps: ResponsibilityGapDto[];
}

export class ChildInvolvementDto implements ChildInvolvement {
  @ApiProperty({ format: 'uuid' })
  eventId: string;

  @ApiProperty({ enum: ['child-heard', 'child-not-heard'] })
  type: 'child-heard' | 'child-not-heard';

  @ApiProperty({ enum: CHILD_CONVERSATION_MOMENTS })
  moment: ChildConversationMoment;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiPropertyOptional()
  heardAlone?: boolean;

  @ApiPropertyOptional()
  interviewerTrained?: boolean;

  @ApiPropertyOptional({ description: 'Why the child was not heard (a code)' })
  reason?: string;

  @ApiPropertyOptional({ format: 'date' })
  revisitBy?: string;
}

export class EarlierPlanDto {
  @ApiProperty({ format: 'uuid' })
  hulpEventId: string;

  @ApiProperty({ enum: HULP_MODES })
  mode: HulpMode;

  @ApiProperty({ enum: HULP_DECIDERS })
  decidedBy: HulpDecider;

  @ApiProperty({ format: 'date-time' })
  decidedAt: string;
}

export class PlanDto extends EarlierPlanDto {
  @ApiProperty({ type: () => PartyDto })
  responsible: PartyDto;

  @ApiProperty({ type: [String] })
  aims: string[];

  @ApiProperty({ type: [String] })
  discussedWith: string[];

  @ApiProperty({ type: () => ChildInvolvementDto, nullable: true })
  childInvolvement: ChildInvolvementDto | null;

  @ApiProperty({ type: [EarlierPlanDto], description: 'Plans this one replaced, oldest first' })
  earlier: EarlierPlanDto[];
}

export class InterventionDto implements Intervention {
  @ApiProperty({ enum: ['hulp'] })
  type: 'hulp';

  @ApiProperty({ format: 'uuid' })
  hulpEventId: string;

  @ApiProperty()
  kind: string;

  @ApiProperty()
  provider: string;

  @ApiProperty({ format: 'date' })
  startsOn: string;

  @ApiProperty({ format: 'date' })
  deadline: string;

  @ApiProperty()
  intendedDurationWeeks: number;

  @ApiProperty({ format: 'date', description: 'startsOn plus the intended duration' })
  endsOn: string;

  @ApiProperty()
  runsPastDeadline: boolean;

  @ApiProperty({ enum: ['not-started', 'in-progress', 'past-deadline'] })
  status: 'not-started' | 'in-progress' | 'past-deadline';

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  reviewedByEventId: string | null;

  @ApiProperty()
  overdue: boolean;
}

export class VeiligThuisInterventionDto implements VeiligThuisIntervention {
  @ApiProperty({ enum: ['veilig-thuis'] })
  type: 'veilig-thuis';

  @ApiProperty({ enum: ['veiligheidsbeoordeling', 'onderzoek'] })
  kind: 'veiligheidsbeoordeling' | 'onderzoek';

  @ApiProperty({ description: 'Veilig Thuis of the region' })
  provider: string;

  @ApiProperty({ format: 'uuid' })
  fromEventId: string;

  @ApiProperty({ format: 'date-time' })
  startsAt: string;

  @ApiProperty({ enum: ['24-uur', '5-werkdagen', '10-weken'] })
  term: '24-uur' | '5-werkdagen' | '10-weken';

  @ApiProperty({ format: 'date-time', description: 'The last moment that is on time' })
  deadline: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  doneAt: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  doneByEventId: string | null;

  @ApiProperty({ type: Boolean, nullable: true })
  onTime: boolean | null;

  @ApiProperty()
  overdue: boolean;
}

export class EvaluationCheckDto implements EvaluationCheck {
  @ApiProperty({ format: 'uuid' })
  eventId: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ enum: MONITOR_SAFETY })
  safety: MonitorSafety;

  @ApiProperty()
  helpEffective: boolean;

  @ApiProperty({ format: 'date' })
  wasDue: string;

  @ApiProperty()
  onTime: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  childConversationEventId: string | null;

  @ApiProperty({ format: 'date' })
  nextCheckDue: string;
}

export class MonitoringStartDto {
  @ApiProperty({ format: 'uuid' })
  eventId: string;

  @ApiProperty({ enum: ['hulp-ingezet', 'safety-assessed', 'investigation-completed', 'safety-conditions-set'] })
  type: 'hulp-ingezet' | 'safety-assessed' | 'investigation-completed' | 'safety-conditions-set';

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;
}

export class MonitoringNormRefDto implements MonitoringNormRef {
  @ApiProperty()
  id: string;

  @ApiProperty()
  version: string;

  @ApiProperty()
  maxIntervalDays: number;

  @ApiProperty()
  minDurationDays: number;
}

export class EvaluationDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The plan whose help is monitored; null when Veilig Thuis monitors its decision' })
  hulpEventId: string | null;

  @ApiProperty({ type: () => MonitoringStartDto })
  startedBy: MonitoringStartDto;

  @ApiProperty({ type: String, nullable: true })
  method: string | null;

  @ApiProperty()
  intervalDays: number;

  @ApiProperty({ format: 'date' })
  firstCheckDue: string;

  @ApiProperty({ type: [EvaluationCheckDto] })
  checks: EvaluationCheckDto[];

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'null once closed' })
  nextCheckDue: string | null;

  @ApiProperty()
  overdue: boolean;

  @ApiProperty({ type: () => PartyDto, nullable: true })
  monitoringHeldBy: PartyDto | null;

  @ApiProperty({ enum: ['veilig-thuis', 'overgedragen', 'other'] })
  monitoredBy: 'veilig-thuis' | 'overgedragen' | 'other';

  @ApiProperty({ type: () => MonitoringNormRefDto })
  norm: MonitoringNormRefDto;

  @ApiProperty({ format: 'date', description: 'The earliest date monitoring may end under the norm' })
  minimumUntil: string;
}

@ApiExtraModels(InterventionDto, VeiligThuisInterventionDto)
export class AccountabilityDto implements Accountability {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ description: 'Also the ETag' })
  revision: number;

  @ApiProperty({ enum: ['open', 'closed'] })
  status: 'open' | 'closed';

  @ApiProperty({ format: 'date-time' })
  asOf: string;

  @ApiProperty({ type: () => ResponsibleDto, description: '(a) who is responsible, per scope, from the signal to the last follow-up' })
  responsible: ResponsibleDto;

  @ApiProperty({ type: () => PlanDto, nullable: true, description: '(b) the plan in force' })
  plan: PlanDto | null;

  @ApiProperty({ type: [ChildInvolvementDto], description: 'Every conversation with the child (or attempt), oldest first' })
  childConversations: ChildInvolvementDto[];

  @ApiProperty({
    type: 'array',
    description: "(c) the interventions of the plan in force, and Veilig Thuis' deadlines",
    items: { oneOf: [{ $ref: getSchemaPath(InterventionDto) }, { $ref: getSchemaPath(VeiligThuisInterventionDto) }], discriminator: { propertyName: 'type', mapping: { hulp: getSchemaPath(InterventionDto), 'veilig-thuis': getSchemaPath(VeiligThuisInterventionDto) } } },
  })
  interventions: Array<InterventionDto | VeiligThuisInterventionDto>;

  @ApiProperty({ type: () => EvaluationDto, nullable: true, description: '(d) how and when the help is evaluated and monitored' })
  evaluation: EvaluationDto | null;

  @ApiPropertyOptional({ enum: [true] })
  incomplete?: true;

  @ApiPropertyOptional({ enum: [true] })
  erased?: true;
}
