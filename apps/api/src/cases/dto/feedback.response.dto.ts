import type { Feedback, MelderFeedback } from '@zicht/case-domain';
import { FEEDBACK_MOMENTS, FeedbackMoment } from '@zicht/case-domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MelderFeedbackDto implements MelderFeedback {
  @ApiProperty({ format: 'uuid', description: 'The melder-informed event' })
  eventId: string;

  @ApiProperty({ example: '2026-11-12T10:00:00.000Z' })
  occurredAt: string;

  @ApiProperty({ example: '2026-11-12T10:00:01.000Z' })
  recordedAt: string;

  @ApiProperty({ enum: FEEDBACK_MOMENTS })
  moment: FeedbackMoment;

  @ApiProperty({ format: 'uuid', description: 'The safety-assessed or investigation-completed event it tells about' })
  aboutEventId: string;

  @ApiProperty({ description: 'Whether a vervolgtraject was started' })
  vervolgStarted: boolean;

  @ApiProperty({ type: [String], description: 'The organisations the case was handed over to' })
  handoverParties: string[];

  @ApiProperty({ type: String, nullable: true, description: 'What is asked of the melder (personal data)' })
  melderRole: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The monitoring agreements the melder is part of (personal data)' })
  monitoringAgreements: string | null;
}

export class FeedbackResponseDto implements Feedback {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ description: "The case's revision; also the ETag" })
  revision: number;

  @ApiProperty({ type: [MelderFeedbackDto], description: 'Newest first' })
  feedback: MelderFeedbackDto[];

  @ApiPropertyOptional({ description: 'The read model stops before a parked event' })
  incomplete?: boolean;

  @ApiPropertyOptional({ description: "The case's personal data was erased: every personal field is null" })
  erased?: boolean;
}
