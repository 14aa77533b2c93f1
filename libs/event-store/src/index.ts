// The public API of @zicht/event-store. The contract suite (event-store.contract.ts) is imported by
// path from tests, not from here.
export * from './port';
export * from './hash-chain';
export * from './handle-command';
export { InMemoryEventStore } from './in-memory/in-memory-event-store';
export type { InMemoryEventStoreOptions } from './in-memory/in-memory-event-store';
export { SqliteEventStore, openSqliteEventStore } from './sqlite/sqlite-event-store';
export type { SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { PostgresEventStore } from './postgres/postgres-event-store';
export { SILENT_PEER, SILENT_PEER_SECONDS, postgresPool, postgresSessionConfig } from './postgres/session';
export type { PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { benchPostgresEventStore, formatPostgresBench } from './postgres/postgres-bench';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
export type { EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb-event-store';
export * from './integrity';
