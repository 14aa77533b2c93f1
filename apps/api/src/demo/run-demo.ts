/* eslint-disable no-console */
import { readFileSync } from 'node:fs';
import { loadOrCreateApiKeys } from '../auth/api-keys';
import { systemClock } from '../clock';
import type { ZichtConfig } from '../config/config';
import { createApp } from '../create-app';
import { openEventStore } from '../store/event-store.module';
import { DemoClient } from './demo-client';
import { scenarios } from './scenarios';

/**
 * Runs the invented demo cases through the public API: against a running server (`--url`), or
 * against an in-process server on the configured (embedded) store.
 */
export async function runDemo(config: ZichtConfig, url?: string): Promise<void> {
  const loaded = loadOrCreateApiKeys(config.apiKeysFile, { createDirectory: !config.apiKeysFileGiven });
  const principals = (JSON.parse(readFileSync(loaded.file, 'utf8')) as { principals: { role: string; key?: string; region?: string }[] }).principals;
  const key = (role: string, region?: string) => {
    const found = principals.find((p) => p.role === role && p.key && (!region || p.region === region));
    if (!found) throw new Error(`the keys file ${loaded.file} has no plain key for a ${role}${region ? ` of region ${region}` : ''}; the demo needs one`);
    return found.key as string;
  };
  const keys = { professional: key('professional'), 'veilig-thuis': key('veilig-thuis', 'VR13'), inspector: key('inspector') };

  const noServer = async () => undefined as void;
  let close = noServer;
  if (!url) {
    const app = await createApp({ config: { ...config, logLevel: 'warn' }, keys: loaded.registry, eventStore: openEventStore(config, systemClock) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    close = () => app.close();
    console.log(`zicht demo on the embedded store in ${config.dataDir}\n`);
  } else {
    console.log(`zicht demo against ${url}\n`);
  }

  try {
    const client = new DemoClient(url, keys);
    const registry = await client.read('inspector', '/afwegingskaders');
    const onderwijs = registry.afwegingskaders.find((k: { id: string }) => k.id === 'onderwijs');
    for (const scenario of scenarios) {
      const result = await scenario(client, new Date(), { id: onderwijs.id, version: onderwijs.version });
      const summary = await client.read('inspector', `/cases/${result.caseId}`);
      console.log(`■ ${result.title}  (case ${result.caseId})`);
      for (const step of result.steps) console.log(`    - ${step}`);
      const responsible = Object.entries(summary.responsible as Record<string, { organisation: string } | null>)
        .map(([scope, party]) => `${scope}: ${party?.organisation ?? '-'}`)
        .join('; ');
      console.log(`    now: ${summary.status}, stage ${summary.stage}, meldplicht ${summary.meldplicht.status}; ${responsible}${summary.flags.length ? `; flags: ${summary.flags.join(', ')}` : ''}\n`);
    }
    console.log(`Read any case with the inspector key from ${loaded.file}:`);
    console.log(`  GET /cases/<id>   GET /cases/<id>/history${close === noServer ? ` on ${url} (OpenAPI at /docs)` : ' once the server runs (npm start; OpenAPI at /docs)'}`);
  } finally {
    await close();
  }
}
