import { Controller, Get, Headers, Inject, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ProjectionRunner } from '@zicht/projections';
import type { FastifyReply } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/auth';
import { Metrics } from './metrics';

export const METRICS_KEY = Symbol('METRICS_KEY');

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Prometheus text for the scraper. Not part of the API contract (so not in the OpenAPI document) and
 * not an API key's business: open, or behind its own key (ZICHT_METRICS_KEY) as a bearer token.
 */
@ApiExcludeController()
@Public()
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
