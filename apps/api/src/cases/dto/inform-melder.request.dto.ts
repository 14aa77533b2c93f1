import type { InformMelderData } from '@zicht/case-domain';
import { FEEDBACK_MOMENTS, FeedbackMoment } from '@zicht/case-domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CommandDto, FREE_TEXT_MAX, RequestBody } from './common';

export class InformMelderRequestDto extends CommandDto implements RequestBody<InformMelderData> {
  @ApiProperty({ enum: FEEDBACK_MOMENTS, description: 'After the veiligheidsbeoordeling or after the onderzoek (about the latest of it)' })
  @IsIn(FEEDBACK_MOMENTS)
  moment: FeedbackMoment;

  @ApiProperty({ description: 'Whether a vervolgtraject was started' })
  @IsBoolean()
  vervolgStarted: boolean;

  @ApiPropertyOptional({ type: [String], description: 'The organisations the case was handed over to', example: ['lokaal-team-noord'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  handoverParties?: string[];

  @ApiPropertyOptional({ description: 'What is asked of the melder, if anything (personal data)', maxLength: FREE_TEXT_MAX })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(FREE_TEXT_MAX)
  melderRole?: string;

  @ApiPropertyOptional({ description: 'The monitoring agreements the melder is part of (personal data)', maxLength: FREE_TEXT_MAX })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(FREE_TEXT_MAX)
  monitoringAgreements?: string;
}
