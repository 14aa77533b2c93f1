import type { InformGemeenteData } from '@zicht/case-domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { CommandDto, FREE_TEXT_MAX, RequestBody } from './common';

export class InformGemeenteRequestDto extends CommandDto implements RequestBody<InformGemeenteData> {
  @ApiProperty({ description: 'The CBS code of the municipality informed', example: 'GM0363' })
  @IsString()
  @Matches(/^GM\d{4}$/, { message: 'municipality must be a CBS municipality code such as GM0363' })
  municipality: string;

  @ApiProperty({ description: 'The party that does not do what was agreed (an organisation)', example: 'lokaal-team-noord' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  party: string;

  @ApiProperty({ description: 'What was agreed and not done (personal data)', maxLength: FREE_TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(FREE_TEXT_MAX)
  reason: string;
}
