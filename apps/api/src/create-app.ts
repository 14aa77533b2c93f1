import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, AppOptions } from './app.module';
import type { ReadModelDb } from '@zicht/projections';
import { openReadModels } from './read-models/read-models';
import { createValidationPipe } from './http/validation';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** The request id (also the events' correlationId): X-Request-Id when it is a sane token, else a new UUID. */
function requestId(req: { headers: IncomingMessage['headers'] }): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{8,100}$/.test(given) ? given : randomUUID();
}

/**
 * The one set-up of the application, used by main.ts, the CLI, the benchmark and every test.
 * Returns an initialised app; the caller decides whether to listen.
 */
export async function createApp(options: Omit<AppOptions, 'readModelDb'> & { readModelDb?: ReadModelDb }): Promise<NestFastifyApplication> {
  const readModelDb = options.readModelDb ?? (await openReadModels(options.config));
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ ...options, readModelDb }),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, return503OnClosing: true, requestIdHeader: false, genReqId: requestId }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());

  // Errors Fastify raises before a handler runs (bad JSON, too large) reach the same ProblemFilter:
  // Nest installs Fastify's error handler and wraps them in an HttpException with Fastify's status.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('X-Request-Id', request.id);
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('zicht')
      .setDescription(
        'Event-sourced case lifecycle for the Meldcode huiselijk geweld en kindermishandeling. ' +
          'Every command answers 201 with the case revision (also as ETag); errors are application/problem+json.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key from the keys file' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  await app.init();
  await fastify.ready();
  return app;
}
