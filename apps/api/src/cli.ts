/* eslint-disable no-console */
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { runDemo } from './demo/run-demo';

const USAGE = `usage: npm run cli -- <command>

commands:
  demo [--url http://host:port]   walk invented cases through every path of the lifecycle
                                  (default: an in-process server on the configured store)`;

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
