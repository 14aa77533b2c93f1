import 'reflect-metadata';
import { ApiKeyRegistry, loadOrCreateApiKeys } from './auth/api-keys';
import { systemClock } from './clock';
import { ConfigError, loadConfig, usesEmbeddedStore } from './config/config';
import { DataDirectoryInUseError, DataDirectoryLock } from './config/data-dir-lock';
import { unsupportedRuntime } from './config/runtime';
import { startTracing } from './observability/tracing';
import { createApp } from './create-app';
import { eventStoreAt, openEventStore } from './store/event-store.module';
import { keyStoreAt, loadConfiguredMasterKey, loadConfiguredRadarKey, openKeyStore } from './privacy/key-store.module';
import { readModelsAt } from './read-models/read-models';
import type { LoadedMasterKey, LoadedRadarKey } from '@zicht/privacy';

async function main(): Promise<void> {
  let config;
  let keys: { registry: ApiKeyRegistry; file: string; created: boolean };
  let master: LoadedMasterKey;
  let radar: LoadedRadarKey;
  let lock: DataDirectoryLock | null;
  const unsupported = unsupportedRuntime();
  if (unsupported) {
    process.stderr.write(`zicht: ${unsupported}\n`);
    process.exit(78);
  }
  try {
    config = loadConfig();
    // One process per embedded data directory; with every store in PostgreSQL the directory holds
    // only files that are read (keys file, master key), and the projector's advisory lock keeps one writer.
    lock = usesEmbeddedStore(config) ? DataDirectoryLock.acquire(config.dataDir, 'server') : null;
    keys = loadOrCreateApiKeys(config.apiKeysFile, { createDirectory: !config.apiKeysFileGiven });
    master = loadConfiguredMasterKey(config);
    radar = loadConfiguredRadarKey(config);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DataDirectoryInUseError) {
      process.stderr.write(`zicht: ${error.message}\n`);
      process.exit(error instanceof ConfigError ? 78 : 75); // EX_CONFIG, EX_TEMPFAIL
    }
    throw error;
  }
  const tracing = startTracing(); // only when OTEL_EXPORTER_OTLP_ENDPOINT is set

  const keyStore = await openKeyStore(config, master);
  const eventStore = openEventStore(config, systemClock);
  const app = await createApp({ config, keys: keys.registry, eventStore, keyStore, radarKey: radar.key });
  await app.listen({ port: config.port, host: config.host });

  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(
    [
      `zicht listening on http://${config.host}:${port} (role: ${config.role}; ${config.role === 'projector' ? 'only /health/live, /health/ready and /metrics' : 'OpenAPI at /docs'}; event store: ${eventStoreAt(config)})`,
      `read models: ${readModelsAt(config)}; keys: ${keyStoreAt(config)}`,
      `API keys: ${keys.file}${keys.created ? ' (created now: one random key per role)' : ''}`,
      `master key: ${master.source === 'environment' ? 'ZICHT_MASTER_KEY' : `${master.file}${master.created ? ' (created now; back it up apart from the data: without it no personal data can be read)' : ''}`}`,
      '',
    ].join('\n'),
  );

  // Graceful shutdown: stop taking requests, let in-flight commands finish, then close the store.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`zicht: ${signal} received, finishing in-flight requests\n`);
    setTimeout(() => {
      process.stderr.write(`zicht: shutdown took longer than ${config.shutdownTimeoutMs} ms, stopping now\n`);
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    // Connections that finish a keep-alive request after close() began are idle but never closed by
    // Node itself, and would hold the shutdown until the timeout: sweep them while closing.
    const server = app.getHttpServer() as import('node:http').Server;
    setInterval(() => server.closeIdleConnections(), 100).unref();
    app.close().then(
      async () => {
        await tracing?.shutdown().catch(() => undefined); // export the spans still buffered
        lock?.release();
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

void main().catch((error: Error) => {
  process.stderr.write(`zicht: failed to start: ${error.name}: ${error.message.split('\n')[0]}\n`);
  process.exit(1);
});
