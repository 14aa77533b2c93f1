import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Principal } from '@zicht/case-domain';
import { CurrentPrincipal, Roles } from '../auth/auth';
import { ProblemDto } from '../http/responses';

/** Who the key belongs to, so that a client (the web app) can show what this role works with. */
@ApiTags('reference data')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDto })
@Roles('professional', 'veilig-thuis', 'inspector', 'analyst', 'admin')
@Controller('me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'The principal of this API key: id, name, role, organisation, and region, beroepsgroep and qualifications when set (never the key)' })
  @ApiOkResponse({ description: '{ id, name, role, organisation, region?, beroepsgroep?, qualifications }' })
  me(@CurrentPrincipal() principal: Principal) {
    const { id, name, role, organisation, region, beroepsgroep, qualifications } = principal;
    return { id, name, role, organisation, ...(region ? { region } : {}), ...(beroepsgroep ? { beroepsgroep } : {}), qualifications };
  }
}
