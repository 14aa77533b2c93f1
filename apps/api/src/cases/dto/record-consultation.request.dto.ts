import type { RecordConsultationData } from '@zicht/case-domain';
import { CONSULTATION_PARTNERS, ConsultationPartner } from '@zicht/case-domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CommandDto, FREE_TEXT_MAX, RequestBody } from './common';

export class RecordConsultationRequestDto extends CommandDto implements RequestBody<RecordConsultationData> {
  @ApiProperty({ enum: CONSULTATION_PARTNERS, description: 'With Veilig Thuis this is an adviesvraag: anonymous advice, no transfer of responsibility' })
  @IsIn(CONSULTATION_PARTNERS)
  with: ConsultationPartner;

  @ApiProperty({ description: 'Outcome of the consultation (personal data)', maxLength: FREE_TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(FREE_TEXT_MAX)
  summary: string;
}
