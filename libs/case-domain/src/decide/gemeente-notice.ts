/**
 * The party that took over does not do what was agreed (Kwaliteitskader Veilig Thuis, "zicht op
 * veiligheid"): Veilig Thuis informs the gemeente. It clears the "inform the gemeente" worklist item.
 */
import { CommandContext, InformGemeenteData } from '../commands';
import { GemeenteInformed } from '../events';
import { OpenCaseState } from '../state';
import { assertVeiligThuisOfMelding } from './veilig-thuis';

export function decideGemeenteNotice(data: InformGemeenteData, state: OpenCaseState, ctx: CommandContext): GemeenteInformed[] {
  assertVeiligThuisOfMelding(state, ctx);
  return [{ type: 'gemeente-informed', data: { municipality: data.municipality, party: data.party, reason: data.reason } }];
}
