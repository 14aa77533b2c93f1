/* eslint-disable no-console */
import { systemClock } from '../clock';
import type { ZichtConfig } from '../config/config';
import { createProjectionRunner, openReadModels } from '../read-models/read-models';
import { openEventStore } from '../store/event-store.module';
import { followProjections } from './follow-projections';

/** Empties the read models and projects the whole log again. */
export async function rebuildProjections(config: ZichtConfig): Promise<number> {
  const store = openEventStore(config, systemClock);
  const db = await openReadModels(config);
  const runner = createProjectionRunner(store, db, config.firstBuildBatch);
  try {
    const { events, ms } = await followProjections('rebuild', store, runner, () => runner.rebuild());
    console.log(`rebuilt the read models from ${events} events in ${ms} ms (${Math.round((events / Math.max(ms, 1)) * 1000)} events/s)`);
    return 0;
  } finally {
    await runner.stop();
    await db.destroy();
    await store.close();
  }
}
