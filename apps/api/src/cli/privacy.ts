/* eslint-disable no-console */
import { CASE_STREAM_PREFIX } from '@zicht/case-domain';
import { rotateMasterKey, unsealedPersonalPaths } from '@zicht/privacy';
import { loadOrCreateApiKeys } from '../auth/api-keys';
import { systemClock } from '../clock';
import type { ZichtConfig } from '../config/config';
import { createApp } from '../create-app';
import { RetentionSweep } from '../privacy/erasure';
import { loadConfiguredMasterKey, openKeyStore } from '../privacy/key-store.module';
import { openEventStore } from '../store/event-store.module';
import { startProgress } from './progress';

/** `retention [--dry-run]`: the retention sweep of the server, run once here (the server stopped). */
export async function retention(config: ZichtConfig, dryRun: boolean): Promise<number> {
  const keys = loadOrCreateApiKeys(config.apiKeysFile, { createDirectory: !config.apiKeysFileGiven });
  const app = await createApp({ config: { ...config, logLevel: 'warn', retentionSweepMs: 0 }, keys: keys.registry, eventStore: openEventStore(config, systemClock) });
  try {
    const progress = startProgress(dryRun ? 'retention (dry run)' : 'retention', 'cases', 0);
    const result = await app
      .get(RetentionSweep)
      .run({ dryRun, onProgress: (seen) => progress.update(seen, seen) })
      .finally(() => progress.stop());
    console.log(
      `${dryRun ? 'would erase' : 'erased'} ${result.erased.length} cases closed more than ${config.retentionDays} days ago; kept ${result.kept}; ${result.alreadyErased} erased before` +
        (result.blocked.length ? `; ${result.blocked.length} not erasable yet (personal text stored in clear before encryption: see the README)` : ''),
    );
    for (const caseId of result.erased) console.log(`${dryRun ? 'due' : 'erased'} ${caseId}`);
    for (const caseId of result.blocked) console.log(`blocked ${caseId}`);
    return 0;
  } finally {
    await app.close();
  }
}

/** `rotate-master-key`: re-wraps every data key under a new master key; the events are untouched. */
export async function rotateMaster(config: ZichtConfig): Promise<number> {
  const loaded = loadConfiguredMasterKey(config);
  const keys = await openKeyStore(config, loaded);
  try {
    const { rewrapped } = await rotateMasterKey(keys, loaded, { newKeyText: process.env.ZICHT_NEW_MASTER_KEY?.trim() || undefined });
    console.log(`re-wrapped ${rewrapped} data keys under the new master key${loaded.source === 'file' ? ` (${loaded.file})` : '; set ZICHT_MASTER_KEY to the new key now'}`);
    return 0;
  } finally {
    await keys.close();
  }
}

/** `privacy-audit`: the case events whose personal fields are stored in clear (written before encryption). Reads only. */
export async function privacyAudit(config: ZichtConfig): Promise<number> {
  const store = openEventStore(config, systemClock);
  try {
    const byCase = new Map<string, number>();
    let events = 0;
    let after: bigint | null = null;
    for (;;) {
      const batch = await store.readAll({ after, limit: 1000 });
      if (batch.length === 0) break;
      for (const event of batch) {
        if (!event.streamId.startsWith(CASE_STREAM_PREFIX)) continue;
        events++;
        let clear: string[];
        try {
          clear = unsealedPersonalPaths(event);
        } catch {
          continue; // an event type this version does not know: verify reports what is wrong with it
        }
        if (clear.length > 0) byCase.set(event.streamId, (byCase.get(event.streamId) ?? 0) + 1);
      }
      after = batch[batch.length - 1].position;
    }
    for (const [stream, n] of byCase) console.log(`clear ${stream.slice(CASE_STREAM_PREFIX.length)}: ${n} events with personal text in clear`);
    console.log(`${byCase.size} of the cases hold personal text in clear (${[...byCase.values()].reduce((a, b) => a + b, 0)} of ${events} case events); the others are sealed`);
    return byCase.size > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}
