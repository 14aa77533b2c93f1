import { isAbsolute, resolve } from 'node:path';

export type EventStoreKind = 'sqlite' | 'postgres' | 'eventstoredb';
/**
 * What a process runs (docs/deployments.md): `all` the HTTP API and the projector; `api` the HTTP API
 * only; `projector` the projections, the retention sweep and the log anchors, with only
 * /health/live, /health/ready and /metrics on its port.
 */
export type ProcessRole = 'all' | 'api' | 'projector';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The HTTP edge: timeouts, rate limits and CORS. */
export interface EdgeConfig {
  /** A request (headers and body) that has not fully arrived after this long is answered 408. */
  requestTimeoutMs: number;
  /** Origins that may call the API from a browser (CORS); none by default. */
  corsOrigins: string[];
  /** Requests per window per API key. */
  rateLimitPerKey: number;
  /** Requests per window per client address without a valid key. */
  rateLimitAnonymous: number;
  rateLimitWindowMs: number;
}

export interface ZichtConfig {
  edge: EdgeConfig;
  port: number;
  host: string;
  dataDir: string;
  eventStore: EventStoreKind;
  eventStoreConnectionString?: string;
  /** DATABASE_URL: the PostgreSQL event store's database (postgres://...), and the key store's. */
  databaseUrl?: string;
  /** PostgreSQL for the read models (postgres://...); unset: the SQLite file in the data directory. */
  readModelUrl?: string;
  /** PostgreSQL for the per-case data keys; unset: keys.sqlite in the data directory. */
  keyStoreUrl?: string;
  role: ProcessRole;
  apiKeysFile: string;
  /** The radar secret (ZICHT_RADAR_KEY_FILE, default `<data dir>/radar.key`): turns a BSN into the child's pseudonymous key. */
  radarKeyFile: string;
  /** True when ZICHT_API_KEYS_FILE names the file: its directory must exist (a typo creates no new keys). */
  apiKeysFileGiven: boolean;
  logLevel: LogLevel;
  /** SQLite durability: FULL fsyncs every commit (default); NORMAL may lose the last commits on power loss. */
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** How long a shutdown waits for in-flight requests before it gives up. */
  shutdownTimeoutMs: number;
  /** Closed cases are erased this many days after their closure (retention). */
  retentionDays: number;
  /** How often the retention sweep runs (0: only on request). */
  retentionSweepMs: number;
  /** How often the server takes an anchor of the global log (0: never; the CLI's verify prints one too). */
  anchorIntervalMs: number;
  /** Disclosure control of the analyst tables. */
  analytics: AnalyticsDisclosureConfig;
  /** When set, GET /metrics wants it as a bearer token. */
  metricsKey?: string;
  /** GET /health/ready answers 503 when the read models are further behind the log than this. */
  readyMaxLag: number;
  /** Events per batch of a first build (no older read models to answer from); the runner's default when unset. */
  firstBuildBatch?: number;
  /** Where spans go (OTLP over HTTP); tracing is off when unset. */
  otlpEndpoint?: string;
}

/** Statistical disclosure control of the analyst tables (CBS practice: round to 5, suppress under 10). */
export interface AnalyticsDisclosureConfig {
  /** Counts are rounded to a multiple of this (1: not rounded). */
  roundTo: number;
  /** Counts under this are suppressed (0: none). */
  minCell: number;
  /** Shares, medians and percentiles over a base under this are suppressed (0: none). */
  minShareBase: number;
}

/** True when something of this configuration lives in the data directory (an embedded store), which one process owns. */
export function usesEmbeddedStore(config: Pick<ZichtConfig, 'eventStore' | 'readModelUrl' | 'keyStoreUrl'>): boolean {
  return config.eventStore === 'sqlite' || config.readModelUrl === undefined || config.keyStoreUrl === undefined;
}

/** A configuration error: its message is the one line printed before the process stops. */
export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

const POSTGRES_URL = /^postgres(ql)?:\/\/\S+$/;

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function integer<F extends number | undefined>(env: NodeJS.ProcessEnv, name: string, min: number, max: number, fallback: F): number | F {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return Number(value);
}

