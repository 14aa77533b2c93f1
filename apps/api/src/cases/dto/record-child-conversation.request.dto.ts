import type { RecordChildConversationData } from '@zicht/case-domain';
import { CHILD_CONVERSATION_MOMENTS, CHILD_NOT_HEARD_REASONS, ChildConversationMoment, ChildNotHeardData, REFUSED_CHILD_NOT_HEARD_REASONS } from '@zicht/case-domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '../../http/validators';
import { CommandDto, FREE_TEXT_MAX, OnlyWhen, RequestBody } from './common';

/** 'age' and 'disability' pass the edge so that the Meldcode rule can refuse them with its own explanation. */
const NOT_HEARD_REASONS = [...CHILD_NOT_HEARD_REASONS, ...REFUSED_CHILD_NOT_HEARD_REASONS];

const heard = (o: RecordChildConversationRequestDto) => o.outcome === 'heard';
const notHeard = (o: RecordChildConversationRequestDto) => o.outcome === 'not-heard';

export class RecordChildConversationRequestDto extends CommandDto implements RequestBody<RecordChildConversationData> {
  @ApiProperty({ enum: ['heard', 'not-heard'] })
  @IsIn(['heard', 'not-heard'])
  outcome: 'heard' | 'not-heard';

  @ApiProperty({ enum: CHILD_CONVERSATION_MOMENTS, description: 'The decision moment' })
  @IsIn(CHILD_CONVERSATION_MOMENTS)
  moment: ChildConversationMoment;

  @ApiPropertyOptional({ description: 'outcome "heard": whether the child was heard alone (required)' })
  @ValidateIf((o) => heard(o) || o.heardAlone !== undefined)
  @OnlyWhen('outcome', 'heard')
  @IsBoolean()
  heardAlone?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'outcome "heard": accommodations used (e.g. interpreter, drawing)' })
  @ValidateIf((o) => o.accommodations !== undefined)
  @OnlyWhen('outcome', 'heard')
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  accommodations?: string[];

  @ApiPropertyOptional({ description: "outcome \"heard\": the child's views (personal data; required)", maxLength: FREE_TEXT_MAX })
  @ValidateIf((o) => heard(o) || o.viewsSummary !== undefined)
  @OnlyWhen('outcome', 'heard')
  @IsString()
  @IsNotEmpty()
  @MaxLength(FREE_TEXT_MAX)
  viewsSummary?: string;

  @ApiPropertyOptional({ enum: NOT_HEARD_REASONS, description: 'outcome "not-heard": why (required). Age or disability alone is never a valid reason.' })
  @ValidateIf((o) => notHeard(o) || o.reason !== undefined)
  @OnlyWhen('outcome', 'not-heard')
  @IsIn(NOT_HEARD_REASONS)
  reason?: ChildNotHeardData['reason'];

  @ApiPropertyOptional({ description: 'outcome "not-heard": explanation (personal data; required)', maxLength: FREE_TEXT_MAX })
  @ValidateIf((o) => notHeard(o) || o.explanation !== undefined)
  @OnlyWhen('outcome', 'not-heard')
  @IsString()
  @IsNotEmpty()
  @MaxLength(FREE_TEXT_MAX)
  explanation?: string;

  @ApiPropertyOptional({ type: [String], description: 'outcome "not-heard": accommodations tried' })
  @ValidateIf((o) => o.accommodationsTried !== undefined)
  @OnlyWhen('outcome', 'not-heard')
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  accommodationsTried?: string[];

  @ApiPropertyOptional({ description: 'outcome "not-heard": date by which to try again (required)', example: '2026-12-01' })
  @ValidateIf((o) => notHeard(o) || o.revisitBy !== undefined)
  @OnlyWhen('outcome', 'not-heard')
  @IsCalendarDate()
  revisitBy?: string;
}
