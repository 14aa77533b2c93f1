import type { CloseCaseData, ReopenCaseData } from '@zicht/case-domain';
import { CLOSURE_REASONS, ClosureReason } from '@zicht/case-domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CommandDto, FREE_TEXT_MAX, RequestBody } from './common';

export class CloseCaseRequestDto extends CommandDto implements RequestBody<CloseCaseData> {
  @ApiProperty({ enum: CLOSURE_REASONS })
  @IsIn(CLOSURE_REASONS)
  reason: ClosureReason;

  @ApiProperty({ description: 'Summary (personal data)', maxLength: FREE_TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(FREE_TEXT_MAX)
  summary: string;
}

export class ReopenCaseRequestDto extends CommandDto implements RequestBody<ReopenCaseData> {
  @ApiProperty({ description: 'Why the case is reopened (personal data)', maxLength: FREE_TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(FREE_TEXT_MAX)
  reason: string;
}
