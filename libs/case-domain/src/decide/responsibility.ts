/** Responsibility moves one scope at a time, explicitly, from the party that holds it to another. */
import { AssignResponsibilityData } from '../commands';
import { RuleViolation } from '../errors';
import { ResponsibilityAssigned } from '../events';
import { partyFrom, sameParty } from '../party';
import { OpenCaseState } from '../state';

export function decideAssignResponsibility(data: AssignResponsibilityData, state: OpenCaseState): ResponsibilityAssigned[] {
  const to = partyFrom(data.to);
  const from = state.responsibility[data.scope].current;
  if (sameParty(from, to)) {
    throw new RuleViolation(
      'responsibility.already-held',
      `${to.organisation} already holds responsibility for ${data.scope}. Name the party that takes it over (organisation, and if known the professional and their role).`,
    );
  }
  return [{ type: 'responsibility-assigned', data: { scope: data.scope, to, from, reason: data.reason } }];
}
