import type { EventStore } from '@zicht/event-store';
import type { ProjectionRunner } from '@zicht/projections';
import { startProgress } from './progress';

/** What a log position counts: events on SQLite and in memory, bytes of the log on EventStoreDB. */
export function positionUnit(store: EventStore): string {
  return store.kind === 'eventstoredb' ? 'log bytes' : 'events';
}

/** Runs `work` (a rebuild, a catch-up) while showing how far the read models are in the log. */
export async function followProjections<T>(label: string, store: EventStore, runner: ProjectionRunner, work: () => Promise<T>): Promise<T> {
  const progress = startProgress(label, positionUnit(store), Number((await store.headPosition()) ?? 0n));
  const show = async () => {
    const status = await runner.status();
    progress.update(Number(status.position ?? 0), Number(status.head ?? 0));
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
