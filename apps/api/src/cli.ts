/* eslint-disable no-console */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parseAnchors } from '@zicht/event-store';
import { CommandSpec, UsageError, Values, httpUrl, oneOf, parseCommandLine, usage, wholeNumber } from './cli/args';
import { rebuildProjections } from './cli/rebuild-projections';
import { seed } from './cli/seed';
import { verify } from './cli/verify';
import { privacyAudit, retention, rotateMaster } from './cli/privacy';
import { ConfigError, ZichtConfig, loadConfig, usesEmbeddedStore } from './config/config';
import { openProjectorLease } from './read-models/read-models';
import { DataDirectoryInUseError, DataDirectoryLock } from './config/data-dir-lock';
import { unsupportedRuntime } from './config/runtime';
import { runDemo } from './demo/run-demo';

const PROGRAM = 'npm run cli --';

/** An anchors file: read and parsed at once, so that a wrong path or content is a usage error. */
function anchorsFile(path: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return parseAnchors(text);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message.split('\n')[0]}`);
  }
}

const commands = {
  demo: {
    summary: 'walk invented cases through every path of the lifecycle',
    details: ['Against a running server (--url), or an in-process server on the configured store (which it then owns).'],
    options: { url: { value: '<http://host:port>', description: 'a running zicht server', parse: httpUrl } },
  },
  verify: {
    summary: "check every stream's hash chain and the log digest against anchors; exits 1 on any break",
    details: ['Reads only: it may run beside the server.'],
    options: { anchors: { value: '<file>', description: 'anchors (JSON lines) printed by earlier runs', parse: anchorsFile } },
  },
  seed: {
    summary: 'write invented cases into the configured store (through the real decider), then project them',
    details: ['Owns the data directory while it runs: stop the server first.'],
    options: {
      cases: { value: '<n>', description: 'how many cases (1 to 10000000, default 1000)', parse: wholeNumber(1, 10_000_000) },
      seed: { value: '<n>', description: 'the generator seed: the same seed gives the same cases (default random)', parse: wholeNumber(1, 2 ** 31 - 1) },
      'span-days': { value: '<days>', description: 'cases start within this many days before now (1 to 36500, default 540)', parse: wholeNumber(1, 36_500) },
      order: { value: '<order>', description: 'by-case (default: each case appended at once) or as-it-happened (every event on its own, in time order, as a real log)', parse: oneOf(['by-case', 'as-it-happened'] as const) },
    },
  },
  retention: {
    summary: `erase every case closed longer than ZICHT_RETENTION_DAYS ago (default 20 years), or show which (--dry-run)`,
    details: ['Owns the data directory while it runs: stop the server first, or use POST /admin/retention/run.'],
    options: { 'dry-run': { switch: true, description: 'only count and list what would be erased' } },
  },
  'rotate-master-key': {
    summary: 'wrap every data key under a new master key (the file is replaced; from the environment: give ZICHT_NEW_MASTER_KEY)',
    details: ['Owns the data directory while it runs: stop the server first. The events are not touched.'],
    options: {},
  },
  'privacy-audit': {
    summary: 'list the cases whose stored events hold personal text in clear (written before encryption); exits 1 when there are any',
    details: ['Reads only: it may run beside the server.'],
    options: {},
  },
  'rebuild-projections': {
    summary: 'empty the read models and project the whole event log again',
    details: ['Owns the data directory while it runs: stop the server first, or use POST /admin/projections/rebuild.'],
    options: {},
  },
} satisfies Record<string, CommandSpec>;

type Commands = typeof commands;
type Flags<K extends keyof Commands> = Values<Commands[K]['options']>;

/** A projector leads the shared read models: a CLI command that projects would race it. */
class ReadModelsInUseError extends Error {
  constructor() {
    super('the read models in PostgreSQL are written by a running projector (it holds their advisory lock); stop the projectors first');
    this.name = 'ReadModelsInUseError';
  }
}

/**
 * Runs a command that writes while holding what makes it the only writer: the data directory (see
 * DataDirectoryLock) when a store lives there; on PostgreSQL, for a command that projects itself,
 * the projectors' lease (a projector that leads makes it stop with one line instead of racing it).
 */
async function owning(config: ZichtConfig, command: string, work: () => Promise<number>, projects = false): Promise<number> {
  const lock = usesEmbeddedStore(config) ? DataDirectoryLock.acquire(config.dataDir, command) : null;
  const lease = projects && !lock ? openProjectorLease(config) : null;
  try {
    if (lease && !(await lease.tryAcquire())) {
      throw new ReadModelsInUseError();
    }
    return await work();
  } finally {
    await lease?.release();
    lock?.release();
  }
}

async function run(command: keyof Commands, values: Record<string, unknown>, config: ZichtConfig): Promise<number> {
  switch (command) {
    case 'demo': {
      const { url } = values as Flags<'demo'>;
      if (url) {
        await runDemo(config, url);
        return 0;
      }
      return owning(config, command, async () => (await runDemo(config), 0));
    }
    case 'verify':
      return verify(config, (values as Flags<'verify'>).anchors ?? []);
    case 'seed': {
      const flags = values as Flags<'seed'>;
      const chosen = { cases: flags.cases ?? 1000, seed: flags.seed ?? 1 + Math.floor(Math.random() * 2 ** 30), spanDays: flags['span-days'] ?? 540, order: flags.order ?? 'by-case' };
      return owning(config, command, () => seed(config, chosen), true);
    }
    case 'rebuild-projections':
      return owning(config, command, () => rebuildProjections(config), true);
    case 'retention':
      return owning(config, command, () => retention(config, (values as Flags<'retention'>)['dry-run'] === true));
    case 'rotate-master-key':
      return owning(config, command, () => rotateMaster(config));
    case 'privacy-audit':
      return privacyAudit(config);
  }
}

async function main(argv: string[]): Promise<number> {
  const unsupported = unsupportedRuntime();
  if (unsupported) {
    console.error(`zicht: ${unsupported}`);
    return 78;
  }
  const parsed = parseCommandLine(argv, commands, PROGRAM);
  if (parsed.help) {
    process.stdout.write(usage(commands, PROGRAM, parsed.command));
    return 0;
  }
  return run(parsed.command, parsed.values, loadConfig());
}

// Exit codes: 64 a bad command line, 78 a bad configuration, 75 the data directory (or the shared read models) in use, 1 a failure.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    const code = error instanceof UsageError ? 64 : error instanceof ConfigError ? 78 : error instanceof DataDirectoryInUseError || error instanceof ReadModelsInUseError ? 75 : 1;
    console.error(`zicht: ${error.message.split('\n')[0]}`);
    process.exit(code);
  },
);
