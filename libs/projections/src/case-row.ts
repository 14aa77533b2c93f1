import { CaseState, PERSONAL_DATA_FIELDS, RecordedCaseEvent } from '@zicht/case-domain';

/**
 * What the case row keeps of a case: its state folded from the events, less what no answer needs.
 * The history is the event log; the row only has to give summary, accountability, compliance, the
 * due items and who may see the case. The compaction is generic, driven by the domain's own
 * registry of personal fields rather than by a list of what to keep (which would drift as the
 * domain grows):
 *
 * 1. Every personal field of every event type (PERSONAL_DATA_FIELDS: free texts, the child
 *    reference, names) is left out before the event is folded, except the few an answer shows
 *    (SHOWN_PERSONAL_FIELDS). A new event type's free texts stay out of the row as soon as the
 *    domain registers them (which it must, for their encryption); a field that is an encrypted
 *    envelope is left out or kept all the same.
 * 2. Of the signals only the first of each category is kept: the radar shows the categories, no
 *    other answer reads them, and they are what grows without bound in a long case.
 *
 * Everything else, including fields the domain adds later, is kept. `test/projections/case-row.int-spec.ts`
 * shows, for many generated cases and moments, that every answer from the stored row equals the
 * answer from the full fold, and that no other free text reaches the row.
 */
export const SHOWN_PERSONAL_FIELDS: { readonly [type: string]: readonly string[] } = {
  /** The summary's subject. */
  'case-opened': ['subject.childRef'],
  /** Accountability: the plan in force, who is responsible for it. */
  'hulp-ingezet': ['responsible.professional', 'plan.aims', 'plan.discussedWith', 'responsibilityChanges[].to.professional'],
  /** Accountability: who holds a responsibility, and why it was given. */
  'responsibility-assigned': ['reason', 'to.professional'],
  /** The melder's feedback (GET /cases/:id/feedback): what is asked of the melder, the monitoring agreements. */
  'melder-informed': ['melderRole', 'monitoringAgreements'],
};

/** Per event type: the registered personal paths that no answer shows, split into segments. */
const LEFT_OUT: ReadonlyMap<string, string[][]> = new Map(
  Object.entries(PERSONAL_DATA_FIELDS as Record<string, readonly string[]>).map(([type, paths]) => [
    type,
    paths.filter((path) => !(SHOWN_PERSONAL_FIELDS[type] ?? []).includes(path)).map((path) => path.split('.')),
  ]),
);

/** The event as the case row folds it: its personal fields that no answer shows left out. */
export function withoutUnshownPersonalData(event: RecordedCaseEvent): RecordedCaseEvent {
  const paths = LEFT_OUT.get(event.type);
  if (!paths || paths.length === 0) return event;
  let data = event.data as unknown;
  for (const path of paths) data = without(data, path, 0);
  return data === event.data ? event : ({ ...event, data } as RecordedCaseEvent);
}

/** A copy of `node` without the field at `path` (`name[]`: in every element), sharing what is unchanged. */
function without(node: unknown, path: string[], at: number): unknown {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const segment = path[at];
  const isArray = segment.endsWith('[]');
  const key = isArray ? segment.slice(0, -2) : segment;
  const record = node as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(record, key)) return node;
  const copy: Record<string, unknown> = { ...record };
  if (at === path.length - 1) {
    delete copy[key];
  } else if (isArray) {
    const items = record[key];
    if (!Array.isArray(items)) return node;
    copy[key] = items.map((item) => without(item, path, at + 1));
  } else {
    copy[key] = without(record[key], path, at + 1);
  }
  return copy;
}

/** The state as the row stores it (see above). Folding on from it gives the same answers. */
export function compactState<S extends CaseState>(state: S): S {
  if (state.status === 'none' || state.signals.length === 0) return state;
  const seen = new Set<string>();
  const firstOfEachCategory = state.signals.filter((s) => !seen.has(s.category) && seen.add(s.category));
  return firstOfEachCategory.length === state.signals.length ? state : { ...state, signals: firstOfEachCategory };
}
