import type { AfwegingskaderRef, RecordWeighingData, WeighingAnswers } from '@zicht/case-domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CommandDto, FREE_TEXT_MAX, NestedObject, RequestBody } from './common';

export class AfwegingskaderRefDto implements AfwegingskaderRef {
  @ApiProperty({ example: 'onderwijs' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  id: string;

  @ApiProperty({ example: '2019' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  version: string;
}

export class AfwegingsAnswersDto implements WeighingAnswers {
  @ApiProperty({ description: '1. Is there a suspicion of (a threat of) huiselijk geweld or kindermishandeling?' })
  @IsBoolean()
  suspicion: boolean;

  @ApiPropertyOptional({ description: '2a. Is there acute unsafety?' })
  @IsOptional()
  @IsBoolean()
  acuteUnsafety?: boolean;

  @ApiPropertyOptional({ description: '2b. Is there structural unsafety?' })
  @IsOptional()
  @IsBoolean()
  structuralUnsafety?: boolean;

  @ApiPropertyOptional({ description: '3. Can I offer or organise effective help?' })
  @IsOptional()
  @IsBoolean()
  canOfferEffectiveHelp?: boolean;

  @ApiPropertyOptional({ description: '4. Do the people involved accept the help and cooperate?' })
  @IsOptional()
  @IsBoolean()
  helpAccepted?: boolean;

  @ApiPropertyOptional({ description: '5. Does the help lead to lasting safety?' })
  @IsOptional()
  @IsBoolean()
  helpLeadsToSafety?: boolean;
}

export class RecordWeighingRequestDto extends CommandDto implements RequestBody<RecordWeighingData> {
  @ApiProperty({ type: AfwegingskaderRefDto, description: 'Which afwegingskader (see GET /afwegingskaders)' })
  @NestedObject(() => AfwegingskaderRefDto)
  afwegingskader: AfwegingskaderRefDto;

  @ApiProperty({ type: AfwegingsAnswersDto, description: 'The answers; the server computes the conclusion and the melding grounds from them' })
  @NestedObject(() => AfwegingsAnswersDto)
  answers: AfwegingsAnswersDto;

  @ApiProperty({ description: 'Why (personal data)', maxLength: FREE_TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(FREE_TEXT_MAX)
  rationale: string;
}
