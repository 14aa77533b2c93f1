import type { AssignResponsibilityData } from '@zicht/case-domain';
import { RESPONSIBILITY_SCOPES, ResponsibilityScope } from '@zicht/case-domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CommandDto, FREE_TEXT_MAX, NestedObject, RequestBody } from './common';
import { PartyDto } from './party.dto';

export class AssignResponsibilityRequestDto extends CommandDto implements RequestBody<AssignResponsibilityData> {
  @ApiProperty({ enum: RESPONSIBILITY_SCOPES, description: 'One scope at a time' })
  @IsIn(RESPONSIBILITY_SCOPES)
  scope: ResponsibilityScope;

  @ApiProperty({ type: PartyDto })
  @NestedObject(() => PartyDto)
  to: PartyDto;

  @ApiProperty({ description: 'Why (personal data)', maxLength: FREE_TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(FREE_TEXT_MAX)
  reason: string;
}
