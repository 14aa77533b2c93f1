import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { ERASURE_REASONS, ErasureReason, Principal } from '@zicht/case-domain';
import { IsIn } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../auth/auth';
import { EraseCaseCommand, ErasureResult, RetentionSweep } from '../privacy/erasure';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ProjectionRunner } from '@zicht/projections';
import { Roles } from '../auth/auth';
import { caseIdPipe, queryInt } from '../http/params';
import { ApiProblems } from '../http/openapi';
import { ErasureResultDto, ParkedEventsDto, ProjectionStatusDto, RebuildResultDto, RetentionRunDto, RetryParkedResultDto } from './admin-responses';
import { ProjectorRole } from '../read-models/projector-role';

export class ErasureRequestDto {
  @ApiProperty({ enum: ERASURE_REASONS, description: 'Why: a code, never a free text (the event holds no personal data)' })
  @IsIn(ERASURE_REASONS)
  reason: ErasureReason;
}

@ApiTags('operations')
@ApiProblems(401, [403, 'Admins only'])
@Roles('admin')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly commands: CommandBus,
    private readonly retention: RetentionSweep,
    private readonly projector: ProjectorRole,
  ) {}

  @Post('cases/:id/erasure')
  @HttpCode(200)
  @ApiOperation({ operationId: 'eraseCase', summary: "Erase the case's personal data: destroys its data key and records personal-data-erased; idempotent (a repeat answers the same erasedAt)" })
  @ApiOkResponse({ type: ErasureResultDto })
  @ApiProblems([400, 'A missing or unknown reason'], 404, [409, 'Personal text of the case is stored in clear (rule erasure.clear-text-events): a key cannot erase it'], 415, 503)
  erase(@Param('id', caseIdPipe) id: string, @Body() dto: ErasureRequestDto, @CurrentPrincipal() principal: Principal, @Req() req: FastifyRequest): Promise<ErasureResult> {
    return this.commands.execute(new EraseCaseCommand(id.toLowerCase(), dto.reason, principal, String(req.id)));
  }

  @Post('retention/run')
  @HttpCode(200)
  @ApiOperation({ operationId: 'runRetention', summary: 'Run the retention sweep now: erase every case closed longer than ZICHT_RETENTION_DAYS ago' })
  @ApiOkResponse({ type: RetentionRunDto })
  @ApiProblems(503)
  async runRetention(): Promise<RetentionRunDto> {
    return this.retention.run();
  }

  @Post('projections/rebuild')
  @HttpCode(200)
  @ApiOperation({ operationId: 'rebuildProjections', summary: 'Build every read model anew from the whole event log, beside the current one (which keeps answering), and swap it in; answers when swapped' })
  @ApiOkResponse({ type: RebuildResultDto })
  @ApiProblems([409, 'projections.not-leading: this process does not write the read models (ZICHT_ROLE=api, or a standby)'], 503)
  async rebuild(): Promise<RebuildResultDto> {
    this.projector.assertLeading(); // 409 on a node that does not write the read models
    const { events, ms } = await this.runner.rebuild();
    return { events, ms, status: await this.runner.status() };
  }

  @Get('projections')
  @ApiOperation({ operationId: 'getProjectionStatus', summary: 'Each projection: its live generation and checkpoint, a generation being built (events done, rate, time left), parked events' })
  @ApiOkResponse({ type: ProjectionStatusDto })
  status(): Promise<ProjectionStatusDto> {
    return this.runner.status();
  }

  @Get('projections/parked')
  @ApiOperation({ operationId: 'listParkedEvents', summary: 'Events a projection could not apply: which event (stream, revision, position), which projection, and why (never its data)' })
  @ApiQuery({ name: 'limit', required: false, description: '1..1000 (default 100)' })
  @ApiOkResponse({ type: ParkedEventsDto })
  @ApiProblems([400, 'A bad limit'])
  async parked(@Query('limit') limit?: string): Promise<ParkedEventsDto> {
    return { parked: await this.runner.parked(queryInt(limit, 'limit', 1, 1000, 100)) };
  }

  @Post('projections/parked/retry')
  @HttpCode(200)
  @ApiOperation({ operationId: 'retryParkedEvents', summary: 'Apply the parked events again (after a fix), stream by stream in order; those that still fail stay parked' })
  @ApiOkResponse({ type: RetryParkedResultDto })
  @ApiProblems([409, 'projections.not-leading: this process does not write the read models (ZICHT_ROLE=api, or a standby)'])
  retryParked(): Promise<RetryParkedResultDto> {
    this.projector.assertLeading();
    return this.runner.retryParked();
  }
}
