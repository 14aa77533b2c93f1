/**
 * Who may see and act on a case (case-lifecycle.md, "Who may do what"). A case a principal may not
 * see answers 404, as if it did not exist; canSee is false for a case that does not exist.
 */
import { Principal } from './party';
import { CaseState } from './state';
import { RESPONSIBILITY_SCOPES } from './vocabulary';

export function canSee(principal: Principal, state: CaseState): boolean {
  if (state.status === 'none') return false;
  const everHeld = RESPONSIBILITY_SCOPES.flatMap((scope) => state.responsibility[scope].timeline.map((p) => p.party));
  switch (principal.role) {
    case 'inspector':
      return true;
    case 'analyst':
    case 'admin':
      return false;
    case 'professional':
      return (
        state.openedBy.organisation === principal.organisation ||
        everHeld.some((party) => party.veiligThuisRegion === undefined && party.organisation === principal.organisation)
      );
    case 'veilig-thuis': {
      const region = principal.region;
      if (region === undefined) return false;
      return state.meldingen.some((m) => m.region === region) || everHeld.some((party) => party.veiligThuisRegion === region);
    }
    default: {
      const unknown: never = principal.role;
      void unknown;
      return false;
    }
  }
}

/** Only professionals and Veilig Thuis send commands; inspectors, analysts and admins never write. */
export function mayCommand(principal: Principal): boolean {
  return principal.role === 'professional' || principal.role === 'veilig-thuis';
}

/** May send a command on this existing case. */
export function mayActOn(principal: Principal, state: CaseState): boolean {
  return mayCommand(principal) && canSee(principal, state);
}
