/** The afwegingskader registry as GET /afwegingskaders answers it, for OpenAPI. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ANSWER_KEYS } from '@zicht/case-domain';
import type { Afwegingskader, AfwegingskaderAnswer, AfwegingskaderQuestion, AnswerKey } from '@zicht/case-domain';

export class AfwegingskaderAnswerDto implements AfwegingskaderAnswer {
  @ApiProperty({ enum: ANSWER_KEYS, description: 'The key of this answer in a weighing’s answers' })
  key: AnswerKey;

  @ApiProperty({ description: 'In Dutch' })
  label: string;

  @ApiProperty({ type: Boolean, nullable: true, description: 'The answer that makes a melding mandatory (null: question 1, where "no" closes the case)' })
  meldenWhen: boolean | null;
}

export class AfwegingskaderQuestionDto implements AfwegingskaderQuestion {
  @ApiProperty({ example: 1 })
  number: number;

  @ApiProperty({ description: 'The question in Dutch' })
  text: string;

  @ApiProperty({ type: [AfwegingskaderAnswerDto] })
  answers: AfwegingskaderAnswerDto[];

  @ApiPropertyOptional()
  ifYes?: string;

  @ApiPropertyOptional()
  ifNo?: string;
}

export class SourceDto {
  @ApiProperty()
  publisher: string;

  @ApiProperty()
  reference: string;

  @ApiPropertyOptional()
  note?: string;
}

export class AfwegingskaderDto implements Afwegingskader {
  @ApiProperty({ example: 'onderwijs' })
  id: string;

  @ApiProperty({ example: '2018' })
  version: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ type: [String] })
  beroepsgroepen: string[];

  @ApiProperty({ format: 'date' })
  validFrom: string;

  @ApiProperty({ type: () => SourceDto })
  source: SourceDto;

  @ApiProperty({ type: [AfwegingskaderQuestionDto] })
  questions: AfwegingskaderQuestionDto[];
}

export class AfwegingskaderListDto {
  @ApiProperty({ type: [AfwegingskaderDto] })
  afwegingskaders: AfwegingskaderDto[];
}
