import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PostgreSQL server of a test's own (initdb in a temporary directory, fsync off), for the tests
 * that do to a server what may not be done to a shared one: restart it, or serve it on a network
 * link of their own. Needs PostgreSQL's server binaries and, as root, runuser (initdb refuses root).
 */
export interface OwnPostgres {
  url: string;
  /** pg_ctl restart -m fast, without holding the event loop: every session is ended, as by a restart or a failover. */
  restart(): Promise<void>;
  stop(): void;
}

export function pgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find((bin) => existsSync(join(bin, 'initdb')));
}

export function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** What this machine lacks for an own server (empty: nothing). */
export function missingForOwnPostgres(): string[] {
  const absent: string[] = [];
  if (!pgBin()) absent.push('PostgreSQL server binaries (/usr/lib/postgresql/*/bin)');
  if (process.getuid?.() === 0 && !hasCommand('runuser')) absent.push('runuser');
  return absent;
}

export const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });

export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts a server listening on `host` only; `trust`: a further network (CIDR) allowed in. */
export async function startOwnPostgres(host: string, trust?: string): Promise<OwnPostgres> {
  const bin = pgBin()!;
  const dir = mkdtempSync(join(tmpdir(), 'zicht-own-pg-'));
  const asPostgres = (command: string, args: string[]) => (process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args));
  if (process.getuid?.() === 0) run('chown', ['postgres:', dir]);
  const data = join(dir, 'data');
  asPostgres('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  if (trust) appendFileSync(join(data, 'pg_hba.conf'), `host all all ${trust} trust\n`);
  const port = await freePort(host);
  const ctlArgs = ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60'];
  const ctl = (...args: string[]) => asPostgres('pg_ctl', [...ctlArgs, ...args]);
  ctl('-o', `-h ${host} -p ${port} -k ${dir} -c fsync=off -c max_connections=100`, 'start');
  let stopped = false;
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    restart: async () => {
      const pgCtl = join(bin, 'pg_ctl');
      const [command, args] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', pgCtl]] : [pgCtl, []];
      await promisify(execFile)(command, [...args, ...ctlArgs, '-m', 'fast', 'restart']);
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        ctl('-m', 'immediate', 'stop');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
