import { isAbsolute, resolve } from 'node:path';

export type EventStoreKind = 'sqlite' | 'eventstoredb';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface ZichtConfig {
  port: number;
  host: string;
  dataDir: string;
  eventStore: EventStoreKind;
  eventStoreConnectionString?: string;
  /** PostgreSQL for the read models (postgres://...); unset: the SQLite file in the data directory. */
  readModelUrl?: string;
  apiKeysFile: string;
  logLevel: LogLevel;
  /** SQLite durability: FULL fsyncs every commit (default); NORMAL may lose the last commits on power loss. */
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** How long a shutdown waits for in-flight requests before it gives up. */
  shutdownTimeoutMs: number;
  /** How often the server takes an anchor of the global log (0: never; the CLI's verify prints one too). */
  anchorIntervalMs: number;
  /** Disclosure control of the analyst tables. */
  analytics: AnalyticsDisclosureConfig;
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

/** A configuration error: its message is the one line printed before the process stops. */
export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function integer(env: NodeJS.ProcessEnv, name: string, min: number, max: number, fallback: number): number {
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
  const eventStore = oneOf<EventStoreKind>(env, 'ZICHT_EVENT_STORE', ['sqlite', 'eventstoredb'], 'sqlite');
  const connection = env.EVENTSTORE_CONNECTION_STRING?.trim() || undefined;
  if (eventStore === 'eventstoredb' && !connection) {
    throw new ConfigError('EVENTSTORE_CONNECTION_STRING', 'is required when ZICHT_EVENT_STORE is eventstoredb (e.g. esdb://localhost:2113?tls=false)');
  }
  if (connection && !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\/\S+$/.test(connection)) {
    throw new ConfigError('EVENTSTORE_CONNECTION_STRING', 'must be an esdb:// or kurrentdb:// connection string');
  }
  const readModelUrl = env.ZICHT_READ_MODEL_URL?.trim() || undefined;
  if (readModelUrl && !/^postgres(ql)?:\/\/\S+$/.test(readModelUrl)) throw new ConfigError('ZICHT_READ_MODEL_URL', 'must be a postgres:// URL (unset: the read models live in the data directory)');
  const keysFile = env.ZICHT_API_KEYS_FILE?.trim();
  return {
    port,
    host,
    dataDir,
    eventStore,
    eventStoreConnectionString: connection,
    readModelUrl,
    apiKeysFile: keysFile ? (isAbsolute(keysFile) ? keysFile : resolve(cwd, keysFile)) : resolve(dataDir, 'api-keys.json'),
    logLevel: oneOf<LogLevel>(env, 'ZICHT_LOG_LEVEL', LOG_LEVELS, 'info'),
    sqliteSynchronous: oneOf(env, 'ZICHT_SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL'] as const, 'FULL'),
    shutdownTimeoutMs: integer(env, 'ZICHT_SHUTDOWN_TIMEOUT_MS', 0, 600_000, 10_000),
    anchorIntervalMs: integer(env, 'ZICHT_ANCHOR_INTERVAL_MS', 0, 7 * 24 * 3600_000, 3600_000),
    analytics: {
      roundTo: integer(env, 'ZICHT_ANALYTICS_ROUND_TO', 1, 1000, 5),
      minCell: integer(env, 'ZICHT_ANALYTICS_MIN_CELL', 0, 1_000_000, 10),
      minShareBase: integer(env, 'ZICHT_ANALYTICS_MIN_SHARE_BASE', 0, 1_000_000, 10),
    },
  };
}
