import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { afwegingskaders } from '@zicht/case-domain';
import { Roles } from '../auth/auth';
import { ApiProblems } from '../http/openapi';
import { AfwegingskaderListDto } from './afwegingskader-responses';

@ApiTags('reference data')
@ApiProblems(401)
@Roles('professional', 'veilig-thuis', 'inspector', 'analyst', 'admin')
@Controller('afwegingskaders')
export class AfwegingskadersController {
  @Get()
  @ApiOperation({ operationId: 'listAfwegingskaders', summary: 'The afwegingskader registry: every framework by id and version, its beroepsgroepen and its five questions (in Dutch)' })
  @ApiOkResponse({ type: AfwegingskaderListDto })
  list() {
    return { afwegingskaders };
  }
}
