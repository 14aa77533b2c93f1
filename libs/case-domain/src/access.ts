/**
 * Who may see and act on a case (docs/http-api.md, "Who may do what"). A case a principal may not
 * see answers 404, as if it did not exist; canSee is false for a case that does not exist.
 */
import { Principal } from './party';
import { CaseState, ExistingCaseState } from './state';
import { RESPONSIBILITY_SCOPES } from './vocabulary';

/** Who is involved in a case, and so may see it: the one rule behind canSee and the case lists. */
export interface Involvement {
  /** The opener's organisation and every organisation (not Veilig Thuis) that holds or held a responsibility. */
  organisations: string[];
  /** Regions whose Veilig Thuis received a melding or holds or held a responsibility. */
  veiligThuisRegions: string[];
}

export function involvement(state: ExistingCaseState): Involvement {
  const everHeld = RESPONSIBILITY_SCOPES.flatMap((scope) => state.responsibility[scope].timeline.map((p) => p.party));
  const organisations = new Set([state.openedBy.organisation, ...everHeld.filter((p) => p.veiligThuisRegion === undefined).map((p) => p.organisation)]);
  const regions = new Set([...state.meldingen.map((m) => m.region), ...everHeld.flatMap((p) => (p.veiligThuisRegion ? [p.veiligThuisRegion] : []))]);
  return { organisations: [...organisations].sort(), veiligThuisRegions: [...regions].sort() };
}

export function canSee(principal: Principal, state: CaseState): boolean {
  if (state.status === 'none') return false;
  switch (principal.role) {
    case 'inspector':
      return true;
    case 'analyst':
    case 'admin':
      return false;
    case 'professional':
      return involvement(state).organisations.includes(principal.organisation);
    case 'veilig-thuis':
      return principal.region !== undefined && involvement(state).veiligThuisRegions.includes(principal.region);
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

/**
 * Who sees a case's radar (the other cases about its child): Veilig Thuis of a region that received
 * a melding of it, and inspectors. Anyone else, and Veilig Thuis before any melding (then the case
 * is still the professional's own dossier), is answered as if the case did not exist.
 */
export function canSeeRadar(principal: Principal, state: CaseState): boolean {
  if (state.status === 'none') return false;
  if (principal.role === 'inspector') return true;
  return principal.role === 'veilig-thuis' && state.meldingen.some((m) => m.region === principal.region);
}

/** Who may ask which cases have a child Veilig Thuis knows from another case: whoever sees radars (a professional would learn what Veilig Thuis knows). */
export function mayFilterByRadar(principal: Principal): boolean {
  return principal.role === 'veilig-thuis' || principal.role === 'inspector';
}
