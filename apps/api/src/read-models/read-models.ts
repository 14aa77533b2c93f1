import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@zicht/event-store';
import { AccessLogProjection, AccessLogReadModel, AnalyticsProjection, CaseProjection, CaseReadModel, ProjectionRunner, ProjectorLease, RadarReadModel, ReadModelDb, openReadModelDatabase, projectorLeaseFor } from '@zicht/projections';
import type { ZichtConfig } from '../config/config';
import { EVENT_STORE, readModelFile } from '../store/event-store.module';
import { KEY_STORE } from '../privacy/case-privacy';
import type { KeyStore } from '@zicht/privacy';
import { ProjectorRole } from './projector-role';

export const READ_MODEL_DB = Symbol('READ_MODEL_DB');

/** How long a command waits for the read models to include it before it answers (read-your-writes). */
export const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;

/** The read models the configuration names: PostgreSQL at ZICHT_READ_MODEL_URL, else the SQLite file beside the events. */
export function openReadModels(config: ZichtConfig): Promise<ReadModelDb> {
  return openReadModelDatabase(config.readModelUrl ?? readModelFile(config));
}

/** The right to write those read models: an advisory lock on PostgreSQL; on SQLite the data directory's lock. */
export function openProjectorLease(config: ZichtConfig): ProjectorLease {
  return projectorLeaseFor(config.readModelUrl ?? readModelFile(config));
}

/** Where the read models are, for a log line: never the URL itself (it may hold a password). */
export function readModelsAt(config: ZichtConfig): string {
  return config.readModelUrl ? 'postgresql' : `sqlite at ${readModelFile(config)}`;
}

/** @param firstBuildBatchSize events per batch of a first build (ZICHT_FIRST_BUILD_BATCH; the runner's default when unset). */
export function createProjectionRunner(store: EventStore, db: ReadModelDb, firstBuildBatchSize?: number): ProjectionRunner {
  const logger = new Logger('Projections');
  return new ProjectionRunner(store, db, [new CaseProjection(), new AccessLogProjection(), new AnalyticsProjection()], {
    firstBuildBatchSize,
    // The error's name only: messages may quote stored data.
    onError: (error) => logger.error({ err: { name: error.name } }, 'projection failed; trying again from the checkpoint'),
  });
}

export const accessLogReadModelProvider = { provide: AccessLogReadModel, useFactory: (db: ReadModelDb) => new AccessLogReadModel(db), inject: [READ_MODEL_DB] };
export const radarReadModelProvider = { provide: RadarReadModel, useFactory: (db: ReadModelDb) => new RadarReadModel(db), inject: [READ_MODEL_DB] };
export const caseReadModelProvider = { provide: CaseReadModel, useFactory: (db: ReadModelDb) => new CaseReadModel(db), inject: [READ_MODEL_DB] };
export const projectionRunnerProvider = (config: ZichtConfig) => ({
  provide: ProjectionRunner,
  useFactory: (store: EventStore, db: ReadModelDb) => createProjectionRunner(store, db, config.firstBuildBatch),
  inject: [EVENT_STORE, READ_MODEL_DB],
});

/**
 * Starts projecting when the application starts (when this process leads, see ProjectorRole); on
 * shutdown (after the HTTP server has finished its in-flight requests) stops the runner and gives
 * the lead up, then closes the read models, the event store and the key store.
 */
@Injectable()
export class StorageLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly projector: ProjectorRole,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
    await this.db.destroy();
    await this.store.close();
    await this.keys.close();
  }
}
