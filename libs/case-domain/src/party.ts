import { Role } from './vocabulary';

/** Who sends a command: from the keys file, never from the request body. */
export interface Principal {
  id: string;
  name: string;
  role: Role;
  organisation: string;
  beroepsgroep?: string;
  region?: string;
  qualifications: string[];
}

/** Who holds a responsibility. Veilig Thuis is `{ organisation: 'Veilig Thuis VR13', veiligThuisRegion: 'VR13' }`. */
export type Party = {
  organisation: string;
  professional?: string;
  role?: string;
  veiligThuisRegion?: string;
};

/** As sent in a command (`responsible`, `to`). */
export type PartyInput = {
  organisation: string;
  professional?: string;
  role?: string;
};

const VEILIG_THUIS_NAME = /^Veilig Thuis (VR\d{2})$/;

/** Veilig Thuis of a region as a responsible party. */
export function veiligThuisParty(region: string): Party {
  return { organisation: `Veilig Thuis ${region}`, veiligThuisRegion: region };
}

/**
 * A party named in a command. An organisation named exactly `Veilig Thuis VRnn` is Veilig Thuis of
 * that region (so that handing a scope to Veilig Thuis gives its workers access). Absent optional
 * fields stay absent (no `undefined` in event data).
 */
export function partyFrom(input: PartyInput): Party {
  const party: Party = { organisation: input.organisation };
  if (input.professional !== undefined) party.professional = input.professional;
  if (input.role !== undefined) party.role = input.role;
  const vt = VEILIG_THUIS_NAME.exec(input.organisation);
  if (vt) party.veiligThuisRegion = vt[1];
  return party;
}

/** The party a principal acts for: Veilig Thuis of their region, or their organisation. */
export function partyOf(principal: Principal): Party {
  if (principal.role === 'veilig-thuis' && principal.region) return veiligThuisParty(principal.region);
  return { organisation: principal.organisation };
}

export function sameParty(a: Party | null, b: Party | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.organisation === b.organisation &&
    a.professional === b.professional &&
    a.role === b.role &&
    a.veiligThuisRegion === b.veiligThuisRegion
  );
}
