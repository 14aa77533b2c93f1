import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bodies } from '../support/test-app';
import { CLI, MAIN, call, keyFor, runCli, runServer, startServer } from '../support/server-process';

jest.setTimeout(60_000);

const oneLine = (text: string) => text.trim().split('\n');

describe('operating the built server and CLI as processes', () => {
  let dataDir: string;
  beforeAll(() => {
    for (const file of [MAIN, CLI]) if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first (npm test does)`);
  });
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'zicht-ops-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  describe('one store, one writer', () => {
    it('refuses a second server and the writing CLI commands on a data directory in use, in one line; verify may run beside', async () => {
      const server = await startServer({ ZICHT_DATA_DIR: dataDir });
      try {
        const second = await runServer({ ZICHT_DATA_DIR: dataDir, PORT: '0' });
        expect(second.code).toBe(75);
        expect(oneLine(second.stderr)).toHaveLength(1);
        expect(second.stderr).toContain(`zicht: the data directory ${dataDir} is in use by another zicht process (server, pid ${server.child.pid})`);
        expect(second.stdout).not.toContain('listening');

        for (const args of [['seed', '--cases', '5'], ['rebuild-projections'], ['demo']]) {
          const refused = await runCli(args, { ZICHT_DATA_DIR: dataDir });
          expect({ args, code: refused.code }).toEqual({ args, code: 75 });
          expect(oneLine(refused.stderr)).toEqual([expect.stringContaining(`${dataDir} is in use by another zicht process (server`)]);
        }
        const verify = await runCli(['verify'], { ZICHT_DATA_DIR: dataDir });
        expect(verify.code).toBe(0);
        expect(verify.stdout).toMatch(/^valid: /m);

        const health = await fetch(`${server.url}/health/ready`);
        expect(health.status).toBe(200); // the first server is untouched
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    });

    it('is free the moment its owner is killed with SIGKILL: no stale lock', async () => {
      const server = await startServer({ ZICHT_DATA_DIR: dataDir });
      const key = keyFor(dataDir, 'professional');
      expect((await call(server.url, key, 'POST', '/cases', bodies.openCase())).status).toBe(201);
      server.child.kill('SIGKILL');
      await server.exited;
      const seeded = await runCli(['seed', '--cases', '20', '--seed', '5'], { ZICHT_DATA_DIR: dataDir });
      expect(seeded.stderr).not.toMatch(/^zicht:/m); // no refusal, no error
      expect(seeded.code).toBe(0);
      expect(seeded.stdout).toMatch(/^wrote 20 cases/m);
    });
  });

  it('stops on a keys file in a directory that does not exist, creating nothing', async () => {
    const missing = join(dataDir, 'sercrets');
    const { code, stderr } = await runServer({ ZICHT_DATA_DIR: dataDir, ZICHT_API_KEYS_FILE: join(missing, 'api-keys.json') });
    expect(code).toBe(78);
    expect(oneLine(stderr)).toEqual([expect.stringMatching(/^zicht: invalid configuration: ZICHT_API_KEYS_FILE .*sercrets does not exist/)]);
    expect(existsSync(missing)).toBe(false);
  });

  describe('the CLI', () => {
    it('prints usage on standard output and exits 0 for --help, of every command too', async () => {
      const all = await runCli(['--help'], { ZICHT_DATA_DIR: dataDir });
      expect(all).toMatchObject({ code: 0, stderr: '' });
      for (const command of ['demo', 'verify', 'seed', 'rebuild-projections']) {
        expect(all.stdout).toContain(`  ${command} `);
        const one = await runCli([command, '--help'], { ZICHT_DATA_DIR: dataDir });
        expect(one).toMatchObject({ code: 0, stderr: '' });
        expect(one.stdout).toMatch(new RegExp(`^usage: npm run cli -- ${command}`));
      }
    });

    it.each([
      [['seed', '--case', '10'], 'seed: unknown option --case'],
      [['seed', '--cases', 'ten'], 'seed: --cases must be a whole number'],
      [['verify', '--anchors'], 'verify: --anchors needs a value'],
      [['rebuild-projections', 'now'], 'rebuild-projections: unexpected argument "now"'],
      [['reseed'], 'unknown command "reseed"'],
      [[], 'no command given'],
    ])('refuses %p with one line and exit 64, doing nothing', async (args, message) => {
      const { code, stdout, stderr } = await runCli(args, { ZICHT_DATA_DIR: dataDir });
      expect(code).toBe(64);
      expect(oneLine(stderr)).toEqual([expect.stringContaining(message)]);
      expect(stdout).toBe('');
      expect(existsSync(join(dataDir, 'events.sqlite'))).toBe(false);
    });

    it('shows the progress of seed and rebuild as plain lines when not on a terminal', async () => {
      const seeded = await runCli(['seed', '--cases', '300', '--seed', '9'], { ZICHT_DATA_DIR: dataDir });
      expect(seeded.code).toBe(0);
      expect(seeded.stderr).not.toMatch(/\x1b/);
      expect(seeded.stderr).toMatch(/^seed: 0\/300 cases \(0%\)/m);
      expect(seeded.stderr).toMatch(/^seed: 300\/300 cases \(100%\), \d+ cases\/s, 0s left$/m);
      expect(seeded.stderr).toMatch(/^read models: (\d+)\/\1 events \(100%\)/m);
      const rebuilt = await runCli(['rebuild-projections'], { ZICHT_DATA_DIR: dataDir });
      expect(rebuilt.code).toBe(0);
      expect(rebuilt.stderr).toMatch(/^rebuild: (\d+)\/\1 events \(100%\), \d+ events\/s, 0s left$/m);
      expect(rebuilt.stdout).toMatch(/^rebuilt the read models from \d+ events/m);
    });
  });

  it('exports the spans of a request to OTEL_EXPORTER_OTLP_ENDPOINT, in the trace of its traceparent', async () => {
    const received: { path: string; type: string; body: Buffer }[] = [];
    const collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', type: String(req.headers['content-type']), body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    try {
      const server = await startServer({ ZICHT_DATA_DIR: dataDir, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'zicht-test' });
      const traceId = '0af7651916cd43dd8448eb211c80319c';
      const res = await fetch(`${server.url}/health/live`, { headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` } });
      expect(res.status).toBe(200);
      server.child.kill('SIGTERM'); // the shutdown exports what is still buffered
      expect((await server.exited).code).toBe(0);
      const traces = received.filter((r) => r.path === '/v1/traces');
      expect(traces.length).toBeGreaterThanOrEqual(1);
      expect(traces[0].type).toBe('application/x-protobuf');
      const all = Buffer.concat(traces.map((t) => t.body));
      expect(all.includes(Buffer.from(traceId, 'hex'))).toBe(true);
      expect(all.includes(Buffer.from('GET /health/live'))).toBe(true);
      expect(all.includes(Buffer.from('zicht-test'))).toBe(true);
    } finally {
      collector.close();
    }
  });
});
