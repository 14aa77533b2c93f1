import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { CaseState, evolve, initialState, recordedCaseEvent } from '@zicht/case-domain';

// One worker of the bench's parallel floor (read-models-bench.ts, `spreadFloor`): reads its share of
// the log's streams stream by stream, as a build reads them, parses both JSON columns and folds each
// event with the domain's `evolve`; a stream's state is dropped when its last event is folded (a
// build would write its row then). Nothing is built or stored.
const { file, share, shares } = workerData as { file: string; share: number; shares: number };

/** FNV-1a of the stream id: which worker a stream belongs to. */
function shareOf(streamId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < streamId.length; i++) h = Math.imul(h ^ streamId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shares;
}

const db = new Database(file, { readonly: true });
db.function('share_of', { deterministic: true }, (streamId) => shareOf(String(streamId)));
const rows = db
  .prepare('SELECT global_position, stream_id, stream_position, type, data, metadata FROM events WHERE share_of(stream_id) = ? ORDER BY stream_id, stream_position')
  .iterate(share) as Iterable<{ global_position: number; stream_id: string; stream_position: number; type: string; data: string; metadata: string }>;
let events = 0;
let stream: string | null = null;
let state: CaseState = initialState;
for (const row of rows) {
  const event = { streamId: row.stream_id, revision: row.stream_position, position: BigInt(row.global_position), type: row.type, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) };
  if (event.streamId !== stream) [stream, state] = [event.streamId, initialState];
  state = evolve(state, recordedCaseEvent(event as never));
  events++;
}
db.close();
parentPort!.postMessage(events);
