import { createCipheriv, createDecipheriv, KeyObject, randomBytes } from 'node:crypto';

/**
 * One encrypted personal field, stored in place of its plaintext:
 *
 *   zenc:1:<path>:<base64url(iv | ciphertext | tag)>
 *
 * AES-256-GCM under the case's data key, a fresh 96-bit IV per field, a 128-bit tag. The additional
 * authenticated data binds the envelope version, the case id and the field path, so an envelope
 * copied to another case, or relabelled with another path, fails authentication.
 */
export const ENVELOPE_PREFIX = 'zenc:1:';

/** A case's data key: 32 random bytes held as a KeyObject (never printed, never serialised). */
export type DataKey = KeyObject;

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The path is one of PERSONAL_DATA_FIELDS (letters, dots, `[]`); the payload is base64url of >= 28 bytes. */
const ENVELOPE = /^zenc:1:([A-Za-z][A-Za-z0-9_.[\]]*):([A-Za-z0-9_-]{38,})$/;

export interface ParsedEnvelope {
  path: string;
  payload: Buffer;
}

/** True when `value` has the form of an envelope (whether or not it authenticates). */
export function isEnvelope(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(ENVELOPE_PREFIX) && ENVELOPE.test(value);
}

export function parseEnvelope(value: string): ParsedEnvelope | null {
  if (!value.startsWith(ENVELOPE_PREFIX)) return null;
  const match = ENVELOPE.exec(value);
  if (!match) return null;
  const payload = Buffer.from(match[2], 'base64url');
  if (payload.length < IV_BYTES + TAG_BYTES) return null;
  return { path: match[1], payload };
}

function aad(caseId: string, path: string): Buffer {
  return Buffer.from(`${ENVELOPE_PREFIX}\u0000${caseId}\u0000${path}`, 'utf8');
}

/** Encrypts one personal string of a case under that case's key. */
export function sealString(plaintext: string, caseId: string, path: string, key: DataKey): string {
  if (!/^[A-Za-z][A-Za-z0-9_.[\]]*$/.test(path)) throw new RangeError(`not a personal-data path: ${JSON.stringify(path)}`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(caseId, path));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${ENVELOPE_PREFIX}${path}:${Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64url')}`;
}

/**
 * The plaintext of an envelope of `caseId`, or null when it does not authenticate (tampered, made
 * for another case or path, or under another key). Never throws for a bad envelope.
 */
export function openEnvelope(envelope: ParsedEnvelope, caseId: string, key: DataKey): string | null {
  const { payload, path } = envelope;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, payload.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(caseId, path));
    decipher.setAuthTag(payload.subarray(payload.length - TAG_BYTES));
    const plaintext = Buffer.concat([decipher.update(payload.subarray(IV_BYTES, payload.length - TAG_BYTES)), decipher.final()]);
    return plaintext.toString('utf8');
  } catch {
    return null;
  }
}
