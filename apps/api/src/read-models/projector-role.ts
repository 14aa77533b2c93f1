import { Inject, Injectable, Logger } from '@nestjs/common';
import { ProjectionRunner, ProjectorLease } from '@zicht/projections';
import type { ProcessRole } from '../config/config';

export const PROCESS_ROLE = Symbol('PROCESS_ROLE');
export const PROJECTOR_LEASE = Symbol('PROJECTOR_LEASE');

/** How often a standby projector asks for the lease; it takes over within about this long after the leader died. */
export const STANDBY_RETRY_MS = 1_000;

export type ProjectorState = 'off' | 'standby' | 'leading';

/** An operation on the projections (rebuild, retry of parked events) asked of a process that does not lead them. */
export class NotLeadingError extends Error {
  readonly rule = 'projections.not-leading';
  constructor(state: ProjectorState) {
    super(
      state === 'off'
        ? 'This node does not run the projections (ZICHT_ROLE=api); ask the process that leads them (docs/deployments.md, Rebuilds).'
        : 'This process stands by while another projector leads the projections; ask the process that leads them (docs/deployments.md, Rebuilds).',
    );
    this.name = 'NotLeadingError';
  }
}

/**
 * Whether this process writes the read models. `api`: never (state off; commands follow the stored
 * checkpoints). `all` and `projector`: the one holding the lease leads (runs the projection runner,
 * the scheduled retention sweep and the log anchors); the others stand by and ask again every
 * STANDBY_RETRY_MS. A leader whose lease is lost stops applying at once and stands by.
 */
@Injectable()
export class ProjectorRole {
  private readonly logger = new Logger('Projector');
  private current: ProjectorState = 'off';
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(PROCESS_ROLE) readonly role: ProcessRole,
    @Inject(PROJECTOR_LEASE) private readonly lease: ProjectorLease,
  ) {}

  get state(): ProjectorState {
    return this.current;
  }

  /** True while this process applies the batches (and runs the sweep and the anchors). */
  get leading(): boolean {
    return this.current === 'leading';
  }

  /** Throws NotLeadingError unless this process applies the projections. */
  assertLeading(): void {
    if (!this.leading) throw new NotLeadingError(this.current);
  }

  /** At start: leads at once when nobody else does (the start waits for the runner then, as on one machine), else stands by. */
  async start(): Promise<void> {
    if (this.role === 'api') return;
    this.lease.onLost((error) => this.lost(error));
    if (await this.lease.tryAcquire()) {
      await this.lead();
      return;
    }
    this.current = 'standby';
    this.logger.log('another projector leads; standing by');
    this.retryLater();
  }

  /** Stops applying and gives the lease up (before the read models are closed). */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.runner.stop();
    await this.lease.release();
    this.current = this.role === 'api' ? 'off' : 'standby';
  }

  private async lead(): Promise<void> {
    try {
      await this.runner.start();
    } catch (error) {
      await this.lease.release();
      throw error;
    }
    this.current = 'leading';
    if (this.lease.kind !== 'embedded') this.logger.log('leading: applying the projections');
  }

  private retryLater(): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.lease
        .tryAcquire()
        .then((acquired) => (acquired ? this.lead() : this.retryLater()))
        .catch((error: Error) => {
          this.logger.error({ err: { name: error.name } }, 'could not take the lead; trying again');
          void this.lease.release().then(() => this.retryLater());
        });
    }, STANDBY_RETRY_MS);
    this.timer.unref();
  }

  private lost(error: Error): void {
    if (this.stopping || this.current !== 'leading') return;
    this.current = 'standby';
    this.logger.warn({ err: { name: error.name } }, 'lost the lead (its database session ended): stopped applying, standing by');
    void this.runner.stop().then(() => this.retryLater());
  }
}
