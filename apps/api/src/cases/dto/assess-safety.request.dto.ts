import type { AssessSafetyData } from '@zicht/case-domain';
import { SAFETY_ASSESSMENT_DECISIONS, SafetyAssessmentDecision, URGENCIES, Urgency, VEILIG_THUIS_SAFETY, VeiligThuisSafety } from '@zicht/case-domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CommandDto, FREE_TEXT_MAX, NestedObject, OnlyWhen, RequestBody } from './common';
import { HandoverDto, MonitoringDto } from './veilig-thuis.dto';

export class AssessSafetyRequestDto extends CommandDto implements RequestBody<AssessSafetyData> {
  @ApiProperty({ enum: URGENCIES, description: 'How urgent Veilig Thuis judges the melding' })
  @IsIn(URGENCIES)
  urgency: Urgency;

  @ApiProperty({ enum: VEILIG_THUIS_SAFETY, description: "The child's safety as Veilig Thuis judges it" })
  @IsIn(VEILIG_THUIS_SAFETY)
  safety: VeiligThuisSafety;

  @ApiProperty({ enum: SAFETY_ASSESSMENT_DECISIONS, description: 'What follows (advies: the melding is handled as an advice after all)' })
  @IsIn(SAFETY_ASSESSMENT_DECISIONS)
  decision: SafetyAssessmentDecision;

  @ApiPropertyOptional({ type: HandoverDto, description: 'decision "overdracht" only, and required with it (rule vt.handover-requires-party)' })
  @OnlyWhen('decision', 'overdracht')
  @NestedObject(() => HandoverDto, { optional: true })
  handoverTo?: HandoverDto;

  @ApiPropertyOptional({ type: MonitoringDto, description: 'Who monitors from now on; default { by: "veilig-thuis" }' })
  @NestedObject(() => MonitoringDto, { optional: true })
  monitoring?: MonitoringDto;

  @ApiPropertyOptional({ description: 'The child-heard or child-not-heard event of this case (moment besluit-vervolg)', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  childConversationEventId?: string;

  @ApiProperty({ description: 'Why (personal data)', maxLength: FREE_TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(FREE_TEXT_MAX)
  rationale: string;
}
