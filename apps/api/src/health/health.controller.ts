import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EventStore } from '@zicht/event-store';
import { ProjectionRunner } from '@zicht/projections';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth';
import { EVENT_STORE } from '../store/event-store.module';

const READY_TIMEOUT_MS = 2_000;

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  @Get()
  @ApiOperation({ summary: "Liveness and the event store's readiness" })
  @ApiOkResponse({ description: '{ status: "ok", info: { eventStore: { status: "up", kind }, projections: { status: "up", position, head, behind } } }' })
  @ApiServiceUnavailableResponse({ description: 'The event store is not ready' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult | object> {
    try {
      return await this.health.check([() => this.eventStore(), () => this.projections()]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return error.getResponse() as object;
    }
  }

  /** Where the read models are in the log, and how far behind; down when the runner has stopped. */
  private async projections() {
    const indicator = this.indicators.check('projections');
    const status = await this.runner.status();
    return status.running ? indicator.up({ ...status }) : indicator.down({ ...status });
  }

  private async eventStore() {
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
