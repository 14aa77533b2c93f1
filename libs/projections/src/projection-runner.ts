import { EventStore, StoredEvent, Subscription } from '@zicht/event-store';
import { Transaction } from 'kysely';
import { clearReadModels, ReadModelDb, ReadModelTables } from './read-model-database';
import { decodePosition, encodePosition } from './position';

/** A read model fed from the global log. `apply` runs inside the runner's transaction. */
export interface Projection {
  readonly name: string;
  apply(trx: Transaction<ReadModelTables>, events: StoredEvent[]): Promise<void>;
}

export interface ProjectionStatus {
  running: boolean;
  /** The last projected position (decimal), or null before the first event. */
  position: string | null;
  /** The log's last position, or null for an empty log. */
  head: string | null;
  /** Events (SQLite) or log bytes (EventStoreDB) between the two; 0 when caught up. */
  behind: string;
  lastError: string | null;
}

export interface ProjectionRunnerOptions {
  /** Bumped when a projection's code changes what it writes: a start on an older version rebuilds. */
  version: number;
  batchSize?: number;
  /** Reports failures (no event data is ever passed). */
  onError?: (error: Error) => void;
  /** Back-off before resubscribing after a failure. */
  retryMs?: number;
}

const CHECKPOINT = 'case-read-models';

/**
 * Follows the store's global log from the stored checkpoint and writes every read model and the
 * checkpoint in one transaction per batch: a crash anywhere neither loses nor double-counts an
 * event, and a batch delivered again (at-least-once) is skipped up to the checkpoint.
 */
export class ProjectionRunner {
  private subscription: Subscription | null = null;
  private position: bigint | null = null;
  private waiters: { position: bigint; resolve: (ok: boolean) => void; timer: NodeJS.Timeout }[] = [];
  private lastError: string | null = null;
  private stopped = true;
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly projections: Projection[],
    private readonly options: ProjectionRunnerOptions,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    const checkpoint = await this.db.selectFrom('projection_checkpoints').selectAll().where('name', '=', CHECKPOINT).executeTakeFirst();
    if (checkpoint && checkpoint.version !== this.options.version) {
      await this.db.transaction().execute((trx) => clearReadModels(trx));
      this.position = null;
    } else {
      this.position = decodePosition(checkpoint?.position);
    }
    this.subscribe();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.stop();
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.resolve(false);
    }
  }

  private rebuilding: Promise<{ events: number; ms: number }> | null = null;

  /**
   * Empties every read model and projects the whole log again; resolves when caught up. A second
   * request while one runs joins it instead of starting over.
   */
  rebuild(): Promise<{ events: number; ms: number }> {
    this.rebuilding ??= this.rebuildFromZero().finally(() => (this.rebuilding = null));
    return this.rebuilding;
  }

  private async rebuildFromZero(): Promise<{ events: number; ms: number }> {
    const started = Date.now();
    await this.stop();
    await this.db.transaction().execute((trx) => clearReadModels(trx));
    this.position = null;
    let events = 0;
    const count = (batch: StoredEvent[]) => (events += batch.length);
    this.counters.add(count);
    try {
      await this.start();
      const head = await this.store.headPosition();
      if (head !== null) await this.waitFor(head, 24 * 3600_000);
    } finally {
      this.counters.delete(count);
    }
    return { events, ms: Date.now() - started };
  }

  private readonly counters = new Set<(batch: StoredEvent[]) => void>();

  /** Resolves true once the read models include `position`, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.position !== null && this.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  async status(): Promise<ProjectionStatus> {
    const head = await this.store.headPosition();
    const behind = head === null ? 0n : head - (this.position ?? 0n);
    return {
      running: this.subscription !== null,
      position: this.position === null ? null : this.position.toString(),
      head: head === null ? null : head.toString(),
      behind: (behind < 0n ? 0n : behind).toString(),
      lastError: this.lastError,
    };
  }

  private subscribe(): void {
    const subscription = this.store.subscribeToAll({
      after: this.position,
      batchSize: this.options.batchSize ?? 500,
      handler: (batch) => this.applyBatch(batch),
    });
    this.subscription = subscription;
    void subscription.failed.then((error) => {
      if (this.subscription !== subscription || this.stopped) return;
      this.subscription = null;
      this.lastError = error.name;
      this.options.onError?.(error);
      this.restartTimer = setTimeout(() => {
        if (!this.stopped) this.subscribe();
      }, this.options.retryMs ?? 1000);
    });
  }

  private async applyBatch(batch: StoredEvent[]): Promise<void> {
    const applied = await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('projection_checkpoints').select('position').where('name', '=', CHECKPOINT).executeTakeFirst();
      const checkpoint = decodePosition(row?.position);
      const fresh = checkpoint === null ? batch : batch.filter((e) => e.position > checkpoint);
      if (fresh.length === 0) return null;
      for (const projection of this.projections) await projection.apply(trx, fresh);
      const last = fresh[fresh.length - 1].position;
      const values = { name: CHECKPOINT, position: encodePosition(last), version: this.options.version, updated_at: new Date().toISOString() };
      await trx
        .insertInto('projection_checkpoints')
        .values(values)
        .onConflict((oc) => oc.column('name').doUpdateSet({ position: values.position, version: values.version, updated_at: values.updated_at }))
        .execute();
      return { last, fresh };
    });
    if (!applied) return;
    this.position = applied.last;
    this.lastError = null;
    for (const count of this.counters) count(applied.fresh);
    const ready = this.waiters.filter((w) => applied.last >= w.position);
    this.waiters = this.waiters.filter((w) => applied.last < w.position);
    for (const waiter of ready) {
      clearTimeout(waiter.timer);
      waiter.resolve(true);
    }
  }
}
