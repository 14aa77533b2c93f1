import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { EventStore } from '@zicht/event-store';
import { ProjectionRunner } from '@zicht/projections';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../http/problem';
import { ApiProblems, ApiPublic } from '../http/openapi';
import { HealthDto, LivenessDto } from './health-responses';
import { EVENT_STORE } from '../store/event-store.module';
import { ProjectorRole } from '../read-models/projector-role';

const READY_TIMEOUT_MS = 2_000;

export const READY_MAX_LAG = Symbol('READY_MAX_LAG');

type Indicator = () => Promise<HealthIndicatorResult>;

@ApiTags('operations')
@Public()
@ApiPublic()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    @Inject(READY_MAX_LAG) private readonly maxLag: number,
    private readonly projector: ProjectorRole,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'getHealth', summary: "Liveness and the event store's readiness" })
  @ApiOkResponse({ type: HealthDto })
  @ApiProblems([503, 'The event store is not ready, or the projections have stopped (with info, error and details)'])
  check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult | object> {
    return this.run(reply, [() => this.eventStore(), () => this.projections()]);
  }

  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process answers (no dependency is checked)' })
  @ApiOkResponse({ type: LivenessDto })
  @ApiProblems([503, 'The server is shutting down'])
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness: the event store answers and the read models are at most ZICHT_READY_MAX_LAG behind the log' })
  @ApiOkResponse({ type: HealthDto })
  @ApiProblems([503, 'Not ready (with info, error and details)'])
  ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult | object> {
    return this.run(reply, [() => this.eventStore(), () => this.projections(this.maxLag)]);
  }

  /** Runs the checks; a failed one answers 503 as problem+json carrying Terminus' info, error and details. */
  private async run(reply: FastifyReply, checks: Indicator[]): Promise<HealthCheckResult | object> {
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.keys(result.error ?? {});
      const detail = `Not ready: ${down.join(' and ')} ${down.length === 1 ? 'is' : 'are'} down; see error.`;
      const { status: _terminusStatus, ...checksResult } = result;
      void reply.status(503).header('content-type', PROBLEM_CONTENT_TYPE);
      return { ...toProblem(new ServiceUnavailableException(detail)), ...checksResult };
    }
  }

  /**
   * Where the read models are in the log, and how far behind; down when this process leads but its
   * runner has stopped, or (with `maxLag`) when the read models are further behind than that. An API
   * node or a standby projector reports the checkpoints the leader stored.
   */
  private async projections(maxLag?: number): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('projections');
    const runner = await this.runner.status();
    // A parked event does not stop the platform, but it is named here: which projection, where in the
    // log, and why (never its data nor its case; GET /admin/projections/parked gives an admin the stream).
    const parkedEvents =
      runner.parked > 0 ? (await this.runner.parked(5)).map(({ projection, position, error, reason, parkedAt }) => ({ projection, position, error, reason, parkedAt })) : [];
    const status = { ...runner, role: this.projector.role, projector: this.projector.state, ...(parkedEvents.length > 0 ? { parkedEvents } : {}) };
    if (!status.running && this.projector.leading) return indicator.down({ ...status });
    if (maxLag !== undefined && BigInt(status.behind) > BigInt(maxLag)) return indicator.down({ ...status, maxLag });
    return indicator.up({ ...status, ...(maxLag !== undefined ? { maxLag } : {}) });
  }

  private async eventStore(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('eventStore');
    try {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      });
      await Promise.race([this.store.ready(), timeout]).finally(() => clearTimeout(timer));
      return indicator.up({ kind: this.store.kind });
    } catch (error) {
      return indicator.down({ kind: this.store.kind, message: (error as Error).message });
    }
  }
}
