export { openReadModelDatabase, clearReadModels } from './read-model-database';
export type { ReadModelDb, ReadModelTables } from './read-model-database';
export { ProjectionRunner } from './projection-runner';
export type { Projection, ProjectionStatus, ProjectionRunnerOptions } from './projection-runner';
export { CaseProjection, CaseReadModel, InvalidCursorError } from './case-read-model';
export type { CaseListOptions, CaseListPage } from './case-read-model';
export { encodePosition, decodePosition } from './position';

/** Bump when a projection changes what it writes: read models of an older version are rebuilt at start. */
export const READ_MODEL_VERSION = 1;
