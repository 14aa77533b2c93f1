import type { CompleteInvestigationData, InvestigationFindingInput } from '@zicht/case-domain';
import { FINDING_OUTCOMES, FindingOutcome, INVESTIGATION_DECISIONS, InvestigationDecision, SIGNAL_CATEGORIES, SignalCategory } from '@zicht/case-domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { FREE_TEXT_MAX, NestedObject, NestedObjects, RequestBody } from './common';
import { VeiligThuisDecisionDto } from './veilig-thuis.dto';

export class InvestigationFindingDto implements InvestigationFindingInput {
  @ApiProperty({ enum: SIGNAL_CATEGORIES, description: 'The form of violence investigated' })
  @IsIn(SIGNAL_CATEGORIES)
  form: SignalCategory;

  @ApiProperty({ enum: FINDING_OUTCOMES })
  @IsIn(FINDING_OUTCOMES)
  outcome: FindingOutcome;
}

export class EndedEarlyDto {
  @ApiProperty({ description: 'Why the onderzoek ended early (personal data)', maxLength: FREE_TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(FREE_TEXT_MAX)
  reason: string;
}

export class CompleteInvestigationRequestDto extends VeiligThuisDecisionDto implements RequestBody<CompleteInvestigationData> {
  @ApiPropertyOptional({ type: [InvestigationFindingDto], description: 'The outcome per form of violence, each form once; or endedEarly (exactly one of the two)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SIGNAL_CATEGORIES.length)
  @NestedObjects(() => InvestigationFindingDto)
  findings?: InvestigationFindingDto[];

  @ApiPropertyOptional({ type: EndedEarlyDto, description: 'The onderzoek ended early; or findings' })
  @NestedObject(() => EndedEarlyDto, { optional: true })
  endedEarly?: EndedEarlyDto;

  @ApiProperty({ enum: INVESTIGATION_DECISIONS })
  @IsIn(INVESTIGATION_DECISIONS)
  decision: InvestigationDecision;

  @ApiPropertyOptional({
    description: 'The conversation in which the child was heard alone by a trained Veilig Thuis interviewer during the onderzoek (moment onderzoek), or a child-not-heard at moment onderzoek (rule vt.investigation-child-not-heard)',
    format: 'uuid',
  })
  @IsOptional()
  @IsUUID()
  childConversationEventId?: string;
}
