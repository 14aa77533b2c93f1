import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseNotFoundError, ErasureReason, ExistingCaseState, Principal, caseStreamId } from '@zicht/case-domain';
import { CaseReadModel } from '@zicht/projections';
import { randomUUID } from 'node:crypto';
import { CLOCK, Clock } from '../clock';
import { CaseStreams } from '../cases/case-stream';
import { CaseCommandResult, ExecuteCaseCommand } from '../cases/execute-case-command';
import { requestHash } from '../http/command-headers';
import { CasePrivacy } from './case-privacy';
import { ErasureBlockedError } from './erasure-blocked';

export { ErasureBlockedError };
import { EventStore } from '@zicht/event-store';
import { unsealedPersonalPaths } from '@zicht/privacy';
import { EVENT_STORE } from '../store/event-store.module';
import { ProjectorRole } from '../read-models/projector-role';

export interface ErasureResult {
  caseId: string;
  /** When the case's data key was destroyed: the same for every repeat. */
  erasedAt: string;
}

export class EraseCaseCommand {
  constructor(
    readonly caseId: string,
    readonly reason: ErasureReason,
    readonly principal: Principal,
    readonly correlationId: string = randomUUID(),
  ) {}
}

/**
 * Erasure by crypto-shredding: first the case's data key is destroyed (from then on every personal
 * field of every stored event, read model and backup of the log is ciphertext without a key), then
 * `personal-data-erased` is recorded through the one command path. A repeat finds the key gone and
 * the event recorded, and answers the same erasedAt; a repeat after a crash between the two steps
 * records the event then.
 */
@CommandHandler(EraseCaseCommand)
export class EraseCaseHandler implements ICommandHandler<EraseCaseCommand, ErasureResult> {
  constructor(
    private readonly streams: CaseStreams,
    private readonly privacy: CasePrivacy,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ caseId, reason, principal, correlationId }: EraseCaseCommand): Promise<ErasureResult> {
    const stream = caseStreamId(caseId);
    if ((await this.streams.load(stream)).revision === null) throw new CaseNotFoundError(caseId);
    const clear = await clearTextEvents(this.store, caseId);
    if (clear > 0) throw new ErasureBlockedError(caseId, clear);
    const erasedAt = await this.privacy.destroy(caseId, this.clock.now().toISOString());
    this.streams.forget(stream); // its folded state held the clear texts in memory
    await this.commands.execute<ExecuteCaseCommand, CaseCommandResult>(
      new ExecuteCaseCommand(caseId, { type: 'erase-personal-data', data: { reason } }, principal, {
        keyDestroyedAt: erasedAt,
        requestHash: requestHash('erasure', caseId, { reason }),
        correlationId,
      }),
    );
    return { caseId, erasedAt };
  }
}

/** How many of a case's stored events hold personal text in clear (written before encryption existed). */
export async function clearTextEvents(store: EventStore, caseId: string): Promise<number> {
  return (await store.readStream(caseStreamId(caseId))).filter((event) => unsealedPersonalPaths(event).length > 0).length;
}

export interface RetentionRun {
  /** The cases erased by this run (with dryRun: that would be). */
  erased: string[];
  /** Cases left as they are: open, reopened, or closed for less than the retention period. */
  kept: number;
  /** Cases erased before this run. */
  alreadyErased: number;
  /** Cases due that cannot be erased: personal text stored in clear before encryption (ErasureBlockedError). */
  blocked: string[];
  dryRun: boolean;
}

export const RETENTION_DAYS = Symbol('RETENTION_DAYS');
export const RETENTION_SWEEP_MS = Symbol('RETENTION_SWEEP_MS');

/** Who the retention sweep acts as: an admin of the platform itself, in every event it records. */
export const RETENTION_PRINCIPAL: Principal = { id: 'retention-sweep', name: 'Retention sweep', role: 'admin', organisation: 'zicht', qualifications: [] };
/** The read models list every case to an inspector; the sweep reads them so (no case content leaves it). */
const EVERY_CASE: Principal = { id: 'retention-sweep', name: 'Retention sweep', role: 'inspector', organisation: 'zicht', qualifications: [] };

/**
 * The retention sweep: a case closed longer than the retention period ago (ZICHT_RETENTION_DAYS,
 * default 20 years) is erased; a reopened case is not (it is open). Runs daily, on
 * POST /admin/retention/run and from `npm run cli -- retention [--dry-run]`.
 */
@Injectable()
export class RetentionSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RetentionRun> | null = null;

  constructor(
    private readonly readModel: CaseReadModel,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RETENTION_DAYS) private readonly days: number,
    @Inject(RETENTION_SWEEP_MS) private readonly everyMs: number,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: ProjectorRole,
  ) {}

  /** Swept on schedule by the leading projector only (or the one process); POST /admin/retention/run works on any node. */
  onApplicationBootstrap(): void {
    if (this.everyMs <= 0) return;
    this.timer = setInterval(() => {
      if (!this.projector.leading) return;
      this.run().then(
        (r) => this.logger.log({ erased: r.erased.length, kept: r.kept }, 'retention sweep done'),
        (error: Error) => this.logger.error({ err: { name: error.name } }, 'retention sweep failed'),
      );
    }, this.everyMs).unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One sweep; a second request while one runs joins it. */
  run(options: { dryRun?: boolean; onProgress?: (seen: number, erased: number) => void } = {}): Promise<RetentionRun> {
    if (options.dryRun) return this.sweep(true, options.onProgress);
    this.running ??= this.sweep(false, options.onProgress).finally(() => (this.running = null));
    return this.running;
  }

  private async sweep(dryRun: boolean, onProgress?: (seen: number, erased: number) => void): Promise<RetentionRun> {
    const cutoff = new Date(this.clock.now().getTime() - this.days * 86_400_000).toISOString();
    const result: RetentionRun = { erased: [], kept: 0, alreadyErased: 0, blocked: [], dryRun };
    let cursor: string | undefined;
    let seen = 0;
    do {
      const page = await this.readModel.list(EVERY_CASE, { cursor, limit: 500 });
      for (const { state } of page.cases) {
        seen++;
        if (state.erasure !== undefined) result.alreadyErased++;
        else if (due(state, cutoff)) {
          try {
            if (dryRun && (await clearTextEvents(this.store, state.caseId)) > 0) throw new ErasureBlockedError(state.caseId, 1);
            if (!dryRun) await this.commands.execute(new EraseCaseCommand(state.caseId, 'retention-expired', RETENTION_PRINCIPAL));
            result.erased.push(state.caseId);
          } catch (error) {
            if (!(error instanceof ErasureBlockedError)) throw error;
            result.blocked.push(state.caseId);
          }
        } else result.kept++;
      }
      onProgress?.(seen, result.erased.length);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return result;
  }
}

function due(state: ExistingCaseState, cutoff: string): boolean {
  return state.status === 'closed' && state.closure.occurredAt < cutoff;
}
