import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The compiled tree (the benchmark runs from dist/test/bench). */
export const dist = join(__dirname, '..', '..');

/**
 * Starts a built server script on a free port and resolves once it listens, with this process's
 * Node flags (`npm run bench` passes those of `npm start`, so the server runs as shipped).
 */
export function start(script: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...process.execArgv, script], { env: { ...process.env, PORT: '0', ZICHT_LOG_LEVEL: 'silent', ZICHT_RATE_LIMIT_PER_KEY: '10000000', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
