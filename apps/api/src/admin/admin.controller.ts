import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { ERASURE_REASONS, ErasureReason, Principal } from '@zicht/case-domain';
import { IsIn } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../auth/auth';
import { EraseCaseCommand, ErasureResult, RetentionSweep } from '../privacy/erasure';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ProjectionRunner } from '@zicht/projections';
import { Roles } from '../auth/auth';
import { caseIdPipe, queryInt } from '../http/params';
import { ProblemDto } from '../http/responses';
import { ProjectorRole } from '../read-models/projector-role';

export class ErasureRequestDto {
  @ApiProperty({ enum: ERASURE_REASONS, description: 'Why: a code, never a free text (the event holds no personal data)' })
  @IsIn(ERASURE_REASONS)
  reason: ErasureReason;
}

@ApiTags('operations')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDto })
@ApiForbiddenResponse({ type: ProblemDto, description: 'Admins only' })
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
  @ApiOperation({ summary: "Erase the case's personal data: destroys its data key and records personal-data-erased; idempotent (a repeat answers the same erasedAt)" })
  @ApiOkResponse({ description: '{ caseId, erasedAt }' })
  erase(@Param('id', caseIdPipe) id: string, @Body() dto: ErasureRequestDto, @CurrentPrincipal() principal: Principal, @Req() req: FastifyRequest): Promise<ErasureResult> {
    return this.commands.execute(new EraseCaseCommand(id.toLowerCase(), dto.reason, principal, String(req.id)));
  }

  @Post('retention/run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the retention sweep now: erase every case closed longer than ZICHT_RETENTION_DAYS ago' })
  @ApiOkResponse({ description: '{ erased: [caseId], kept, alreadyErased, dryRun }' })
  async runRetention() {
    return this.retention.run();
  }

  @Post('projections/rebuild')
  @HttpCode(200)
  @ApiOperation({ summary: 'Build every read model anew from the whole event log, beside the current one (which keeps answering), and swap it in; answers when swapped' })
  @ApiOkResponse({ description: '{ events, ms, status }' })
  @ApiConflictResponse({ type: ProblemDto, description: 'projections.not-leading: this process does not write the read models (ZICHT_ROLE=api, or a standby)' })
  async rebuild() {
    this.projector.assertLeading(); // 409 on a node that does not write the read models
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
  @ApiConflictResponse({ type: ProblemDto, description: 'projections.not-leading: this process does not write the read models (ZICHT_ROLE=api, or a standby)' })
  retryParked() {
    this.projector.assertLeading();
    return this.runner.retryParked();
  }
}