/** Reads and validates the configuration from the environment (see the README's table). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ZichtConfig {
  const port = integer(env, 'PORT', 0, 65535, 3000);
  const host = env.HOST?.trim() || '127.0.0.1';
  if (/\s/.test(host)) throw new ConfigError('HOST', `must be a host name or address (got "${env.HOST}")`);
  const dataDir = resolve(cwd, env.ZICHT_DATA_DIR?.trim() || './data');
  const eventStore = oneOf<EventStoreKind>(env, 'ZICHT_EVENT_STORE', ['sqlite', 'postgres', 'eventstoredb'], 'sqlite');
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (eventStore === 'postgres' && !databaseUrl) throw new ConfigError('DATABASE_URL', 'is required when ZICHT_EVENT_STORE is postgres (e.g. postgres://zicht@db.internal:5432/zicht)');
  if (databaseUrl && !POSTGRES_URL.test(databaseUrl)) throw new ConfigError('DATABASE_URL', 'must be a postgres:// URL');
  const connection = env.EVENTSTORE_CONNECTION_STRING?.trim() || undefined;
  if (eventStore === 'eventstoredb' && !connection) {
    throw new ConfigError('EVENTSTORE_CONNECTION_STRING', 'is required when ZICHT_EVENT_STORE is eventstoredb (e.g. esdb://localhost:2113?tls=false)');
  }
  if (connection && !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\/\S+$/.test(connection)) {
    throw new ConfigError('EVENTSTORE_CONNECTION_STRING', 'must be an esdb:// or kurrentdb:// connection string');
  }
  const givenReadModelUrl = env.ZICHT_READ_MODEL_URL?.trim() || undefined;
  if (givenReadModelUrl && !POSTGRES_URL.test(givenReadModelUrl)) throw new ConfigError('ZICHT_READ_MODEL_URL', 'must be a postgres:// URL (unset: the read models live in the data directory)');
  // With the events in PostgreSQL, the read models and the keys default to the same database. With
  // EventStoreDB, DATABASE_URL (when given) holds the keys, so that every node shares them.
  const readModelUrl = givenReadModelUrl ?? (eventStore === 'postgres' ? databaseUrl : undefined);
  const keyStoreUrl = eventStore === 'sqlite' ? undefined : databaseUrl;
  const role = oneOf<ProcessRole>(env, 'ZICHT_ROLE', ['all', 'api', 'projector'], 'all');
  if (role !== 'all') {
    // Every process of a split deployment must see the same events, keys and read models.
    const local = [eventStore === 'sqlite' ? 'the events (ZICHT_EVENT_STORE=postgres or eventstoredb)' : null, keyStoreUrl ? null : 'the keys (DATABASE_URL)', readModelUrl ? null : 'the read models (ZICHT_READ_MODEL_URL)'].filter((x) => x !== null);
    if (local.length > 0) throw new ConfigError('ZICHT_ROLE', `${role} needs shared stores, but ${local.join(', ')} would live in this process's data directory; use ZICHT_ROLE=all on one machine`);
  }
  const keysFile = env.ZICHT_API_KEYS_FILE?.trim();
  const radarKeyFile = env.ZICHT_RADAR_KEY_FILE?.trim();
  const corsOrigins = (env.ZICHT_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '');
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^\s/]+$/.test(origin)) throw new ConfigError('ZICHT_CORS_ORIGINS', `must be a comma-separated list of origins such as https://zicht.example.nl (got "${origin}")`);
  }
  const metricsKey = env.ZICHT_METRICS_KEY?.trim() || undefined;
  if (metricsKey !== undefined && !/^\S{16,200}$/.test(metricsKey)) throw new ConfigError('ZICHT_METRICS_KEY', 'must be 16 to 200 characters without spaces');
  const otlpEndpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || undefined;
  if (otlpEndpoint !== undefined && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(otlpEndpoint)) {
    throw new ConfigError('OTEL_EXPORTER_OTLP_ENDPOINT', `must be an http:// or https:// URL of an OTLP receiver (got "${otlpEndpoint}")`);
  }
  return {
    edge: {
      requestTimeoutMs: integer(env, 'ZICHT_REQUEST_TIMEOUT_MS', 1000, 600_000, 30_000),
      corsOrigins,
      rateLimitPerKey: integer(env, 'ZICHT_RATE_LIMIT_PER_KEY', 1, 10_000_000, 6000),
      rateLimitAnonymous: integer(env, 'ZICHT_RATE_LIMIT_ANONYMOUS', 1, 10_000_000, 60),
      rateLimitWindowMs: integer(env, 'ZICHT_RATE_LIMIT_WINDOW_MS', 1000, 3600_000, 60_000),
    },
    port,
    host,
    dataDir,
    eventStore,
    eventStoreConnectionString: connection,
    databaseUrl,
    readModelUrl,
    keyStoreUrl,
    role,
    apiKeysFile: keysFile ? (isAbsolute(keysFile) ? keysFile : resolve(cwd, keysFile)) : resolve(dataDir, 'api-keys.json'),
    apiKeysFileGiven: keysFile !== undefined && keysFile !== '',
    radarKeyFile: radarKeyFile ? (isAbsolute(radarKeyFile) ? radarKeyFile : resolve(cwd, radarKeyFile)) : resolve(dataDir, 'radar.key'),
    logLevel: oneOf<LogLevel>(env, 'ZICHT_LOG_LEVEL', LOG_LEVELS, 'info'),
    sqliteSynchronous: oneOf(env, 'ZICHT_SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL'] as const, 'FULL'),
    shutdownTimeoutMs: integer(env, 'ZICHT_SHUTDOWN_TIMEOUT_MS', 0, 600_000, 10_000),
    retentionDays: integer(env, 'ZICHT_RETENTION_DAYS', 0, 100 * 366, 7305),
    retentionSweepMs: integer(env, 'ZICHT_RETENTION_SWEEP_MS', 0, 30 * 24 * 3600_000, 24 * 3600_000),
    anchorIntervalMs: integer(env, 'ZICHT_ANCHOR_INTERVAL_MS', 0, 7 * 24 * 3600_000, 3600_000),
    analytics: {
      roundTo: integer(env, 'ZICHT_ANALYTICS_ROUND_TO', 1, 1000, 5),
      minCell: integer(env, 'ZICHT_ANALYTICS_MIN_CELL', 0, 1_000_000, 10),
      minShareBase: integer(env, 'ZICHT_ANALYTICS_MIN_SHARE_BASE', 0, 1_000_000, 10),
    },
    metricsKey,
    readyMaxLag: integer(env, 'ZICHT_READY_MAX_LAG', 0, 1_000_000_000_000, 1000),
    firstBuildBatch: integer(env, 'ZICHT_FIRST_BUILD_BATCH', 100, 10_000_000, undefined), // unset: the runner's own default
    otlpEndpoint,
  };
}
