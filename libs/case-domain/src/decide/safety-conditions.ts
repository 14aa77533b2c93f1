/** Voorwaarden & Vervolg: Veilig Thuis sets safety conditions and monitors them itself. */
import { CommandContext, SetSafetyConditionsData } from '../commands';
import { SafetyConditionsSet } from '../events';
import { sameParty, veiligThuisParty } from '../party';
import { OpenCaseState } from '../state';
import { assertVeiligThuisOfMelding } from './veilig-thuis';

export function decideSafetyConditions(data: SetSafetyConditionsData, state: OpenCaseState, ctx: CommandContext): SafetyConditionsSet[] {
  const melding = assertVeiligThuisOfMelding(state, ctx);
  const veiligThuis = veiligThuisParty(melding.region);
  const monitorsAlready = sameParty(state.responsibility.monitoring.current, veiligThuis);
  return [
    {
      type: 'safety-conditions-set',
      data: {
        conditions: data.conditions.map((c) => ({ description: c.description, deadline: c.deadline })),
        firstCheckDue: data.firstCheckDue,
        responsibilityChanges: monitorsAlready ? [] : [{ scope: 'monitoring', to: veiligThuis }],
      },
    },
  ];
}
