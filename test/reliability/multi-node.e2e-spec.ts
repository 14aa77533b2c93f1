import { generateMasterKeyText } from '@zicht/privacy';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { bodies } from '../support/test-app';
import { ANALYTICS_TABLES } from '../../apps/api/src/analytics/analytics-tables';
import { MAIN, ServerProcess, keyFor, runCli, startServer } from '../support/server-process';
import { STANDBY_RETRY_MS } from '../../apps/api/src/read-models/projector-role';

jest.setTimeout(180_000);

/**
 * More than one machine, as processes: two `api` nodes and a `projector` (with a standby) on one
 * PostgreSQL database, each a built server (npm run build). Runs when ZICHT_TEST_DATABASE_URL is set,
 * in a database of its own made next to that one and dropped afterwards.
 */
const baseUrl = process.env.ZICHT_TEST_DATABASE_URL;

interface Answer {
  status: number;
  etag: string | null;
  body: any;
}

async function send(url: string, key: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : null };
}

async function projectorState(server: ServerProcess): Promise<string | undefined> {
  const res = await fetch(`${server.url}/health/ready`);
  const body = (await res.json()) as { info?: { projections?: { projector?: string } }; error?: { projections?: { projector?: string } } };
  return (body.info ?? body.error)?.projections?.projector;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

if (!baseUrl) {
  // jest.config.js leaves this file out without ZICHT_TEST_DATABASE_URL, and says so, except on CI.
  throw new Error('the multi-node suite needs ZICHT_TEST_DATABASE_URL');
} else {
  describe('more than one machine: two api nodes and a projector on one PostgreSQL database (built by npm run build)', () => {
    const database = `${new URL(baseUrl).pathname.slice(1) || 'postgres'}_multinode_${process.pid}`;
    const databaseUrl = Object.assign(new URL(baseUrl), { pathname: `/${database}` }).toString();
    const servers: ServerProcess[] = [];
    let dataDir: string;
    let env: Record<string, string>;
    let key: string;

    const start = async (role: 'api' | 'projector') => {
      const server = await startServer({ ...env, ZICHT_ROLE: role });
      servers.push(server);
      return server;
    };

    const admin = async (sql: string) => {
      const client = new Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };

    beforeAll(async () => {
      if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
      await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin(`CREATE DATABASE "${database}"`);
      // One directory for the files every node mounts (API keys, master key); no store lives there.
      dataDir = mkdtempSync(join(tmpdir(), 'zicht-multi-'));
      env = {
        ZICHT_EVENT_STORE: 'postgres',
        DATABASE_URL: databaseUrl,
        ZICHT_DATA_DIR: dataDir,
        ZICHT_MASTER_KEY: generateMasterKeyText(),
        ZICHT_RATE_LIMIT_PER_KEY: '1000000',
        ZICHT_RETENTION_SWEEP_MS: '0',
      };
    });

    afterAll(async () => {
      for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM');
      await Promise.all(servers.map((s) => s.exited));
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    });

    it('shares every write between the nodes, has one winner per expected revision, survives kill -9 of the leading projector, and verifies', async () => {
      // The first projector creates the keys file and the tables, and leads; the second stands by.
      const leader = await start('projector');
      expect(leader.output()).toMatch(/role: projector; only \/health\/live, \/health\/ready and \/metrics/);
      await until('the first projector leads', async () => (await projectorState(leader)) === 'leading');
      const standby = await start('projector');
      expect(await projectorState(standby)).toBe('standby');
      key = keyFor(dataDir, 'professional');
      const [a, b] = await Promise.all([start('api'), start('api')]);
      expect(await projectorState(a)).toBe('off');
      // A projector serves no case data, only its health and metrics.
      expect((await send(leader.url, key, 'GET', '/cases')).status).toBe(404);
      expect((await fetch(`${leader.url}/metrics`)).status).toBe(200);
      // An api node writes no read model: a rebuild there is refused, and so is the CLI's while a projector leads.
      const rebuild = await send(a.url, keyFor(dataDir, 'admin'), 'POST', '/admin/projections/rebuild');
      expect(rebuild).toMatchObject({ status: 409, body: { rule: 'projections.not-leading' } });
      const cli = await runCli(['rebuild-projections'], env);
      expect(cli.code).toBe(75);
      expect(cli.stderr).toMatch(/written by a running projector/);

      // Commands alternate between the nodes; each answer is visible on the other node at once.
      const opened = await send(a.url, key, 'POST', '/cases', bodies.openCase());
      expect(opened.status).toBe(201);
      const caseId = opened.body.caseId as string;
      const listed = await send(b.url, key, 'GET', '/cases?limit=100');
      expect(listed.body.cases.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
      for (let i = 0; i < 8; i++) {
        const [writer, reader] = i % 2 === 0 ? [b, a] : [a, b];
        const done = await send(writer.url, key, 'POST', `/cases/${caseId}/signals`, bodies.signal());
        expect(done.status).toBe(201);
        const seen = await send(reader.url, key, 'GET', `/cases/${caseId}`);
        expect(seen.etag).toBe(`"${done.body.revision}"`);
        const own = await send(writer.url, key, 'GET', `/cases/${caseId}`);
        expect(own.etag).toBe(`"${done.body.revision}"`);
      }

      // Both nodes append to one case at the same expected revision: exactly one wins each round.
      for (let round = 0; round < 5; round++) {
        const current = (await send(a.url, key, 'GET', `/cases/${caseId}`)).etag as string;
        const answers = await Promise.all([a, b].map((node) => send(node.url, key, 'POST', `/cases/${caseId}/signals`, bodies.signal(), { 'if-match': current })));
        expect(answers.map((x) => x.status).sort()).toEqual([201, 412]);
        const winner = answers.find((x) => x.status === 201)!;
        expect(winner.body.revision).toBe(Number(JSON.parse(current)) + 1);
      }

      // The leading projector dies with kill -9 while both nodes take commands; the standby takes over.
      const acknowledged: string[] = [];
      let killedAt: number | null = null;
      let slowestMs = 0;
      const load = [a, b].map(async (node) => {
        for (let i = 0; i < 15; i++) {
          const sent = Date.now();
          const done = await send(node.url, key, 'POST', `/cases/${caseId}/signals`, bodies.signal());
          slowestMs = Math.max(slowestMs, Date.now() - sent);
          expect(done.status).toBe(201);
          acknowledged.push(done.body.events[0].eventId);
          if (acknowledged.length === 8 && killedAt === null) {
            killedAt = Date.now();
            leader.child.kill('SIGKILL');
          }
        }
      });
      const takeover = until('the standby leads', async () => killedAt !== null && (await projectorState(standby)) === 'leading').then(() => Date.now() - killedAt!);
      await Promise.all(load);
      expect((await leader.exited).signal).toBe('SIGKILL');
      // The standby asks every STANDBY_RETRY_MS (1 s), and the lock is free once the session ended.
      const takeoverMs = await takeover;
      console.log(`multi-node: the standby led ${takeoverMs} ms after the leader was killed; the slowest command meanwhile took ${slowestMs} ms`);
      expect(takeoverMs).toBeLessThan(STANDBY_RETRY_MS + 2_000);
      const another = await start('projector');
      expect(await projectorState(another)).toBe('standby');

      // Nothing acknowledged is lost, and the read models on both nodes caught up with the log.
      const history = await send(b.url, key, 'GET', `/cases/${caseId}/history?limit=1000`);
      const stored = new Set(history.body.events.map((e: { eventId: string }) => e.eventId));
      for (const eventId of acknowledged) expect(stored.has(eventId)).toBe(true);
      const revisions = history.body.events.map((e: { revision: number }) => e.revision);
      expect(revisions).toEqual(revisions.map((_: number, i: number) => i));
      const last = revisions[revisions.length - 1] as number;
      for (const node of [a, b]) expect((await send(node.url, key, 'GET', `/cases/${caseId}`)).etag).toBe(`"${last}"`);
      const ready = await fetch(`${standby.url}/health/ready`);
      expect(ready.status).toBe(200);

      // The hash chain of every stream verifies, read from PostgreSQL by the CLI.
      const verified = await runCli(['verify'], env);
      expect(verified.stderr).toMatch(/^verify: \d+\/\d+ events \(100%\)/m); // progress in events, not packed positions
      expect(verified.stdout).toMatch(/^valid: \d+ streams, \d+ events, 0 broken streams/m);
      expect(verified.code).toBe(0);
    });

    it('2,000 commands over both api nodes, the leading projector killed half way: every acknowledged event once, read models equal to a rebuild from zero', async () => {
      const running = servers.filter((s) => s.child.exitCode === null && s.child.signalCode === null);
      const projectors = await Promise.all(running.map(async (s) => ({ s, state: await projectorState(s) })));
      const leading = projectors.find((p) => p.state === 'leading')!.s;
      const [a, b] = projectors.filter((p) => p.state === 'off').map((p) => p.s);
      expect(projectors.filter((p) => p.state === 'standby')).toHaveLength(1); // two projectors: one leads, one stands by

      const cases: string[] = [];
      for (let i = 0; i < 40; i++) cases.push((await send(i % 2 ? a.url : b.url, key, 'POST', '/cases', bodies.openCase())).body.caseId as string);
      const acknowledged: string[] = [];
      let killed = false;
      let next = 0;
      // Eight writers per node, each taking the next command of 2,000 spread over the 40 cases.
      const writer = async (node: ServerProcess) => {
        for (let n = next++; n < 2000; n = next++) {
          const done = await send(node.url, key, 'POST', `/cases/${cases[n % cases.length]}/signals`, bodies.signal());
          expect(done.status).toBe(201);
          acknowledged.push(done.body.events[0].eventId);
          if (acknowledged.length === 1000 && !killed) {
            killed = true;
            leading.child.kill('SIGKILL');
          }
        }
      };
      await Promise.all([a, b].flatMap((node) => Array.from({ length: 8 }, () => writer(node))));
      expect(acknowledged).toHaveLength(2000);
      expect((await leading.exited).signal).toBe('SIGKILL');
      const survivor = projectors.find((p) => p.state === 'standby')!.s;
      await until('the standby leads', async () => (await projectorState(survivor)) === 'leading');

      // Every acknowledged event is in the log exactly once.
      const logged: string[] = [];
      const lastRevisions: string[] = [];
      for (const caseId of cases) {
        const history = await send(a.url, key, 'GET', `/cases/${caseId}/history?limit=1000`); // from the event store itself
        logged.push(...history.body.events.map((e: { eventId: string }) => e.eventId));
        lastRevisions.push(`"${history.body.events.length - 1}"`);
      }
      expect(new Set(logged).size).toBe(logged.length);
      const inLog = new Set(logged);
      expect(acknowledged.filter((id) => !inLog.has(id))).toEqual([]);
      expect(logged).toHaveLength(2000 + cases.length);

      // A node that builds its read models from zero, in a database of its own, answers exactly as the shared ones.
      const fresh = `${database}_fresh`;
      await admin(`DROP DATABASE IF EXISTS "${fresh}" WITH (FORCE)`);
      await admin(`CREATE DATABASE "${fresh}"`);
      try {
        const rebuilt = await startServer({ ...env, ZICHT_ROLE: 'all', ZICHT_READ_MODEL_URL: Object.assign(new URL(baseUrl), { pathname: `/${fresh}` }).toString(), ZICHT_ANCHOR_INTERVAL_MS: '0' });
        servers.push(rebuilt);
        const revisions = async (node: ServerProcess) => Promise.all(cases.map(async (caseId) => (await send(node.url, key, 'GET', `/cases/${caseId}`)).etag));
        // A command answers after at most 5 s of waiting for the read models, so the shared ones may still be catching up after the takeover.
        await until('the shared read models caught up', async () => JSON.stringify(await revisions(a)) === JSON.stringify(lastRevisions), 60_000);
        await until('the fresh read models caught up', async () => JSON.stringify(await revisions(rebuilt)) === JSON.stringify(lastRevisions), 60_000);
        // The access log up to this moment (the reads below are logged too, after it).
        const before = new Date().toISOString();
        const inspector = keyFor(dataDir, 'inspector');
        const accessLog = async (node: ServerProcess) => {
          const entries: unknown[] = [];
          for (let after: string | null = ''; after !== null; ) {
            const page = await send(node.url, inspector, 'GET', `/access-log?to=${before}&limit=1000${after ? `&after=${after}` : ''}`);
            expect(page.status).toBe(200);
            entries.push(...page.body.entries);
            after = page.body.next;
          }
          return JSON.stringify(entries);
        };
        const analyst = keyFor(dataDir, 'analyst');
        const answers = async (node: ServerProcess) => {
          const out: unknown[] = [];
          for (const caseId of cases) {
            for (const part of ['', '/accountability', '/compliance']) out.push((await send(node.url, key, 'GET', `/cases/${caseId}${part}`)).body);
          }
          out.push((await send(node.url, key, 'GET', '/cases?limit=200')).body);
          out.push((await send(node.url, key, 'GET', '/worklist?days=90')).body.items);
          const tables = (await send(node.url, analyst, 'GET', '/analytics')).body.tables as Array<{ path: string }>;
          for (const { path } of tables) out.push((await send(node.url, analyst, 'GET', `${path}?by=region`)).body);
          return JSON.parse(JSON.stringify(out, (k, v) => (k === 'asOf' ? undefined : v))) as unknown[];
        };
        const shared = await answers(a);
        expect(shared.slice(0, cases.length * 3).filter((x, i) => i % 3 === 0).map((x) => (x as { caseId: string }).caseId)).toEqual(cases); // real answers, not 404s
        expect((shared[cases.length * 3] as { cases: unknown[] }).cases.length).toBeGreaterThanOrEqual(cases.length);
        expect(shared.filter((x) => typeof x === 'object' && x !== null && 'table' in x)).toHaveLength(Object.keys(ANALYTICS_TABLES).length); // every analyst table
        expect(await answers(rebuilt)).toEqual(shared);
        // Every read and refusal the shared access log holds, and no other, in the rebuilt one (once both include the last entries before `before`).
        const sharedLog = await accessLog(a);
        expect(JSON.parse(sharedLog).length).toBeGreaterThan(cases.length * 2); // the reads of both tests, not an empty page
        await until('the rebuilt access log equals the shared one', async () => (await accessLog(rebuilt)) === (await accessLog(a)), 30_000);
        rebuilt.child.kill('SIGTERM');
        await rebuilt.exited;
      } finally {
        await admin(`DROP DATABASE IF EXISTS "${fresh}" WITH (FORCE)`);
      }
    });
  });
}
