/**
 * Step 5a: the melding. Never blocked: an acute case may skip every step before it, so an open
 * case accepts a melding at any stage. Zicht op veiligheid passes to Veilig Thuis of the melding's
 * region; the event says so in `responsibilityChanges`.
 */
import { MakeMeldingData } from '../commands';
import { MeldingMade } from '../events';
import { sameParty, veiligThuisParty } from '../party';
import { OpenCaseState } from '../state';

export function decideMelding(data: MakeMeldingData, state: OpenCaseState): MeldingMade[] {
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
        meldplicht:
          duty.status === 'open'
            ? { mandatory: true, grounds: duty.grounds, causeEventId: duty.cause.eventId }
            : { mandatory: false, grounds: [] },
        responsibilityChanges: alreadyHeld ? [] : [{ scope: 'zicht-op-veiligheid', to: veiligThuis }],
      },
    },
  ];
}
