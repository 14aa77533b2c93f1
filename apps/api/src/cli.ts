/* eslint-disable no-console */
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { runDemo } from './demo/run-demo';
import { openReadModelDatabase } from '@zicht/projections';
import { systemClock } from './clock';
import { createProjectionRunner } from './read-models/read-models';
import { openEventStore, readModelFile } from './store/event-store.module';

const USAGE = `usage: npm run cli -- <command>

commands:
  demo [--url http://host:port]   walk invented cases through every path of the lifecycle
                                  (default: an in-process server on the configured store)
  rebuild-projections             empty the read models and project the whole event log again
                                  (stop the server first, or use POST /admin/projections/rebuild)`;

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
    case 'rebuild-projections': {
      const store = openEventStore(config, systemClock);
      const db = await openReadModelDatabase(readModelFile(config));
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
