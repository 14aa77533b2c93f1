import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { ExpectedRevision } from '@zicht/event-store';
import { InvalidRequestError } from './problem';

/** `If-Match: "3"` (or W/"3", or 3) to the revision; absent to undefined. */
export function parseIfMatch(header: string | string[] | undefined): ExpectedRevision | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header.join(',') : header;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(value);
  if (!match) throw new InvalidRequestError([{ field: 'If-Match', messages: ['must be the revision from an ETag, e.g. "3"'] }]);
  return Number(match[1]);
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
