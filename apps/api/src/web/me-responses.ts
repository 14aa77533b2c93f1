import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '@zicht/case-domain';
import type { Principal, Role } from '@zicht/case-domain';

/** The principal of an API key, as GET /me answers it (never the key). */
export class PrincipalDto implements Principal {
  @ApiProperty({ example: 'leerkracht-1' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ example: 'obs-de-linde' })
  organisation: string;

  @ApiPropertyOptional({ example: 'onderwijs' })
  beroepsgroep?: string;

  @ApiPropertyOptional({ example: 'VR13', description: 'Veilig Thuis staff: their region' })
  region?: string;

  @ApiProperty({ type: [String], example: ['child-interviewer'] })
  qualifications: string[];
}
