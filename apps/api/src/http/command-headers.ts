import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { ExpectedRevision } from '@zicht/event-store';
import { InvalidRequestError } from './problem';

/**
 * `If-Match` (RFC 9110): `*` or one entity tag, compared strongly. `"3"` expects revision 3; a weak
 * tag (`W/"3"`) never matches (null: 412 once the case is known to be visible); absent or `*`: no
 * precondition.
 */
export function parseIfMatch(header: string | string[] | undefined): ExpectedRevision | null | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '*') return undefined;
  const match = /^(W\/)?"(\d{1,15})"$/.exec(value);
  if (!match) throw new InvalidRequestError([{ field: 'If-Match', messages: ['must be one ETag of this case, e.g. "3"'] }]);
  return match[1] ? null : Number(match[2]);
}

/** `Idempotency-Key`: up to 200 visible characters. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header) || !/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw new InvalidRequestError([{ field: 'Idempotency-Key', messages: ['must be 1 to 200 visible ASCII characters, sent once'] }]);
  }
  return header;
}

/** A fingerprint of the request, to tell a repeat of it from another request under the same key. */
export function requestHash(route: string, caseId: string | null, body: unknown): string {
  return createHash('sha256').update(canonicalize({ route, caseId, body: body ?? null }) ?? '').digest('hex');
}
