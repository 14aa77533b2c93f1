import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommand, CaseNotFoundError, EVENT_SCHEMA_VERSION, Principal, canSee, caseStreamId, decide } from '@zicht/case-domain';
import { CommandOutcome, ExpectedRevision, NewEvent } from '@zicht/event-store';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { CLOCK, Clock } from '../clock';
import { CaseStreams } from './case-stream';
import { ProjectionRunner } from '@zicht/projections';
import { READ_YOUR_WRITES_TIMEOUT_MS } from '../read-models/read-models';

/** Case ids from an Idempotency-Key are derived, so that a repeated "open case" finds its first answer. */
const CASE_ID_NAMESPACE = '6b1f4e0a-8d57-4f0e-9a43-2f1d7c5e9b10';

export interface CommandRequestMeta {
  occurredAt?: string;
  ifMatch?: ExpectedRevision | null;
  idempotencyKey?: string;
  requestHash: string;
  correlationId: string;
}

/** One command on one case, as it arrives from any edge. `caseId` is null for "open a case". */
export class ExecuteCaseCommand {
  constructor(
    readonly caseId: string | null,
    readonly command: CaseCommand,
    readonly principal: Principal,
    readonly meta: CommandRequestMeta,
  ) {}
}

export interface CaseCommandResult extends CommandOutcome {
  caseId: string;
}

@CommandHandler(ExecuteCaseCommand)
export class ExecuteCaseCommandHandler implements ICommandHandler<ExecuteCaseCommand, CaseCommandResult> {
  constructor(
    private readonly streams: CaseStreams,
    private readonly projections: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caseId: given, command, principal, meta }: ExecuteCaseCommand): Promise<CaseCommandResult> {
    const caseId =
      given ?? (meta.idempotencyKey ? uuidv5(`${principal.organisation}\u0000${meta.idempotencyKey}`, CASE_ID_NAMESPACE) : randomUUID());
    const now = this.clock.now().toISOString();
    // The edge allows a minute of clock skew; a fact is never recorded as happening after the server's now.
    const occurredAt = meta.occurredAt && meta.occurredAt < now ? meta.occurredAt : now;
    const commandId = randomUUID();
    const outcome = await this.streams.handle(
      caseStreamId(caseId),
      (state) =>
        decide(command, state, { caseId, actor: principal, occurredAt, now }).map(
          (event): NewEvent => ({
            type: event.type,
            data: event.data as unknown as NewEvent['data'],
            metadata: {
              eventId: randomUUID(),
              actor: { id: principal.id, role: principal.role, organisation: principal.organisation, ...(principal.region ? { region: principal.region } : {}) },
              occurredAt,
              correlationId: meta.correlationId,
              causationId: commandId,
              ...(meta.idempotencyKey ? { idempotencyKey: meta.idempotencyKey, requestHash: meta.requestHash } : {}),
              schemaVersion: EVENT_SCHEMA_VERSION,
            },
          }),
        ),
      {
        // A case out of sight answers exactly as a missing one, whatever the headers say.
        guard: (state, revision) => {
          if (command.type !== 'open-case' && (revision === null || !canSee(principal, state))) throw new CaseNotFoundError(caseId);
        },
        expectedRevision: meta.ifMatch,
        idempotency: meta.idempotencyKey ? { key: meta.idempotencyKey, scope: principal.organisation, requestHash: meta.requestHash } : undefined,
      },
    );
    // Read-your-writes: answer once the read models include this command (bounded; the command is
    // recorded either way, and /health shows a lagging projection).
    if (outcome.position !== null && !outcome.replayed) await this.projections.waitFor(outcome.position, READ_YOUR_WRITES_TIMEOUT_MS);
    return { ...outcome, caseId };
  }
}
