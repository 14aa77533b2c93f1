import { createHash } from 'node:crypto';
import { ChainVerification, GENESIS_HASH, verifyChain } from './hash-chain';
import { EventStore, StoredEvent } from './port';

/**
 * Integrity beyond one stream. Each stream's hash chain proves that no event of it was changed,
 * removed from its middle, reordered or inserted. It cannot notice a whole stream deleted at once,
 * or the last events of a stream cut off together. The log digest closes that gap: a running
 * SHA-256 over every event of the global log (stream, revision and hash, in log order). An anchor
 * (position, event count, digest) kept outside the platform (printed, exported, in the logs) proves
 * later that the log up to that position is still exactly what it was: any deleted, truncated or
 * altered event before the anchor changes the digest. Events after the last anchor are covered by
 * their stream chains only.
 */
export interface LogAnchor {
  /** The global position of the last event covered (decimal string). */
  position: string;
  /** How many events of the log the digest covers. */
  events: number;
  /** The running digest after that event. */
  digest: string;
}

export const LOG_DIGEST_GENESIS = GENESIS_HASH;

/** The digest after one more event of the log. */
export function nextLogDigest(previous: string, event: StoredEvent): string {
  return createHash('sha256').update(`${previous}\n${event.streamId}\n${event.revision}\n${event.metadata.hash}`, 'utf8').digest('hex');
}

/** Advances a digest over a batch of the log, in log order. */
export function advanceLogDigest(anchor: LogAnchor | null, events: StoredEvent[]): LogAnchor | null {
  let current = anchor;
  for (const event of events) {
    current = {
      position: event.position.toString(),
      events: (current?.events ?? 0) + 1,
      digest: nextLogDigest(current?.digest ?? LOG_DIGEST_GENESIS, event),
    };
  }
  return current;
}

export interface StreamBreak {
  streamId: string;
  firstInvalidRevision: number;
  reason: string;
}

export interface AnchorCheck {
  anchor: LogAnchor;
  valid: boolean;
  reason?: string;
}

export interface StoreVerification {
  valid: boolean;
  streams: number;
  events: number;
  /** The first break of every broken stream. */
  breaks: StreamBreak[];
  anchors: AnchorCheck[];
  /** The anchor of the log as it is now: keep it to check the log against later. */
  head: LogAnchor | null;
}

/**
 * Reads the whole global log once: checks every stream's chain from its first event and every given
 * anchor against the log digest. Memory: one revision and hash per stream.
 */
export async function verifyStore(store: EventStore, options: { anchors?: LogAnchor[]; batchSize?: number } = {}): Promise<StoreVerification> {
  const tips = new Map<string, { revision: number; hash: string } | 'broken'>();
  const breaks: StreamBreak[] = [];
  const pending = new Map((options.anchors ?? []).map((a) => [a.position, a]));
  const anchors: AnchorCheck[] = [];
  let head: LogAnchor | null = null;
  let after: bigint | null = null;
  for (;;) {
    const batch = await store.readAll({ after, limit: options.batchSize ?? 1000 });
    if (batch.length === 0) break;
    for (const event of batch) {
      head = advanceLogDigest(head, [event]);
      const anchor = pending.get(event.position.toString());
      if (anchor) {
        pending.delete(anchor.position);
        anchors.push(compareAnchor(anchor, head!));
      }
      const tip = tips.get(event.streamId);
      if (tip === 'broken') continue;
      const result: ChainVerification = verifyChain([event], tip);
      if (result.valid) {
        tips.set(event.streamId, { revision: event.revision, hash: event.metadata.hash });
      } else {
        tips.set(event.streamId, 'broken');
        breaks.push({ streamId: event.streamId, firstInvalidRevision: result.firstInvalidRevision, reason: result.reason });
      }
    }
    after = batch[batch.length - 1].position;
  }
  for (const anchor of pending.values()) {
    anchors.push({
      anchor,
      valid: false,
      reason: `the log has no event at position ${anchor.position} any more: events up to it were deleted (the log now holds ${head?.events ?? 0} events)`,
    });
  }
  return {
    valid: breaks.length === 0 && anchors.every((a) => a.valid),
    streams: tips.size,
    events: head?.events ?? 0,
    breaks,
    anchors,
    head,
  };
}

function compareAnchor(anchor: LogAnchor, actual: LogAnchor): AnchorCheck {
  if (actual.events !== anchor.events) {
    return { anchor, valid: false, reason: `the log up to position ${anchor.position} held ${anchor.events} events and now holds ${actual.events}: events were deleted or inserted` };
  }
  if (actual.digest !== anchor.digest) {
    return { anchor, valid: false, reason: `the log digest at position ${anchor.position} differs: an event before it was changed or replaced` };
  }
  return { anchor, valid: true };
}

/** Parses anchors from JSON (one object, an array, or one object per line), refusing malformed ones. */
export function parseAnchors(text: string): LogAnchor[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const values: unknown[] = trimmed.startsWith('[') ? (JSON.parse(trimmed) as unknown[]) : trimmed.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
  return values.map((value, i) => {
    const a = value as Partial<LogAnchor>;
    if (typeof a.position !== 'string' || !/^\d+$/.test(a.position) || !Number.isInteger(a.events) || typeof a.digest !== 'string' || !/^[0-9a-f]{64}$/.test(a.digest)) {
      throw new Error(`anchor ${i + 1} is not { position: "<digits>", events: <integer>, digest: "<64 hex>" }`);
    }
    return { position: a.position, events: a.events!, digest: a.digest };
  });
}
