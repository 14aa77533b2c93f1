import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Span, SpanStatusCode, context } from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Metrics } from './metrics';
import { startServerSpan } from './tracing';

/** The route pattern of a request (`/cases/:id`), or 'unmatched': never the raw URL. */
function routePattern(request: FastifyRequest): string {
  return request.routeOptions?.url ?? 'unmatched';
}

/**
 * Counts and times every answer by route pattern and status, and (when tracing is on) runs each
 * request in a server span that continues the caller's traceparent. Fastify hooks, so that answers
 * Nest never sees (unknown routes, bodies refused by Fastify) are counted too.
 */
@Injectable()
export class HttpObservability implements OnModuleInit {
  private readonly spans = new WeakMap<FastifyRequest, Span>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request, _reply, done) => {
      const route = routePattern(request);
      const server = startServerSpan(route === 'unmatched' ? request.method : `${request.method} ${route}`, request.headers, {
        'http.request.method': request.method,
        ...(route === 'unmatched' ? {} : { 'http.route': route }),
      });
      if (!server) return done();
      this.spans.set(request, server.span);
      // The body arrives in later events of the raw request: bind them to the span's context too.
      context.bind(server.context, request.raw);
      context.with(server.context, done);
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      this.record(request, reply);
      done();
    });
    fastify.addHook('onRequestAbort', (request, done) => {
      this.spans.get(request)?.end();
      done();
    });
  }

  private record(request: FastifyRequest, reply: FastifyReply): void {
    const labels = { method: request.method, route: routePattern(request), status: String(reply.statusCode) };
    this.metrics.httpRequests.inc(labels);
    this.metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    const span = this.spans.get(request);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  }
}
