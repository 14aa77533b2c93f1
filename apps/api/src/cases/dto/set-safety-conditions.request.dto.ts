import type { SafetyConditionInput, SetSafetyConditionsData } from '@zicht/case-domain';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../http/validators';
import { CommandDto, FREE_TEXT_MAX, NestedObjects, RequestBody } from './common';

export class SafetyConditionDto implements SafetyConditionInput {
  @ApiProperty({ description: 'The condition (personal data)', maxLength: FREE_TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(FREE_TEXT_MAX)
  description: string;

  @ApiProperty({ description: 'By when it must be met; a monitoring check on or after it reviews it', example: '2027-01-15' })
  @IsCalendarDate()
  deadline: string;
}

export class SetSafetyConditionsRequestDto extends CommandDto implements RequestBody<SetSafetyConditionsData> {
  @ApiProperty({ type: [SafetyConditionDto], description: 'At least one condition' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @NestedObjects(() => SafetyConditionDto)
  conditions: SafetyConditionDto[];

  @ApiProperty({ description: 'The first monitoring check of the conditions', example: '2026-12-15' })
  @IsCalendarDate()
  firstCheckDue: string;
}
