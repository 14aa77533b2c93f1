import type { AssessSafetyData } from '@zicht/case-domain';
import { SAFETY_ASSESSMENT_DECISIONS, SafetyAssessmentDecision, URGENCIES, Urgency, VEILIG_THUIS_SAFETY, VeiligThuisSafety } from '@zicht/case-domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { RequestBody } from './common';
import { VeiligThuisDecisionDto } from './veilig-thuis.dto';

export class AssessSafetyRequestDto extends VeiligThuisDecisionDto implements RequestBody<AssessSafetyData> {
  @ApiProperty({ enum: URGENCIES, description: 'How urgent Veilig Thuis judges the melding' })
  @IsIn(URGENCIES)
  urgency: Urgency;

  @ApiProperty({ enum: VEILIG_THUIS_SAFETY, description: "The child's safety as Veilig Thuis judges it" })
  @IsIn(VEILIG_THUIS_SAFETY)
  safety: VeiligThuisSafety;

  @ApiProperty({ enum: SAFETY_ASSESSMENT_DECISIONS, description: 'What follows (advies: the melding is handled as an advice after all)' })
  @IsIn(SAFETY_ASSESSMENT_DECISIONS)
  decision: SafetyAssessmentDecision;

  @ApiPropertyOptional({ description: 'The child-heard or child-not-heard event of this case (moment besluit-vervolg)', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  childConversationEventId?: string;
}
