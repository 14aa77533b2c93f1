import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { CASE_STREAM_PREFIX } from '@zicht/case-domain';
import { EventStore, EventStoreDbEventStore, PostgresEventStore, SqliteEventStore } from '@zicht/event-store';
import { ACCESS_STREAM_PREFIX } from '@zicht/projections';
import type { Clock } from '../clock';
import type { ZichtConfig } from '../config/config';

export const EVENT_STORE = Symbol('EVENT_STORE');

/** The streams of the global log that the projections, verify and the anchors follow: the cases and the access log. */
export const LOG_STREAM_PREFIXES: readonly string[] = [CASE_STREAM_PREFIX, ACCESS_STREAM_PREFIX];

/** The event store the configuration names: the embedded SQLite file by default. */
export function openEventStore(config: ZichtConfig, clock: Clock): EventStore {
  if (config.eventStore === 'eventstoredb') {
    return new EventStoreDbEventStore({ connectionString: config.eventStoreConnectionString as string, clock: () => clock.now(), logStreamPrefixes: LOG_STREAM_PREFIXES });
  }
  if (config.eventStore === 'postgres') {
    return new PostgresEventStore({ connectionString: config.databaseUrl as string, clock: () => clock.now(), logStreamPrefixes: LOG_STREAM_PREFIXES });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore({ file: sqliteFile(config), clock: () => clock.now(), synchronous: config.sqliteSynchronous, logStreamPrefixes: LOG_STREAM_PREFIXES });
}

/** Where the events are, for a log line: never a URL (it may hold a password). */
export function eventStoreAt(config: ZichtConfig): string {
  if (config.eventStore === 'sqlite') return `sqlite at ${sqliteFile(config)}`;
  return config.eventStore === 'postgres' ? 'postgresql' : 'eventstoredb';
}

export function sqliteFile(config: ZichtConfig): string {
  return join(config.dataDir, 'events.sqlite');
}

/** The read models live beside the event store's file (SQLite, also for an EventStoreDB event store). */
export function readModelFile(config: ZichtConfig): string {
  return join(config.dataDir, 'read-models.sqlite');
}
