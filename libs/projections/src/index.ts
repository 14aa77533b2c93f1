export { openReadModelDatabase, clearReadModels } from './read-model-database';
export type { ReadModelDb, ReadModelTables } from './read-model-database';
export { ProjectionRunner } from './projection-runner';
export type { Projection, ProjectionStatus, ProjectionRunnerOptions } from './projection-runner';
export { CaseProjection, CaseReadModel, InvalidCursorError } from './case-read-model';
export type { CaseListOptions, CaseListPage } from './case-read-model';
export { encodePosition, decodePosition } from './position';
export { AnalyticsProjection } from './analytics/analytics-projection';
export { AnalyticsReadModel, ANALYTICS_DIMENSIONS, halfYearOf } from './analytics/analytics-read-model';
export type { AnalyticsDimension, MonthRange, RawCount, RawMonitoring } from './analytics/analytics-read-model';
export { ANALYTIC_MEASURES, UNKNOWN_BEROEPSGROEP, foldCaseAnalytics, planIsComplete, daysBetween } from './analytics/case-analytics';
export type { AnalyticMeasure, AnalyticCount, CaseAnalytics } from './analytics/case-analytics';
export { AccessLogProjection, AccessLogReadModel, ACCESS_EVENT_TYPES, ACCESS_STREAM_PREFIX, accessStreamId } from './access-log';
export type { AccessEventData, AccessEventType, AccessLogEntry, AccessLogFilter } from './access-log';

/** Bump when a projection changes what it writes: read models of an older version are rebuilt at start. */
export const READ_MODEL_VERSION = 2;
