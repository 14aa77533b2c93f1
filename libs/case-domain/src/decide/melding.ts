/**
 * Step 5a: the melding. Never blocked: an acute case may skip every step before it, so an open
 * case accepts a melding at any stage. Zicht op veiligheid passes to Veilig Thuis of the melding's
 * region; the event says so in `responsibilityChanges`. A melding passes identifying data on: with a
 * childKey in the context (from a BSN) the child is identified for the radar, and the melding records
 * Veilig Thuis' prior involvement with the child as the handler looked it up.
 */
import { CommandContext, MakeMeldingData } from '../commands';
import { RuleViolation } from '../errors';
import { MeldingMade, SubjectIdentified } from '../events';
import { sameParty, veiligThuisParty } from '../party';
import { OpenCaseState } from '../state';

export function decideMelding(data: MakeMeldingData, state: OpenCaseState, ctx: CommandContext): (MeldingMade | SubjectIdentified)[] {
  const identifies = ctx.childKey !== undefined && ctx.childKey !== state.childKey;
  if (identifies && state.childKey !== null) {
    throw new RuleViolation(
      'subject.different-child',
      'This case is already identified by another BSN: a case is about one child. Check the BSN; for another child, open a case of its own.',
    );
  }
  const region = data.region ?? state.region;
  const veiligThuis = veiligThuisParty(region);
  const duty = state.meldplicht;
  const alreadyHeld = sameParty(state.responsibility['zicht-op-veiligheid'].current, veiligThuis);
  return [
    {
      type: 'melding',
      data: {
        region,
        grounds: data.grounds ?? [],
        ...(data.vtReference !== undefined ? { vtReference: data.vtReference } : {}),
        ...(data.urgency !== undefined ? { urgency: data.urgency } : {}),
        priorInvolvement: ctx.priorInvolvement ?? 'none',
        meldplicht:
          duty.status === 'open'
            ? { mandatory: true, grounds: duty.grounds, causeEventId: duty.cause.eventId }
            : { mandatory: false, grounds: [] },
        responsibilityChanges: alreadyHeld ? [] : [{ scope: 'zicht-op-veiligheid', to: veiligThuis }],
      },
    },
    ...(identifies && ctx.childKey !== undefined ? [{ type: 'subject-identified' as const, data: { childKey: ctx.childKey } }] : []),
  ];
}
