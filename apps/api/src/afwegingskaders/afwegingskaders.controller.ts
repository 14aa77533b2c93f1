import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { afwegingskaders } from '@zicht/case-domain';
import { Roles } from '../auth/auth';
import { ProblemDto } from '../http/responses';

@ApiTags('reference data')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDto })
@Roles('professional', 'veilig-thuis', 'inspector', 'analyst', 'admin')
@Controller('afwegingskaders')
export class AfwegingskadersController {
  @Get()
  @ApiOperation({ summary: 'The afwegingskader registry: every framework by id and version, its beroepsgroepen and its five questions (in Dutch)' })
  @ApiOkResponse({ description: '{ afwegingskaders: [{ id, version, beroepsgroepen, validFrom, questions }] }' })
  list() {
    return { afwegingskaders };
  }
}
