import { RESPONSIBILITY_SCOPES, ResponsibilityScope } from '@zicht/case-domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { CommandDto, FREE_TEXT_MAX } from './common';
import { PartyDto } from './party.dto';

export class AssignResponsibilityRequestDto extends CommandDto {
  @ApiProperty({ enum: RESPONSIBILITY_SCOPES, description: 'One scope at a time' })
  @IsIn(RESPONSIBILITY_SCOPES)
  scope: ResponsibilityScope;

  @ApiProperty({ type: PartyDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => PartyDto)
  to: PartyDto;

  @ApiProperty({ description: 'Why (personal data)', maxLength: FREE_TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(FREE_TEXT_MAX)
  reason: string;
}
