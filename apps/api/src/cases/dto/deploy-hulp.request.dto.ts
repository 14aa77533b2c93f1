import type { DeployHulpData, HulpComponentInput, HulpEvaluationInput, HulpPlanInput } from '@zicht/case-domain';
import { HULP_DECIDERS, HULP_MODES, HulpDecider, HulpMode } from '@zicht/case-domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate } from '../../http/validators';
import { CommandDto, FREE_TEXT_MAX, NestedObject, NestedObjects, RequestBody } from './common';
import { PartyDto } from './party.dto';

// Completeness of the plan (aims, components, their fields, the evaluation) is a Meldcode rule
// (hulp.incomplete-plan, 422) judged in decide(); the edge checks only types and shapes.

export class PlanDto implements HulpPlanInput {
  @ApiProperty({ type: [String], description: 'The aims of the help (personal data); at least one' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(FREE_TEXT_MAX, { each: true })
  aims: string[];

  @ApiProperty({ description: 'The child-heard or child-not-heard event of this case through which the child was involved', format: 'uuid' })
  @IsUUID()
  childConversationEventId: string;

  @ApiPropertyOptional({ type: [String], description: 'Who else the plan was discussed with (roles, e.g. "ouders")' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  discussedWith?: string[];
}

export class HulpComponentDto implements HulpComponentInput {
  @ApiProperty({ description: 'What kind of help', example: 'gezinsbegeleiding' })
  @IsString()
  @MaxLength(200)
  kind: string;

  @ApiPropertyOptional({ description: 'Who provides it', example: 'jeugdteam-noord' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  provider?: string;

  @ApiPropertyOptional({ example: '2026-11-10' })
  @IsOptional()
  @IsCalendarDate()
  startsOn?: string;

  @ApiPropertyOptional({ description: 'Implementation deadline, not before startsOn', example: '2027-02-10' })
  @IsOptional()
  @IsCalendarDate()
  deadline?: string;

  @ApiPropertyOptional({ description: 'Intended duration in weeks', example: 12 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(520)
  intendedDurationWeeks?: number;
}

export class EvaluationDto implements HulpEvaluationInput {
  @ApiPropertyOptional({ description: 'How the help is evaluated', example: 'huisbezoek en gesprek met het kind' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  method?: string;

  @ApiPropertyOptional({ description: 'Days between monitoring checks', example: 42 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(730)
  intervalDays?: number;

  @ApiPropertyOptional({ example: '2026-12-15' })
  @IsOptional()
  @IsCalendarDate()
  firstCheckDue?: string;
}

export class DeployHulpRequestDto extends CommandDto implements RequestBody<DeployHulpData> {
  @ApiProperty({ enum: HULP_MODES, description: 'Help deployed anew, or help already there continued' })
  @IsIn(HULP_MODES)
  mode: HulpMode;

  @ApiPropertyOptional({
    enum: HULP_DECIDERS,
    description: 'Who decided on the help: follows from your role (veilig-thuis: "veilig-thuis", a professional: "melder"); a value that contradicts it is refused (hulp.decided-by-not-principal)',
  })
  @IsOptional()
  @IsIn(HULP_DECIDERS)
  decidedBy?: HulpDecider;

  @ApiProperty({ type: PartyDto, description: 'Who is responsible for the help' })
  @NestedObject(() => PartyDto)
  responsible: PartyDto;

  @ApiProperty({ type: PlanDto })
  @NestedObject(() => PlanDto)
  plan: PlanDto;

  @ApiProperty({ type: [HulpComponentDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @NestedObjects(() => HulpComponentDto)
  components: HulpComponentDto[];

  @ApiProperty({ type: EvaluationDto })
  @NestedObject(() => EvaluationDto)
  evaluation: EvaluationDto;
}
