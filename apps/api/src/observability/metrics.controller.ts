import { Controller, Get, Headers, Inject, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProjectionRunner } from '@zicht/projections';
import type { FastifyReply } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/auth';
import { ApiProblems, ApiPublic } from '../http/openapi';
import { Metrics } from './metrics';

export const METRICS_KEY = Symbol('METRICS_KEY');

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Prometheus text for the scraper. Not an API key's business: open, or behind its own key
 * (ZICHT_METRICS_KEY) as a bearer token, which the document names as the optional `metricsKey` scheme.
 */
@ApiTags('operations')
@Public()
@ApiPublic({ metricsKey: [] })
@Controller('metrics')
export class MetricsController {
  private readonly key: Buffer | null;

  constructor(
    private readonly metrics: Metrics,
    private readonly runner: ProjectionRunner,
    @Inject(METRICS_KEY) key: string | undefined,
  ) {
    this.key = key ? digest(key) : null;
  }

  @Get()
  @ApiOperation({ operationId: 'getMetrics', summary: 'Prometheus text: requests, commands, event store, projections, access log, process (no label holds a case id, a key or personal data)' })
  @ApiOkResponse({ description: 'Prometheus text exposition format', content: { 'text/plain; version=0.0.4; charset=utf-8': { schema: { type: 'string' } } } })
  @ApiProblems([401, 'ZICHT_METRICS_KEY is set and the request does not send it'])
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    if (this.key) {
      const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
      if (!given || !timingSafeEqual(digest(given), this.key)) throw new UnauthorizedException('Send the metrics key (ZICHT_METRICS_KEY) as "Authorization: Bearer <key>".');
    }
    const status = await this.runner.status();
    this.metrics.setProjectionStatus(status, status.parked > 0 ? await this.runner.parked(1000) : []);
    void reply.header('content-type', this.metrics.contentType).header('cache-control', 'no-store');
    return this.metrics.render();
  }
}
