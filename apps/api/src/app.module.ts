import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { EventStore } from '@zicht/event-store';
import { LoggerModule } from 'nestjs-pino';
import { ApiKeyRegistry } from './auth/api-keys';
import { API_KEYS, AuthGuard } from './auth/auth';
import { CaseCommandsController } from './cases/case-commands.controller';
import { CaseQueriesController } from './cases/case-queries.controller';
import { GetAccountabilityHandler, GetCaseHistoryHandler, GetCaseSummaryHandler, GetComplianceHandler, GetFeedbackHandler, ListCasesHandler } from './cases/case-queries';
import { GetWorklistHandler, WorklistController } from './worklist/worklist';
import { AdminController } from './admin/admin.controller';
import { READ_MODEL_DB, StorageLifecycle, accessLogReadModelProvider, caseReadModelProvider, openProjectorLease, projectionRunnerProvider, radarReadModelProvider } from './read-models/read-models';
import { PROCESS_ROLE, PROJECTOR_LEASE, ProjectorRole } from './read-models/projector-role';
import type { ProjectorLease } from '@zicht/projections';
import { AccessLog } from './inspection/access-log';
import { ANCHOR_INTERVAL_MS, LogAnchors, LogAnchorsController } from './inspection/log-anchors';
import { ExportCaseHandler, GetCaseAsOfHandler, InspectionController, QueryAccessLogHandler, VerifyCaseHandler } from './inspection/inspection';
import type { ReadModelDb } from '@zicht/projections';
import { CaseStreams, openedCaseFolder } from './cases/case-stream';
import { CasePrivacy, KEY_STORE } from './privacy/case-privacy';
import { EraseCaseHandler, RETENTION_DAYS, RETENTION_SWEEP_MS, RetentionSweep } from './privacy/erasure';
import type { KeyStore, RadarKey } from '@zicht/privacy';
import { RADAR_KEY } from './radar/child-identity';
import { GetRadarHandler } from './radar/radar';
import { RadarController } from './radar/radar.controller';
import { ExecuteCaseCommandHandler } from './cases/execute-case-command';
import { CLOCK, Clock, systemClock } from './clock';
import type { ZichtConfig } from './config/config';
import { HealthController, READY_MAX_LAG } from './health/health.controller';
import { MeController } from './web/me.controller';
import { AfwegingskadersController } from './afwegingskaders/afwegingskaders.controller';
import { ProblemFilter } from './http/problem.filter';
import { EVENT_STORE } from './store/event-store.module';
import { AnalyticsController } from './analytics/analytics.controller';
import { ANALYTICS_DISCLOSURE, GetAnalyticsTableHandler, analyticsReadModelProvider } from './analytics/get-analytics-table';
import { MetricsController } from './observability/metrics.controller';
import { observabilityProviders } from './observability/observability.providers';

export const CONFIG = Symbol('CONFIG');

export interface AppOptions {
  config: ZichtConfig;
  keys: ApiKeyRegistry;
  eventStore: EventStore;
  /** The per-case data keys (outside the event log). */
  keyStore: KeyStore;
  /** The radar secret: a BSN becomes the child's pseudonymous key with it. */
  radarKey: RadarKey;
  readModelDb: ReadModelDb;
  /** The right to write the read models (default: the one the configuration's read models take). */
  projectorLease?: ProjectorLease;
  clock?: Clock;
  /** Where the log lines go (default: standard output); tests read them to show what is never logged. */
  logDestination?: NodeJS.WritableStream;
}

/** The log: never personal data or keys, so no bodies, no headers, no query strings. */
function pinoOptions(config: ZichtConfig) {
  return {
    level: config.logLevel,
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: String(req.url).split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    redact: { paths: ['req.headers', 'res.headers'], remove: true },
  };
}

@Module({})
export class AppModule {
  static register(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        TerminusModule.forRoot({ logger: false }),
        LoggerModule.forRoot({ pinoHttp: options.logDestination ? [pinoOptions(options.config), options.logDestination] : pinoOptions(options.config) }),
      ],
      controllers: [CaseCommandsController, CaseQueriesController, WorklistController, AfwegingskadersController, AdminController, HealthController, InspectionController, LogAnchorsController, AnalyticsController, MetricsController, MeController, RadarController],
      providers: [
        { provide: CONFIG, useValue: options.config },
        { provide: API_KEYS, useValue: options.keys },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        ...observabilityProviders(options.config, options.eventStore), // provides EVENT_STORE: the given store, measured
        { provide: READ_MODEL_DB, useValue: options.readModelDb },
        { provide: READY_MAX_LAG, useValue: options.config.readyMaxLag },
        caseReadModelProvider,
        projectionRunnerProvider(options.config),
        { provide: PROCESS_ROLE, useValue: options.config.role },
        { provide: PROJECTOR_LEASE, useValue: options.projectorLease ?? openProjectorLease(options.config) },
        ProjectorRole,
        StorageLifecycle,
        { provide: KEY_STORE, useValue: options.keyStore },
        { provide: RADAR_KEY, useValue: options.radarKey },
        radarReadModelProvider,
        GetRadarHandler,
        CasePrivacy,
        EraseCaseHandler,
        RetentionSweep,
        { provide: RETENTION_DAYS, useValue: options.config.retentionDays },
        { provide: RETENTION_SWEEP_MS, useValue: options.config.retentionSweepMs },
        { provide: CaseStreams, useFactory: (store: EventStore, privacy: CasePrivacy) => new CaseStreams(store, openedCaseFolder((stream, events) => privacy.open(stream, events))), inject: [EVENT_STORE, CasePrivacy] },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        ExecuteCaseCommandHandler,
        GetCaseSummaryHandler,
        GetCaseHistoryHandler,
        ListCasesHandler,
        GetAccountabilityHandler,
        GetComplianceHandler,
        GetFeedbackHandler,
        GetWorklistHandler,
        AccessLog,
        LogAnchors,
        { provide: ANCHOR_INTERVAL_MS, useValue: options.config.anchorIntervalMs },
        accessLogReadModelProvider,
        GetCaseAsOfHandler,
        VerifyCaseHandler,
        ExportCaseHandler,
        QueryAccessLogHandler,
        { provide: ANALYTICS_DISCLOSURE, useValue: options.config.analytics },
        analyticsReadModelProvider,
        GetAnalyticsTableHandler,
      ],
    };
  }
}
