import type { MakeMeldingData } from '@zicht/case-domain';
import { MELDPLICHT_GROUNDS, MeldplichtGround, URGENCIES, Urgency } from '@zicht/case-domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsBsn } from '../../http/validators';
import { CommandDto, REGION_PATTERN, RequestBody } from './common';

export class MakeMeldingRequestDto extends CommandDto implements RequestBody<MakeMeldingData> {
  @ApiPropertyOptional({ description: "Veilig Thuis region (default: the case's)", example: 'VR13' })
  @IsOptional()
  @IsString()
  @Matches(REGION_PATTERN, { message: 'region must be a Veilig Thuis region VR01..VR25' })
  region?: string;

  @ApiPropertyOptional({ enum: URGENCIES, description: 'acuut: the veiligheidsbeoordeling is due within 24 hours (as it is for a melding with acute grounds); default niet-acuut' })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  @ApiPropertyOptional({ enum: MELDPLICHT_GROUNDS, isArray: true, description: 'Grounds for the melding, for a melding the afwegingskader did not make mandatory' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(MELDPLICHT_GROUNDS, { each: true })
  grounds?: MeldplichtGround[];

  @ApiPropertyOptional({ description: "Veilig Thuis' own reference for the melding" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  vtReference?: string;

  @ApiPropertyOptional({
    description:
      "The child's BSN (9 digits, elfproef), passed on with the melding for the radar: the server keeps only a pseudonymous key of it and never stores, logs or returns the BSN itself",
    example: '111222333',
    pattern: '^\\d{9}$',
  })
  @IsOptional()
  @IsBsn()
  bsn?: string;
}
