import type { RecordSignalData } from '@zicht/case-domain';
import { SIGNAL_CATEGORIES, SIGNAL_SOURCES, SignalCategory, SignalSource } from '@zicht/case-domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsPastDateOrInstant } from '../../http/validators';
import { CommandDto, FREE_TEXT_MAX, RequestBody } from './common';

export class RecordSignalRequestDto extends CommandDto implements RequestBody<RecordSignalData> {
  @ApiProperty({ enum: SIGNAL_CATEGORIES })
  @IsIn(SIGNAL_CATEGORIES)
  category: SignalCategory;

  @ApiProperty({ enum: SIGNAL_SOURCES, description: 'Keep own observations apart from those of others' })
  @IsIn(SIGNAL_SOURCES)
  source: SignalSource;

  @ApiProperty({ description: 'The signal, recorded factually (personal data)', maxLength: FREE_TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(FREE_TEXT_MAX)
  description: string;

  @ApiProperty({ description: 'When it was observed (date or instant, not in the future)', example: '2026-10-30' })
  @IsPastDateOrInstant()
  observedAt: string;
}
