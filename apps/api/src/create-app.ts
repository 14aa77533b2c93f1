import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, AppOptions } from './app.module';
import type { ReadModelDb } from '@zicht/projections';
import { openReadModels } from './read-models/read-models';
import { loadConfiguredMasterKey, loadConfiguredRadarKey, openKeyStore } from './privacy/key-store.module';
import type { KeyStore, RadarKey } from '@zicht/privacy';
import { createValidationPipe } from './http/validation';
import { configureEdge, fastifyOptions, restrictToProjectorPaths } from './http/edge';
import { documentConfig, documentEdge, operationId } from './http/openapi';
import { serveWebApp } from './web/web-app';


/**
 * The one set-up of the application, used by main.ts, the CLI, the benchmark and every test.
 * Returns an initialised app; the caller decides whether to listen.
 */
export async function createApp(
  options: Omit<AppOptions, 'readModelDb' | 'keyStore' | 'radarKey'> & { readModelDb?: ReadModelDb; keyStore?: KeyStore; radarKey?: RadarKey },
): Promise<NestFastifyApplication> {
  const radarKey = options.radarKey ?? loadConfiguredRadarKey(options.config).key;
  const readModelDb = options.readModelDb ?? (await openReadModels(options.config));
  const keyStore = options.keyStore ?? (await openKeyStore(options.config, loadConfiguredMasterKey(options.config)));
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ ...options, readModelDb, keyStore, radarKey }),
    new FastifyAdapter(fastifyOptions(options.config.edge)),
    { bufferLogs: true, bodyParser: false },
  );
  await configureEdge(app, options.config.edge, options.keys);
  if (options.config.role === 'projector') restrictToProjectorPaths(app);
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());

  // Errors Fastify raises before a handler runs (bad JSON, too large) reach the same ProblemFilter:
  // Nest installs Fastify's error handler and wraps them in an HttpException with Fastify's status.
  const fastify = app.getHttpAdapter().getInstance();

  const document = documentEdge(SwaggerModule.createDocument(app, documentConfig(), { operationIdFactory: operationId }));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await serveWebApp(app);

  await app.init();
  await fastify.ready();
  return app;
}
