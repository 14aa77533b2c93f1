import type { OpenCaseData, Subject } from '@zicht/case-domain';
import { CASE_ORIGINS, CaseOrigin } from '@zicht/case-domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsBsn } from '../../http/validators';
import { CommandDto, NestedObject, REGION_PATTERN, RequestBody } from './common';

export class SubjectDto implements Subject {
  @ApiProperty({ description: "The organisation's own pseudonymous reference to the child (personal data: encrypted per case, never logged)", example: 'leerling-4711' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  childRef: string;

  @ApiPropertyOptional({ description: 'Year of birth', example: 2017 })
  @IsOptional()
  @IsInt()
  @Min(1990)
  @Max(2100)
  birthYear?: number;

  @ApiPropertyOptional({
    description:
      "The child's BSN (9 digits, elfproef), for the radar: the server keeps only a pseudonymous key of it (HMAC-SHA256 with the radar secret) and never stores, logs or returns the BSN itself",
    example: '111222333',
    pattern: '^\\d{9}$',
  })
  @IsOptional()
  @IsBsn()
  bsn?: string;
}

export class OpenCaseRequestDto extends CommandDto implements RequestBody<OpenCaseData> {
  @ApiProperty({ type: SubjectDto })
  @NestedObject(() => SubjectDto)
  subject: SubjectDto;

  @ApiProperty({ description: 'Veilig Thuis region of the child', example: 'VR13', pattern: REGION_PATTERN.source })
  @IsString()
  @Matches(REGION_PATTERN, { message: 'region must be a Veilig Thuis region VR01..VR25' })
  region: string;

  @ApiPropertyOptional({ description: 'CBS municipality code', example: 'GM0363' })
  @IsOptional()
  @IsString()
  @Matches(/^GM\d{4}$/, { message: 'municipality must be a CBS municipality code such as GM0363' })
  municipality?: string;

  @ApiPropertyOptional({ enum: CASE_ORIGINS, default: 'signal', description: 'What made the professional open the case' })
  @IsOptional()
  @IsIn(CASE_ORIGINS)
  origin?: CaseOrigin;
}
