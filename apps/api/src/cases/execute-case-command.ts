import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommand, CaseEvent, CaseNotFoundError, EVENT_SCHEMA_VERSION, PERSONAL_DATA_FIELDS, PriorInvolvement, Principal, canSee, caseStreamId, decide, priorInvolvementOf } from '@zicht/case-domain';
import { CaseKey, CasePrivacy } from '../privacy/case-privacy';
import { CommandOutcome, ExpectedRevision, NewEvent } from '@zicht/event-store';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { CLOCK, Clock } from '../clock';
import { CaseStreams } from './case-stream';
import { ProjectionRunner, RadarReadModel } from '@zicht/projections';
import type { RadarKey } from '@zicht/privacy';
import { RADAR_KEY, takeBsn } from '../radar/child-identity';
import { READ_YOUR_WRITES_TIMEOUT_MS } from '../read-models/read-models';
import { CommandObserver, traceDecide } from '../observability/command-observer';

/** Case ids from an Idempotency-Key are derived, so that a repeated "open case" finds its first answer. */
const CASE_ID_NAMESPACE = '6b1f4e0a-8d57-4f0e-9a43-2f1d7c5e9b10';

export interface CommandRequestMeta {
  occurredAt?: string;
  /** erase-personal-data: when the case's data key was destroyed. */
  keyDestroyedAt?: string;
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
    private readonly privacy: CasePrivacy,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly observer: CommandObserver,
    @Inject(RADAR_KEY) private readonly radarKey: RadarKey,
    private readonly radar: RadarReadModel,
  ) {}

  execute(request: ExecuteCaseCommand): Promise<CaseCommandResult> {
    return this.observer.observe(request.command.type, () => this.run(request)); // metrics and the command's span
  }

  private async run({ caseId: given, command: sent, principal, meta: sentMeta }: ExecuteCaseCommand): Promise<CaseCommandResult> {
    // The BSN goes no further than this: the domain gets the child's pseudonymous key, and a request
    // fingerprint that covered it is keyed too (a plain hash of a request with a BSN could be reversed by trying every BSN).
    const { command, bsn } = takeBsn(sent);
    const childKey = bsn === undefined ? undefined : this.radarKey.childKeyOf(bsn);
    const meta = bsn === undefined ? sentMeta : { ...sentMeta, requestHash: this.radarKey.fingerprint(sentMeta.requestHash) };
    const caseId =
      given ?? (meta.idempotencyKey ? uuidv5(`${principal.organisation}\u0000${meta.idempotencyKey}`, CASE_ID_NAMESPACE) : randomUUID());
    const now = this.clock.now().toISOString();
    // The edge allows a minute of clock skew; a fact is never recorded as happening after the server's now.
    const occurredAt = meta.occurredAt && meta.occurredAt < now ? meta.occurredAt : now;
    const commandId = randomUUID();
    const stream = caseStreamId(caseId);
    const key = await this.keyFor(caseId, command);
    const priorInvolvement = command.type === 'make-melding' ? await this.priorInvolvement(stream, childKey, occurredAt) : undefined;
    const outcome = await this.streams.handle(
      stream,
      (state) =>
        this.sealed(caseId, key, traceDecide(() => decide(command, state, { caseId, actor: principal, occurredAt, now, keyDestroyedAt: meta.keyDestroyedAt, childKey, priorInvolvement }))).map(
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
        // A case out of sight answers exactly as a missing one, whatever the headers say. (An
        // erasure is an admin's, who sees no case: it needs the case to exist only.)
        guard: (state, revision) => {
          if (command.type === 'open-case') return;
          if (revision === null || (command.type !== 'erase-personal-data' && !canSee(principal, state))) throw new CaseNotFoundError(caseId);
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

  /**
   * Veilig Thuis' involvement with the child when the melding is made, looked up in the radar: by
   * the key from the melding's BSN, else the case's own. A child the radar does not know: `none`.
   */
  private async priorInvolvement(stream: string, fromBsn: string | undefined, at: string): Promise<PriorInvolvement> {
    const { state } = await this.streams.load(stream);
    const childKey = fromBsn ?? (state.status === 'none' ? null : state.childKey);
    return childKey ? priorInvolvementOf(await this.radar.entriesOf(childKey), at) : 'none';
  }

  /**
   * The key the command's events are sealed with: a new case gets one, and so does an existing case
   * from before encryption on its first new fact. An erasure seals nothing (its event holds no
   * personal data) and an erased case is refused by decide.
   */
  private async keyFor(caseId: string, command: CaseCommand): Promise<CaseKey> {
    if (command.type === 'erase-personal-data') return 'erased';
    const key = await this.privacy.keyFor(caseId, { create: command.type === 'open-case' });
    if (key !== 'none') return key;
    const { revision } = await this.streams.load(caseStreamId(caseId));
    return revision === null ? 'none' : this.privacy.keyFor(caseId, { create: true });
  }

  private sealed(caseId: string, key: CaseKey, events: CaseEvent[]): CaseEvent[] {
    if (events.length === 0) return events;
    if (typeof key === 'string') {
      if (events.every((e) => PERSONAL_DATA_FIELDS[e.type].length === 0)) return events;
      throw new Error(`no data key to seal ${events.map((e) => e.type).join(', ')} with (${key})`);
    }
    return this.privacy.seal(caseId, key, events as unknown as NewEvent[]) as unknown as CaseEvent[];
  }
}
