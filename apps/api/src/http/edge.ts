import cors from '@fastify/cors';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@zicht/case-domain';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { IncomingMessage, Server, createServer } from 'node:http';
import type { Socket } from 'node:net';
import type { ApiKeyRegistry } from '../auth/api-keys';
import type { EdgeConfig } from '../config/config';
import { InvalidRequestError, PROBLEM_CONTENT_TYPE, Problem, RateLimitedError, problem } from './problem';

export const BODY_LIMIT_BYTES = 1024 * 1024;
/** Deeper JSON than this is refused before it is parsed into objects (no command nests deeper than 5). */
export const MAX_JSON_DEPTH = 32;

/** The request id (also the events' correlationId): X-Request-Id when it is a sane token, else a new UUID. */
function requestId(req: { headers: IncomingMessage['headers'] }): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{8,100}$/.test(given) ? given : randomUUID();
}

/** A problem written straight to a socket (Node's own errors, before there is a request object). */
function writeRawProblem(socket: Socket, body: Problem): void {
  const text = JSON.stringify(body);
  const reason = body.title;
  socket.write(
    `HTTP/1.1 ${body.status} ${reason}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

/**
 * Fastify's options for the edge: the body limit, request ids, and problem+json for every error that
 * Fastify and Node answer themselves (a bad URL encoding, an overlong path parameter, headers too
 * large, a request that arrives too slowly). Bodies are never echoed back.
 */
export function fastifyOptions(config: EdgeConfig): FastifyServerOptions {
  return {
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
    requestIdHeader: false,
    genReqId: requestId,
    // Node checks its request timeout only this often; a slow body is cut off within timeout + 1 s.
    serverFactory: (handler) => {
      const server: Server = createServer({ requestTimeout: config.requestTimeoutMs, headersTimeout: config.requestTimeoutMs, connectionsCheckingInterval: 1000 }, handler);
      return server;
    },
    frameworkErrors: (error: Error & { code?: string }, _request: FastifyRequest, reply: FastifyReply) => {
      const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      const detail = status === 414 ? 'A part of the path is too long.' : 'The path is not validly URL-encoded.';
      void reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem(status, detail));
    },
    clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const body =
        error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? problem(408, `The request did not arrive within ${config.requestTimeoutMs / 1000} s; send it again, faster.`)
          : error.code === 'HPE_HEADER_OVERFLOW'
            ? problem(431, 'The request headers are too large.')
            : problem(400, 'The request is not valid HTTP.');
      if (socket.writable) writeRawProblem(socket, body);
      socket.destroy();
    },
  } as FastifyServerOptions;
}

/** The greatest nesting depth of a JSON text, counted without parsing it (strings are skipped). */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

type KnownRequest = FastifyRequest & { principal?: Principal; keyPrincipal?: Principal | null };

/** The principal of a request's bearer key, looked up once per request (the guard and the rate limit share it). */
export function principalOfRequest(request: KnownRequest, keys: ApiKeyRegistry): Principal | null {
  if (request.keyPrincipal !== undefined) return request.keyPrincipal;
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  request.keyPrincipal = match ? keys.authenticate(match[1]) : null;
  return request.keyPrincipal;
}

/**
 * The HTTP edge, before any route: JSON bodies only (415 otherwise) of bounded depth, rate limits
 * per key and per client address (requests without a valid key hardest), security headers, CORS for
 * the configured origins only, and `Cache-Control: no-store` on every answer.
 */
export async function configureEdge(app: NestFastifyApplication, config: EdgeConfig, keys: ApiKeyRegistry): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;

  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (request, body, done) => {
    const text = body as string;
    if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      done(new InvalidRequestError([{ field: 'body', messages: [`must not nest deeper than ${MAX_JSON_DEPTH} levels`] }]), undefined);
      return;
    }
    parseJson(request, text, done);
  });

  // Helmet's security headers, its middleware made once (the Fastify plugin builds it again on every request).
  const securityHeaders = helmet({
    // Swagger UI (/docs) and the web app (/app) load their own scripts and styles from this server.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  fastify.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
  await app.register(cors as never, {
    origin: config.corsOrigins.length === 0 ? false : config.corsOrigins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Idempotency-Key', 'X-Request-Id', 'Accept-Language', 'traceparent'],
    exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id', 'Idempotent-Replayed'],
    maxAge: 600,
  });
  await app.register(rateLimit as never, {
    global: true,
    timeWindow: config.rateLimitWindowMs,
    keyGenerator: (request: KnownRequest) => {
      const principal = principalOfRequest(request, keys);
      return principal ? `key:${principal.id}` : `address:${request.ip}`;
    },
    max: (request: KnownRequest, key: string) => (key.startsWith('key:') ? config.rateLimitPerKey : config.rateLimitAnonymous),
    allowList: (request: FastifyRequest) => request.url.startsWith('/health') || request.url.startsWith('/metrics'),
    errorResponseBuilder: (request: KnownRequest, context: { ttl: number }) =>
      new RateLimitedError(Math.max(1, Math.ceil(context.ttl / 1000)), !principalOfRequest(request, keys)),
  });

  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('X-Request-Id', request.id);
  });
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    if (!reply.hasHeader('cache-control')) void reply.header('Cache-Control', 'no-store');
    return notModified(request, reply, payload);
  });
}

/** What a `projector` process answers on its port: its health and its metrics, nothing of the API. */
export const PROJECTOR_PATHS: readonly string[] = ['/health/live', '/health/ready', '/metrics'];

/** A `projector` process answers 404 (problem+json) to everything but PROJECTOR_PATHS: no case data is served there. */
export function restrictToProjectorPaths(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0];
      if (PROJECTOR_PATHS.includes(path)) return;
      await reply
        .code(404)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send(problem(404, 'This process is a projector (ZICHT_ROLE=projector): it answers /health/live, /health/ready and /metrics only.'));
    });
}

/** `If-None-Match` on a GET whose answer carries an ETag: 304 without a body when one of the tags matches (weak comparison). */
function notModified(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
  const etag = reply.getHeader('etag');
  const given = request.headers['if-none-match'];
  if (request.method !== 'GET' || reply.statusCode !== 200 || typeof etag !== 'string' || typeof given !== 'string') return payload;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const matches = given.trim() === '*' || given.split(',').some((tag) => opaque(tag) === opaque(etag));
  if (!matches) return payload;
  void reply.code(304);
  reply.removeHeader('content-type');
  reply.removeHeader('content-length');
  return '';
}

