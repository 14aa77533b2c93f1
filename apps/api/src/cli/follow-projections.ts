import type { EventStore } from '@zicht/event-store';
import type { ProjectionRunner } from '@zicht/projections';
import { startProgress } from './progress';

/** What a log position counts: events on SQLite and in memory, bytes of the log on EventStoreDB. */
export function positionUnit(store: EventStore): string {
  return store.kind === 'eventstoredb' ? 'log bytes' : 'events';
}

const LOW_64 = (1n << 64n) - 1n;

/**
 * A position as a number to show progress with. PostgreSQL packs (transaction id, row identity)
 * into one position; the row identity (its low 64 bits) counts the events written.
 */
export function progressNumber(store: EventStore, position: bigint | string | null): number {
  if (position === null) return 0;
  const at = BigInt(position);
  return Number(store.kind === 'postgres' ? at & LOW_64 : at);
}

/** Runs `work` (a rebuild, a catch-up) while showing how far the read models are in the log. */
export async function followProjections<T>(label: string, store: EventStore, runner: ProjectionRunner, work: () => Promise<T>): Promise<T> {
  const progress = startProgress(label, positionUnit(store), progressNumber(store, await store.headPosition()));
  const show = async () => {
    const status = await runner.status();
    progress.update(progressNumber(store, status.position), progressNumber(store, status.head));
  };
  const timer = setInterval(() => void show().catch(() => undefined), 200);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await show().catch(() => undefined);
    progress.stop();
  }
}
