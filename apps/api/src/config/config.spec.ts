import { ConfigError, loadConfig, usesEmbeddedStore } from './config';

describe('loadConfig', () => {
  it('gives the documented defaults on an empty environment', () => {
    const config = loadConfig({}, '/srv/zicht');
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/zicht/data',
      eventStore: 'sqlite',
      apiKeysFile: '/srv/zicht/data/api-keys.json',
      radarKeyFile: '/srv/zicht/data/radar.key',
      sqliteSynchronous: 'FULL',
      analytics: { roundTo: 5, minCell: 10, minShareBase: 10 },
      apiKeysFileGiven: false,
      metricsKey: undefined,
      readyMaxLag: 1000,
      otlpEndpoint: undefined,
    });
  });

  it('keeps the events, the keys and the read models in the one PostgreSQL database of DATABASE_URL', () => {
    const config = loadConfig({ ZICHT_EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://zicht@db:5432/zicht' }, '/x');
    expect(config).toMatchObject({ eventStore: 'postgres', databaseUrl: 'postgres://zicht@db:5432/zicht', readModelUrl: 'postgres://zicht@db:5432/zicht', keyStoreUrl: 'postgres://zicht@db:5432/zicht', role: 'all' });
    expect(usesEmbeddedStore(config)).toBe(false);
    const apart = loadConfig({ ZICHT_EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://db/events', ZICHT_READ_MODEL_URL: 'postgres://replica/reads', ZICHT_ROLE: 'api' }, '/x');
    expect(apart).toMatchObject({ readModelUrl: 'postgres://replica/reads', keyStoreUrl: 'postgres://db/events', role: 'api' });
  });

  it('keeps everything in the data directory by default, and DATABASE_URL alone does not move the embedded store', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/zicht' }, '/x');
    expect(config).toMatchObject({ eventStore: 'sqlite', role: 'all', readModelUrl: undefined, keyStoreUrl: undefined });
    expect(usesEmbeddedStore(config)).toBe(true);
    const es = loadConfig({ ZICHT_EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://es:2113?tls=false', DATABASE_URL: 'postgres://db/zicht', ZICHT_READ_MODEL_URL: 'postgres://db/zicht', ZICHT_ROLE: 'projector' }, '/x');
    expect(es).toMatchObject({ keyStoreUrl: 'postgres://db/zicht', role: 'projector' });
    expect(usesEmbeddedStore(es)).toBe(false);
  });

  it('names what would stay in the data directory when a role needs shared stores', () => {
    expect(() => loadConfig({ ZICHT_ROLE: 'api' }, '/x')).toThrow(/api needs shared stores, but the events .*, the keys .*, the read models/);
  });

  it('reads the disclosure control of the analyst tables', () => {
    const config = loadConfig({ ZICHT_ANALYTICS_ROUND_TO: '10', ZICHT_ANALYTICS_MIN_CELL: '20', ZICHT_ANALYTICS_MIN_SHARE_BASE: '50' }, '/x');
    expect(config.analytics).toEqual({ roundTo: 10, minCell: 20, minShareBase: 50 });
  });

  it('puts the radar secret in the data directory unless ZICHT_RADAR_KEY_FILE says otherwise', () => {
    expect(loadConfig({ ZICHT_DATA_DIR: '/var/lib/zicht' }, '/x').radarKeyFile).toBe('/var/lib/zicht/radar.key');
    expect(loadConfig({ ZICHT_RADAR_KEY_FILE: 'secrets/radar.key' }, '/x').radarKeyFile).toBe('/x/secrets/radar.key');
    expect(loadConfig({ ZICHT_RADAR_KEY_FILE: '/run/secrets/radar' }, '/x').radarKeyFile).toBe('/run/secrets/radar');
  });

  it('puts the keys file in the data directory unless told otherwise', () => {
    expect(loadConfig({ ZICHT_DATA_DIR: '/var/lib/zicht' }, '/x').apiKeysFile).toBe('/var/lib/zicht/api-keys.json');
    expect(loadConfig({ ZICHT_API_KEYS_FILE: 'keys.json' }, '/x').apiKeysFile).toBe('/x/keys.json');
    expect(loadConfig({ ZICHT_API_KEYS_FILE: 'keys.json' }, '/x').apiKeysFileGiven).toBe(true);
  });

  it('reads the operations settings: metrics key, readiness lag, OTLP endpoint', () => {
    const config = loadConfig({ ZICHT_METRICS_KEY: 'scrape-key-0123456789', ZICHT_READY_MAX_LAG: '50', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', ZICHT_FIRST_BUILD_BATCH: '20000' }, '/x');
    expect(config).toMatchObject({ metricsKey: 'scrape-key-0123456789', readyMaxLag: 50, otlpEndpoint: 'http://collector:4318', firstBuildBatch: 20_000 });
    expect(loadConfig({}, '/x').firstBuildBatch).toBeUndefined(); // the runner's own default
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ ZICHT_EVENT_STORE: 'postgresql' }, 'ZICHT_EVENT_STORE'],
    [{ ZICHT_EVENT_STORE: 'postgres' }, 'DATABASE_URL'],
    [{ ZICHT_EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://db/zicht' }, 'DATABASE_URL'],
    [{ ZICHT_ROLE: 'worker' }, 'ZICHT_ROLE'],
    [{ ZICHT_ROLE: 'api' }, 'ZICHT_ROLE'],
    [{ ZICHT_ROLE: 'projector', ZICHT_READ_MODEL_URL: 'postgres://db/zicht' }, 'ZICHT_ROLE'],
    [{ ZICHT_ROLE: 'api', ZICHT_EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://es:2113?tls=false', ZICHT_READ_MODEL_URL: 'postgres://db/zicht' }, 'ZICHT_ROLE'],
    [{ ZICHT_EVENT_STORE: 'eventstoredb' }, 'EVENTSTORE_CONNECTION_STRING'],
    [{ EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113' }, 'EVENTSTORE_CONNECTION_STRING'],
    [{ ZICHT_LOG_LEVEL: 'loud' }, 'ZICHT_LOG_LEVEL'],
    [{ ZICHT_SQLITE_SYNCHRONOUS: 'OFF' }, 'ZICHT_SQLITE_SYNCHRONOUS'],
    [{ ZICHT_ANALYTICS_ROUND_TO: '0' }, 'ZICHT_ANALYTICS_ROUND_TO'],
    [{ ZICHT_ANALYTICS_ROUND_TO: '2.5' }, 'ZICHT_ANALYTICS_ROUND_TO'],
    [{ ZICHT_ANALYTICS_MIN_CELL: '-1' }, 'ZICHT_ANALYTICS_MIN_CELL'],
    [{ ZICHT_ANALYTICS_MIN_SHARE_BASE: 'ten' }, 'ZICHT_ANALYTICS_MIN_SHARE_BASE'],
    [{ ZICHT_METRICS_KEY: 'short' }, 'ZICHT_METRICS_KEY'],
    [{ ZICHT_READY_MAX_LAG: '-5' }, 'ZICHT_READY_MAX_LAG'],
    [{ ZICHT_FIRST_BUILD_BATCH: '10' }, 'ZICHT_FIRST_BUILD_BATCH'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, 'OTEL_EXPORTER_OTLP_ENDPOINT'],
  ])('stops on %p naming %s in one line', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env as NodeJS.ProcessEnv, '/x');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toContain(variable);
    expect((error as Error).message).not.toContain('\n');
  });

  it('accepts an EventStoreDB connection string when the store is eventstoredb', () => {
    const config = loadConfig({ ZICHT_EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' }, '/x');
    expect(config.eventStore).toBe('eventstoredb');
    expect(config.eventStoreConnectionString).toBe('esdb://localhost:2113?tls=false');
  });
});
