/**
 * Which fields of each event's data hold personal data: the child reference and every free text
 * about the child and family (and the names of professionals). They will be encrypted per case, so
 * that destroying the case's key erases them (crypto-shredding).
 *
 * Paths are dot-separated; `[]` means "every element of this array", e.g.
 * `responsibilityChanges[].to.professional`. A path whose field is absent is skipped.
 *
 * Deliberately NOT personal (so that analytics and compliance can use them without a key): codes and
 * enums, dates, region and municipality, birthYear, organisation names, and the descriptions of
 * services (component kind/provider, evaluation method).
 */
import { CaseEvent, CaseEventType } from './events';

export const PERSONAL_DATA_FIELDS: { readonly [T in CaseEventType]: readonly string[] } = {
  'case-opened': ['subject.childRef'],
  signal: ['description'],
  consultation: ['summary'],
  'child-heard': ['viewsSummary', 'accommodations'],
  'child-not-heard': ['explanation', 'accommodationsTried'],
  weighed: ['rationale'],
  melding: ['vtReference'], // grounds are codes (MeldplichtGround), read by the fold
  'hulp-ingezet': ['responsible.professional', 'plan.aims', 'plan.discussedWith', 'responsibilityChanges[].to.professional'],
  'monitor-check': ['notes'],
  'responsibility-assigned': ['reason', 'to.professional', 'from.professional'],
  'case-closed': ['summary'],
  'case-reopened': ['reason'],
  'personal-data-erased': [],
  'safety-assessed': ['rationale', 'monitoring.reason', 'responsibilityChanges[].to.professional'],
  'investigation-completed': ['rationale', 'endedEarly.reason', 'monitoring.reason', 'responsibilityChanges[].to.professional'],
  'safety-conditions-set': ['conditions[].description'],
  'melder-informed': ['melderRole', 'monitoringAgreements'],
  'gemeente-informed': ['reason'],
  // The childKey is pseudonymous (a keyed hash); it is kept out of every analytic read model instead.
  'subject-identified': [],
};

type Json = unknown;

/**
 * A copy of `data` with `fn` applied to the value of every personal field of that event type
 * (e.g. encrypt, decrypt, or replace by a marker after erasure). The input is not changed.
 */
export function mapPersonalData(
  event: Pick<CaseEvent, 'type' | 'data'>,
  fn: (value: Json, path: string) => Json,
): Record<string, unknown> {
  let data = event.data as Json;
  for (const path of PERSONAL_DATA_FIELDS[event.type]) {
    data = mapPath(data, path.split('.'), path, fn);
  }
  return data as Record<string, unknown>;
}

/** The personal values of one event, by path (array paths give arrays of values). */
export function personalDataOf(event: CaseEvent): Record<string, Json> {
  const found: Record<string, Json> = {};
  mapPersonalData(event, (value, path) => {
    found[path] = path in found ? ([] as Json[]).concat(found[path], [value]) : value;
    return value;
  });
  return found;
}

function mapPath(node: Json, segments: string[], path: string, fn: (value: Json, path: string) => Json): Json {
  if (node === null || typeof node !== 'object') return node;
  const [head, ...rest] = segments;
  const isArray = head.endsWith('[]');
  const key = isArray ? head.slice(0, -2) : head;
  const record = node as Record<string, Json>;
  if (!(key in record) || record[key] === undefined) return node;
  let value: Json;
  if (isArray) {
    const items = record[key];
    if (!Array.isArray(items)) return node;
    value = items.map((item) => mapPath(item, rest, path, fn));
  } else {
    value = rest.length === 0 ? fn(record[key], path) : mapPath(record[key], rest, path, fn);
  }
  return { ...record, [key]: value };
}
