import type { PartyInput } from '@zicht/case-domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class PartyDto implements PartyInput {
  @ApiProperty({ description: 'The responsible organisation', example: 'jeugdteam-noord' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  organisation: string;

  @ApiPropertyOptional({ description: 'The responsible professional (an id in the organisation, not a name)', example: 'medewerker-17' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  professional?: string;

  @ApiPropertyOptional({ description: 'Their role', example: 'casemanager' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  role?: string;
}
