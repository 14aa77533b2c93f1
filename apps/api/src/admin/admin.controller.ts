import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ProjectionRunner } from '@zicht/projections';
import { Roles } from '../auth/auth';
import { queryInt } from '../http/params';
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
  @ApiOperation({ summary: 'Build every read model anew from the whole event log, beside the current one (which keeps answering), and swap it in; answers when swapped' })
  @ApiOkResponse({ description: '{ events, ms, status }' })
  async rebuild() {
    const { events, ms } = await this.runner.rebuild();
    return { events, ms, status: await this.runner.status() };
  }

  @Get('projections')
  @ApiOperation({ summary: 'Each projection: its live generation and checkpoint, a generation being built (events done, rate, time left), parked events' })
  @ApiOkResponse({ description: '{ running, position, head, behind, lastError, parked, rebuilding, projections: [{ name, version, live, building, parked }] }' })
  status() {
    return this.runner.status();
  }

  @Get('projections/parked')
  @ApiOperation({ summary: 'Events a projection could not apply: which event (stream, revision, position), which projection, and why (never its data)' })
  @ApiQuery({ name: 'limit', required: false, description: '1..1000 (default 100)' })
  @ApiOkResponse({ description: '{ parked: [{ projection, generation, streamId, revision, position, error, reason, parkedAt }] }' })
  async parked(@Query('limit') limit?: string) {
    return { parked: await this.runner.parked(queryInt(limit, 'limit', 1, 1000, 100)) };
  }

  @Post('projections/parked/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply the parked events again (after a fix), stream by stream in order; those that still fail stay parked' })
  @ApiOkResponse({ description: '{ retried, parked }' })
  retryParked() {
    return this.runner.retryParked();
  }
}
