import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@zicht/case-domain';
import { CurrentPrincipal, Roles } from '../auth/auth';
import { ApiProblems } from '../http/openapi';
import { PrincipalDto } from './me-responses';

/** Who the key belongs to, so that a client (the web app) can show what this role works with. */
@ApiTags('reference data')
@ApiProblems(401)
@Roles('professional', 'veilig-thuis', 'inspector', 'analyst', 'admin')
@Controller('me')
export class MeController {
  @Get()
  @ApiOperation({ operationId: 'getMe', summary: 'The principal of this API key: id, name, role, organisation, and region, beroepsgroep and qualifications when set (never the key)' })
  @ApiOkResponse({ type: PrincipalDto })
  me(@CurrentPrincipal() principal: Principal): PrincipalDto {
    const { id, name, role, organisation, region, beroepsgroep, qualifications } = principal;
    return { id, name, role, organisation, ...(region ? { region } : {}), ...(beroepsgroep ? { beroepsgroep } : {}), qualifications };
  }
}
