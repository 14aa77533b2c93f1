import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { EventMetadata, JsonObject, NewEvent, StoredEvent } from './port';

/**
 * The hash chain: every event's metadata carries `prevHash` (the hash of the previous event of the
 * same stream, GENESIS_HASH for revision 0) and `hash` = SHA-256(prevHash + canonical content).
 * The content is RFC 8785 (JCS) JSON over streamId, revision, type, data and the metadata without
 * `hash`, so a changed, removed, moved or reordered event breaks the chain at that revision.
 * Adapters never compute the chain themselves: they call `sealEvents()` and store what it returns.
 */

export const GENESIS_HASH = '0'.repeat(64);

/** What the hash covers. */
export interface HashedContent {
  streamId: string;
  revision: number;
  type: string;
  data: JsonObject;
  /** The stored metadata; a `hash` in it is ignored. */
  metadata: Omit<EventMetadata, 'hash'> & { hash?: string };
}

/** RFC 8785 canonical JSON of the event's content (metadata without `hash`). */
export function canonicalEventContent(event: HashedContent): string {
  const { hash: _hash, ...metadata } = event.metadata;
  const text = canonicalize({ streamId: event.streamId, revision: event.revision, type: event.type, data: event.data, metadata });
  if (text === undefined) throw new Error('event content cannot be canonicalised');
  return text;
}

/** SHA-256 (hex) over the previous hash followed by the canonical content. */
export function computeEventHash(prevHash: string, canonicalContent: string): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalContent, 'utf8').digest('hex');
}

/**
 * Assigns revisions, recordedAt, prevHash and hash to events about to be appended after `prev`
 * (the stream's last event; null for a new stream). Data and metadata are normalised to plain JSON
 * (what a durable adapter stores and reads back), so the chain verifies from the stored form.
 */
export function sealEvents(
  streamId: string,
  prev: { revision: number; hash: string } | null,
  events: NewEvent[],
  recordedAt: string,
): Array<Omit<StoredEvent, 'position'>> {
  let revision = prev ? prev.revision : -1;
  let prevHash = prev ? prev.hash : GENESIS_HASH;
  return events.map((event) => {
    revision += 1;
    const data = toPlainJson(event.data) as JsonObject;
    const metadata = toPlainJson({ ...event.metadata, recordedAt, prevHash }) as Omit<EventMetadata, 'hash'>;
    const hash = computeEventHash(prevHash, canonicalEventContent({ streamId, revision, type: event.type, data, metadata }));
    prevHash = hash;
    return { streamId, revision, type: event.type, data, metadata: { ...metadata, hash } };
  });
}

export type ChainVerification =
  | { valid: true; events: number }
  | { valid: false; events: number; firstInvalidRevision: number; reason: string };

/**
 * Checks a stream's events (in the order given) against the chain. Without `anchor` the list must
 * start at revision 0; with it, the list continues after the anchor (a stream read from a revision).
 * Reports the first revision whose hash does not match its content, whose prevHash does not match
 * the previous hash, or that is missing, duplicated or out of order.
 */
export function verifyChain(events: StoredEvent[], anchor?: { revision: number; hash: string }): ChainVerification {
  let expectedRevision = anchor ? anchor.revision + 1 : 0;
  let prevHash = anchor ? anchor.hash : GENESIS_HASH;
  for (const event of events) {
    const fail = (reason: string) =>
      ({ valid: false, events: events.length, firstInvalidRevision: expectedRevision, reason }) as const;
    if (!isJsonObject(event.data) || !isJsonObject(event.metadata)) {
      return fail('its stored data or metadata is not a JSON object any more: the event was changed after it was recorded');
    }
    if (event.revision !== expectedRevision) {
      return fail(`expected revision ${expectedRevision} here but found revision ${event.revision}: an event was removed, duplicated or reordered`);
    }
    if (event.metadata.prevHash !== prevHash) {
      return fail(
        expectedRevision === 0
          ? 'revision 0 must link to the genesis hash, but its prevHash is different'
          : `its prevHash does not match the hash of revision ${expectedRevision - 1}: the history before it was changed`,
      );
    }
    let actual: string;
    try {
      actual = computeEventHash(prevHash, canonicalEventContent(event));
    } catch {
      return fail('its content is not valid JSON and cannot be hashed');
    }
    if (actual !== event.metadata.hash) {
      return fail('its hash does not match its content: the event was changed after it was recorded');
    }
    prevHash = event.metadata.hash;
    expectedRevision += 1;
  }
  return { valid: true, events: events.length };
}

function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON round trip: drops undefined members, turns Dates and the like into their JSON form, and
 * refuses what JSON cannot hold (NaN, Infinity, bigint) instead of silently changing it.
 */
function toPlainJson(value: unknown): unknown {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('event data and metadata must be JSON objects');
  return JSON.parse(text);
}
