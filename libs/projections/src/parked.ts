import { ProjectionDataError } from './table-spec';

/** An event a projection could not apply: where it is and why, never what it holds. */
export interface ParkedEvent {
  projection: string;
  generation: number;
  streamId: string;
  revision: number;
  /** The global position (decimal). */
  position: string;
  /** The error's name. */
  error: string;
  /** Why, in words that never quote event data. */
  reason: string;
  parkedAt: string;
}

/** Parked because an earlier event of the same stream is: a stream is applied in order or not at all. */
export class BlockedByParkedEventError extends Error {
  constructor() {
    super('an earlier event of this stream is parked');
    this.name = 'BlockedByParkedEventError';
  }
}

/**
 * The name and a reason that is safe to store and show: a message is kept only from errors whose
 * messages this library composes itself (field paths and rules); any other message may quote data.
 */
export function safeReason(error: unknown): { error: string; reason: string } {
  const name = error instanceof Error ? error.name.slice(0, 100) : 'Error';
  if (error instanceof ProjectionDataError || error instanceof BlockedByParkedEventError) return { error: name, reason: error.message.slice(0, 200) };
  if (error instanceof Error && error.message.startsWith('corrupt stream')) return { error: name, reason: 'the event does not fit the stream before it (corrupt stream)' };
  if (error instanceof TypeError || error instanceof RangeError) return { error: name, reason: 'the event data does not have the shape this projection expects' };
  return { error: name, reason: 'the projection could not apply the event' };
}
