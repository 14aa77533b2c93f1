import { CaseEvent, PERSONAL_DATA_FIELDS, mapPersonalData } from '@zicht/case-domain';
import { DataKey, isEnvelope, openEnvelope, parseEnvelope, sealString } from './envelope';

/** An event as decide() makes it or as it is stored: its type and its data. */
export interface EventLike {
  type: string;
  data: unknown;
}

function personalPaths(type: string): readonly string[] {
  const paths = (PERSONAL_DATA_FIELDS as Record<string, readonly string[] | undefined>)[type];
  // Fail closed: an event type without a personal-data map is never stored with its texts in clear.
  if (!paths) throw new TypeError(`no personal-data fields are declared for event type "${type}" (PERSONAL_DATA_FIELDS)`);
  return paths;
}

/**
 * The event's data with every personal field (PERSONAL_DATA_FIELDS) replaced by an envelope under
 * the case's key: a string by one envelope, a string array by an array of envelopes. Other fields
 * are untouched; the input is not changed. A value that already is an envelope of this case under
 * this key (a party copied from the folded state) is kept as it is, never encrypted twice.
 */
export function sealPersonalData(event: EventLike, caseId: string, key: DataKey): Record<string, unknown> {
  personalPaths(event.type);
  const seal = (value: string, path: string): string => {
    const parsed = isEnvelope(value) ? parseEnvelope(value) : null;
    if (parsed && openEnvelope(parsed, caseId, key) !== null) return value;
    return sealString(value, caseId, path, key);
  };
  return mapPersonalData(event as Pick<CaseEvent, 'type' | 'data'>, (value, path) => {
    if (value === null || value === undefined) return value;
    if (typeof value === 'string') return seal(value, path);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.map((item: string) => seal(item, path));
    throw new TypeError(`personal field ${path} of a ${event.type} event holds ${Array.isArray(value) ? 'a list that is not all strings' : typeof value}; only a string or a list of strings can be sealed`);
  });
}

export interface Revealed<T> {
  /** A deep copy in which every envelope is its plaintext, or null (erased key or failed authentication). */
  value: T;
  /** How many envelopes failed authentication (tampered, moved from another case, wrong key). Log the count, never a value. */
  failures: number;
}

/**
 * Decrypts whatever answer was built from stored state: an event, a folded state, a summary, an
 * export. Every envelope string anywhere in `value` becomes its plaintext; without a key (null, or
 * what KeyStore.get answers for a destroyed key, 'erased', or for a case that never had one, 'none')
 * every envelope becomes null. Strings that
 * are not envelopes (codes, ids, events written before encryption) are copied as they are. Plain
 * objects and arrays are copied; other values (numbers, bigint, Date) are kept.
 *
 * Note: erased fields are null although the static type of `T` says string; readers of a revealed
 * answer must expect null in every personal field.
 */
export function revealPersonalData<T>(value: T, caseId: string, keyOrState: DataKey | 'erased' | 'none' | null): Revealed<T> {
  const key = typeof keyOrState === 'string' ? null : keyOrState;
  let failures = 0;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const envelope = parseEnvelope(node);
      if (!envelope) return node;
      if (key === null) return null;
      const plaintext = openEnvelope(envelope, caseId, key);
      if (plaintext === null) failures += 1;
      return plaintext;
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object' && isPlainObject(node)) {
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) copy[k] = walk(v);
      return copy;
    }
    return node;
  };
  const revealed = walk(value) as T;
  return { value: revealed, failures };
}

/**
 * The personal fields of a stored event that hold a clear string instead of an envelope: empty for
 * every event sealed by sealPersonalData, the paths for events written before encryption existed.
 */
export function unsealedPersonalPaths(event: EventLike): string[] {
  personalPaths(event.type);
  const found = new Set<string>();
  mapPersonalData(event as Pick<CaseEvent, 'type' | 'data'>, (value, path) => {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && !isEnvelope(v))) found.add(path);
    return value;
  });
  return [...found];
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
