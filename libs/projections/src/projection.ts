import { StoredEvent } from '@zicht/event-store';
import { Kysely, Transaction } from 'kysely';
import { Statements } from './statements';
import { GenerationNames, TableSpec } from './table-spec';

/**
 * A read model fed from the global log. It owns its tables, its migrations, its checkpoint and its
 * version: a new version is built in new tables beside the old ones (which keep answering) and
 * swapped in when it has caught up, without touching the other projections.
 */
export interface Projection {
  readonly name: string;
  /** Bump when what it writes changes: rows written by another version are rebuilt, in the shadow. */
  readonly version: number;
  /**
   * Its tables as they are now (by the names queries use). A new generation is created from them,
   * with its primary keys at once and its other indexes when it has caught up (an index built over
   * a finished table is a sort; kept up during the build it is a random write per row).
   */
  readonly tables: readonly TableSpec[];
  /**
   * The steps that bring a live generation created from an earlier `tables` up to these, oldest
   * first, against `names` (that generation's). A new generation has them all already.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly migrations: ReadonlyArray<(db: Kysely<any>, names: GenerationNames) => Promise<void>>;
  /** Writes one generation's tables (holding whatever it remembers of that generation). */
  createWriter(names: GenerationNames): ProjectionWriter;
}

export interface ProjectionWriter {
  /**
   * Applies a batch (each event after the checkpoint once) inside the runner's transaction, which
   * also moves the checkpoint. An event it cannot apply is handed to `batch.park`, not thrown:
   * the rest of the batch and of the log go on.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  apply(trx: Transaction<any>, events: StoredEvent[], batch: BatchContext): Promise<void>;
}

export interface BatchContext {
  readonly statements: Statements;
  /** Records that this projection cannot apply the event (the error is kept by name and a safe reason only). */
  park(event: StoredEvent, error: unknown): void;
  /** The stream has a parked event: its later events wait behind it (are parked too), in order. */
  isParked(streamId: string): boolean;
}
