/* eslint-disable no-console */
import { EventStore, LogAnchor, verifyStore } from '@zicht/event-store';
import { systemClock } from '../clock';
import type { ZichtConfig } from '../config/config';
import { openEventStore } from '../store/event-store.module';
import { positionUnit, progressNumber } from './follow-projections';
import { startProgress } from './progress';

/** The store, telling `onBatch` how far every read of the global log got. */
function watchingReads(store: EventStore, onBatch: (position: bigint) => void): EventStore {
  const readAll: EventStore['readAll'] = async (options) => {
    const batch = await store.readAll(options);
    if (batch.length > 0) onBatch(batch[batch.length - 1].position);
    return batch;
  };
  return new Proxy(store, {
    get: (target, property) => {
      if (property === 'readAll') return readAll;
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Checks every stream's hash chain, and the log digest against anchors kept from earlier runs. */
export async function verify(config: ZichtConfig, anchors: LogAnchor[]): Promise<number> {
  const store = openEventStore(config, systemClock);
  try {
    const progress = startProgress('verify', positionUnit(store), progressNumber(store, await store.headPosition()));
    const result = await verifyStore(
      watchingReads(store, (position) => progress.update(progressNumber(store, position))),
      { anchors },
    ).finally(() => progress.stop());
    for (const b of result.breaks) console.log(`BROKEN ${b.streamId} at revision ${b.firstInvalidRevision}: ${b.reason}`);
    for (const a of result.anchors) console.log(`${a.valid ? 'anchor ok' : 'ANCHOR BROKEN'} at position ${a.anchor.position}${a.reason ? `: ${a.reason}` : ''}`);
    console.log(
      `${result.valid ? 'valid' : 'INVALID'}: ${result.streams} streams, ${result.events} events, ${result.breaks.length} broken streams, ${result.anchors.filter((a) => !a.valid).length} of ${result.anchors.length} anchors broken`,
    );
    if (result.head) console.log(`head anchor (keep it outside the platform; check later with --anchors <file>): ${JSON.stringify(result.head)}`);
    return result.valid ? 0 : 1;
  } finally {
    await store.close();
  }
}
