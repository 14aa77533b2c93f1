import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { ERASURE_REASONS, ErasureReason, Principal } from '@zicht/case-domain';
import { IsIn } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../auth/auth';
import { caseIdPipe } from '../http/params';
import { EraseCaseCommand, ErasureResult, RetentionSweep } from '../privacy/erasure';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ProjectionRunner } from '@zicht/projections';
import { Roles } from '../auth/auth';
import { ProblemDto } from '../http/responses';

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
  @ApiOperation({ summary: 'Empty every read model and project the whole event log again; answers when caught up' })
  @ApiOkResponse({ description: '{ events, ms, status }' })
  async rebuild() {
    const { events, ms } = await this.runner.rebuild();
    return { events, ms, status: await this.runner.status() };
  }
}
