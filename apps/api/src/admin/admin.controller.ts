import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ProjectionRunner } from '@zicht/projections';
import { Roles } from '../auth/auth';
import { ProblemDto } from '../http/responses';

@ApiTags('operations')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDto })
@ApiForbiddenResponse({ type: ProblemDto, description: 'Admins only' })
@Roles('admin')
@Controller('admin')
export class AdminController {
  constructor(private readonly runner: ProjectionRunner) {}

  @Post('projections/rebuild')
  @HttpCode(200)
  @ApiOperation({ summary: 'Empty every read model and project the whole event log again; answers when caught up' })
  @ApiOkResponse({ description: '{ events, ms, status }' })
  async rebuild() {
    const { events, ms } = await this.runner.rebuild();
    return { events, ms, status: await this.runner.status() };
  }
}
