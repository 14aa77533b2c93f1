/* eslint-disable no-console */
import { NewEvent, WrongExpectedRevisionError } from '@zicht/event-store';
import { sealPersonalData } from '@zicht/privacy';
import { loadConfiguredMasterKey, openKeyStore } from '../privacy/key-store.module';
import { systemClock } from '../clock';
import type { ZichtConfig } from '../config/config';
import { createProjectionRunner, openReadModels } from '../read-models/read-models';
import { seedStore } from '../seed/seed-store';
import { openEventStore } from '../store/event-store.module';
import { followProjections } from './follow-projections';
import { startProgress } from './progress';

export interface SeedFlags {
  cases: number;
  seed: number;
  spanDays: number;
  order: 'by-case' | 'as-it-happened';
}

/** Writes invented cases straight into the configured store (through the real decider), then projects them. */
export async function seed(config: ZichtConfig, flags: SeedFlags): Promise<number> {
  const keys = await openKeyStore(config, loadConfiguredMasterKey(config));
  const store = openEventStore(config, systemClock);
  // Seeded cases are sealed like any other: no clear personal data at rest, invented or not.
  const seal = async (caseId: string, events: NewEvent[]) => {
    const key = await keys.getOrCreate(caseId);
    return events.map((event) => ({ ...event, data: sealPersonalData(event, caseId, key) as NewEvent['data'] }));
  };
  try {
    console.log(`seeding ${flags.cases} invented cases (seed ${flags.seed}) into the ${config.eventStore} store`);
    const progress = startProgress('seed', 'cases', flags.cases);
    const result = await seedStore(store, { cases: flags.cases, seed: flags.seed, spanDays: flags.spanDays, order: flags.order, end: systemClock.now(), seal, onProgress: (done) => progress.update(done) })
      .catch((error: Error) => {
        throw error instanceof WrongExpectedRevisionError ? new Error(`cases of seed ${flags.seed} are in the store already; give another --seed`) : error;
      })
      .finally(() => progress.stop());
    const perSecond = (n: number) => Math.round((n / Math.max(result.ms, 1)) * 1000);
    console.log(`wrote ${result.cases} cases, ${result.events} events in ${result.ms} ms (${perSecond(result.cases)} cases/s, ${perSecond(result.events)} events/s)`);
    const db = await openReadModels(config);
    const runner = createProjectionRunner(store, db, config.firstBuildBatch);
    try {
      const started = Date.now();
      await followProjections('read models', store, runner, async () => {
        await runner.start();
        const head = await store.headPosition();
        if (head !== null) await runner.waitFor(head, 24 * 3600_000);
      });
      console.log(`read models up to date in ${Date.now() - started} ms`);
    } finally {
      await runner.stop();
      await db.destroy();
    }
    return 0;
  } finally {
    await store.close();
    await keys.close();
  }
}
