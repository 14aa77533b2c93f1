import { CommandContext, OpenCaseData } from '../commands';
import { RuleViolation } from '../errors';
import { CaseOpened, SubjectIdentified } from '../events';
import { partyOf } from '../party';
import { CaseState } from '../state';

export function decideOpenCase(data: OpenCaseData, state: CaseState, ctx: CommandContext): (CaseOpened | SubjectIdentified)[] {
  if (state.status !== 'none') {
    throw new RuleViolation(
      'case.already-exists',
      `Case ${ctx.caseId} already exists. Record new facts on the existing case, or open a new case with a new id.`,
      409,
    );
  }
  const subject = { childRef: data.subject.childRef, ...(data.subject.birthYear !== undefined ? { birthYear: data.subject.birthYear } : {}) };
  const openedBy = { organisation: ctx.actor.organisation, ...(ctx.actor.beroepsgroep !== undefined ? { beroepsgroep: ctx.actor.beroepsgroep } : {}) };
  return [
    {
      type: 'case-opened',
      data: {
        caseId: ctx.caseId,
        subject,
        region: data.region,
        ...(data.municipality !== undefined ? { municipality: data.municipality } : {}),
        origin: data.origin ?? 'signal',
        openedBy,
        responsibilityChanges: [{ scope: 'zicht-op-veiligheid', to: partyOf(ctx.actor) }],
      },
    },
    ...(ctx.childKey !== undefined ? [{ type: 'subject-identified' as const, data: { childKey: ctx.childKey } }] : []),
  ];
}
