/* eslint-disable no-console */
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { runDemo } from './demo/run-demo';
import { readFileSync } from 'node:fs';
import { parseAnchors, verifyStore } from '@zicht/event-store';
import { systemClock } from './clock';
import { createProjectionRunner, openReadModels } from './read-models/read-models';
import { seedCommand } from './seed/seed-store';
import { openEventStore } from './store/event-store.module';

const USAGE = `usage: npm run cli -- <command>

commands:
  demo [--url http://host:port]   walk invented cases through every path of the lifecycle
                                  (default: an in-process server on the configured store)
  verify [--anchors <file>]       check every stream's hash chain and the log digest against anchors
                                  (JSON lines from earlier runs); exits 1 on any break
  seed [--cases 1000] [--seed n] [--span-days 540]
                                  write invented cases straight into the configured store (through
                                  the real decider), then bring the read models up to date
  rebuild-projections             build every read model anew from the whole event log, beside the
                                  current one, and swap it in (a running server: POST /admin/projections/rebuild)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const option = (name: string) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const config = loadConfig();
  switch (command) {
    case 'demo':
      await runDemo(config, option('--url'));
      return 0;
    case 'seed':
      await seedCommand(config, option);
      return 0;
    case 'rebuild-projections': {
      const store = openEventStore(config, systemClock);
      const db = await openReadModels(config);
      const runner = createProjectionRunner(store, db);
      try {
        const { events, ms } = await runner.rebuild();
        console.log(`rebuilt the read models from ${events} events in ${ms} ms (${Math.round((events / Math.max(ms, 1)) * 1000)} events/s)`);
      } finally {
        await runner.stop();
        await db.destroy();
        await store.close();
      }
      return 0;
    }
    case 'verify': {
      // Every stream's hash chain, and the log digest against anchors kept from earlier runs.
      const anchorsFile = option('--anchors');
      const anchors = anchorsFile ? parseAnchors(readFileSync(anchorsFile, 'utf8')) : [];
      const store = openEventStore(config, systemClock);
      try {
        const result = await verifyStore(store, { anchors });
        for (const b of result.breaks) console.log(`BROKEN ${b.streamId} at revision ${b.firstInvalidRevision}: ${b.reason}`);
        for (const a of result.anchors) console.log(`${a.valid ? 'anchor ok' : 'ANCHOR BROKEN'} at position ${a.anchor.position}${a.reason ? `: ${a.reason}` : ''}`);
        console.log(`${result.valid ? 'valid' : 'INVALID'}: ${result.streams} streams, ${result.events} events, ${result.breaks.length} broken streams, ${result.anchors.filter((a) => !a.valid).length} of ${result.anchors.length} anchors broken`);
        if (result.head) console.log(`head anchor (keep it outside the platform; check later with --anchors <file>): ${JSON.stringify(result.head)}`);
        return result.valid ? 0 : 1;
      } finally {
        await store.close();
      }
    }
    default:
      console.error(USAGE);
      return command ? 64 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof ConfigError ? `zicht: ${error.message}` : `zicht: ${error.message}`);
    process.exit(error instanceof ConfigError ? 78 : 1);
  },
);
