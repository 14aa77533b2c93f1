import { CASE_STREAM_PREFIX } from '@zicht/case-domain';

// The one place that knows how the projections tell their streams apart.

/** The access log's streams: `access-<YYYY-MM-DD>`. */
export const ACCESS_STREAM_PREFIX = 'access-';

/** The case id of a case stream, or null for any other stream. */
export function caseIdOf(streamId: string): string | null {
  return streamId.startsWith(CASE_STREAM_PREFIX) ? streamId.slice(CASE_STREAM_PREFIX.length) : null;
}

export function isAccessStream(streamId: string): boolean {
  return streamId.startsWith(ACCESS_STREAM_PREFIX);
}

/** The access log's stream of a day: `access-<YYYY-MM-DD>`. */
export function accessStreamId(at: string): string {
  return `${ACCESS_STREAM_PREFIX}${at.slice(0, 10)}`;
}
