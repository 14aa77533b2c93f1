import type { RecordMonitorCheckData } from '@zicht/case-domain';
import { MONITOR_SAFETY, MonitorSafety } from '@zicht/case-domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../http/validators';
import { CommandDto, FREE_TEXT_MAX, RequestBody } from './common';

export class RecordMonitorCheckRequestDto extends CommandDto implements RequestBody<RecordMonitorCheckData> {
  @ApiProperty({ enum: MONITOR_SAFETY, description: "The child's safety" })
  @IsIn(MONITOR_SAFETY)
  safety: MonitorSafety;

  @ApiProperty({ description: 'Whether the help works' })
  @IsBoolean()
  helpEffective: boolean;

  @ApiProperty({ description: 'Notes (personal data)', maxLength: FREE_TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(FREE_TEXT_MAX)
  notes: string;

  @ApiPropertyOptional({ description: 'The conversation in which the child was heard for this check', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  childConversationEventId?: string;

  @ApiPropertyOptional({ description: 'Next check (default: this check plus the evaluation interval)', example: '2027-01-15' })
  @IsOptional()
  @IsCalendarDate()
  nextCheckDue?: string;
}
