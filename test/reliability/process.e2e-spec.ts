import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afwegingskaders } from '@zicht/case-domain';
import { SqliteEventStore } from '@zicht/event-store';
import { generateCase } from '../../apps/api/src/seed/generate-cases';
import { bodies } from '../support/test-app';
import { MAIN, call, keyFor, runServer, startServer } from '../support/server-process';

jest.setTimeout(60_000);

type ProjectionsHealth = { position?: string; behind?: string; projections?: Array<{ building: { events: number; byStream: boolean } | null }> };
type HealthBody = { info?: { projections?: ProjectionsHealth }; error?: { projections?: ProjectionsHealth } };

describe('the server as a process (built by npm run build)', () => {
  let dataDir: string;
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  });
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'zicht-proc-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints where it listens and where the keys are, and creates the keys file', async () => {
    const server = await startServer({ ZICHT_DATA_DIR: dataDir });
    expect(server.output()).toContain(`API keys: ${join(dataDir, 'api-keys.json')}`);
    expect(server.output()).not.toMatch(/zk_[A-Za-z0-9_-]{20,}/); // never the keys themselves
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });

  it('loses no acknowledged command when killed with SIGKILL under load', async () => {
    let server = await startServer({ ZICHT_DATA_DIR: dataDir });
    const key = keyFor(dataDir, 'professional');
    const opened = await call(server.url, key, 'POST', '/cases', bodies.openCase());
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;

    const acknowledged: string[] = [];
    const inFlight = Array.from({ length: 200 }, (_, i) =>
      call(server.url, key, 'POST', `/cases/${caseId}/signals`, bodies.signal({ description: `Signaal ${i}` })).then(
        (res) => {
          if (res.status === 201) acknowledged.push(res.body.events[0].eventId);
          if (acknowledged.length === 30) server.child.kill('SIGKILL');
        },
        () => undefined, // the connection died with the process: not acknowledged
      ),
    );
    await Promise.all(inFlight);
    await server.exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(30);

    server = await startServer({ ZICHT_DATA_DIR: dataDir });
    const history = await call(server.url, key, 'GET', `/cases/${caseId}/history?limit=1000`);
    const stored = new Set(history.body.events.map((e: { eventId: string }) => e.eventId));
    for (const eventId of acknowledged) expect(stored.has(eventId)).toBe(true);
    const revisions = history.body.events.map((e: { revision: number }) => e.revision);
    expect(revisions).toEqual(revisions.map((_: number, i: number) => i));
    for (let i = 1; i < history.body.events.length; i++) expect(history.body.events[i].prevHash).toBe(history.body.events[i - 1].hash);
    server.child.kill('SIGTERM');
    await server.exited;
  });

  it('finishes in-flight commands on SIGTERM before it stops', async () => {
    const server = await startServer({ ZICHT_DATA_DIR: dataDir });
    const key = keyFor(dataDir, 'professional');
    const opened = await call(server.url, key, 'POST', '/cases', bodies.openCase());
    const caseId = opened.body.caseId as string;
    const requests = Array.from({ length: 50 }, () => call(server.url, key, 'POST', `/cases/${caseId}/signals`, bodies.signal()).catch(() => ({ status: 0, body: null })));
    await new Promise((r) => setTimeout(r, 5));
    server.child.kill('SIGTERM');
    const answers = await Promise.all(requests);
    expect((await server.exited).code).toBe(0);
    const acknowledged = answers.filter((a) => a.status === 201).length;
    // Every request was either answered 201 or refused before it started (503 / connection refused); none half-done.
    expect(answers.every((a) => [201, 503, 0].includes(a.status))).toBe(true);

    const again = await startServer({ ZICHT_DATA_DIR: dataDir });
    const history = await call(again.url, key, 'GET', `/cases/${caseId}/history?limit=1000`);
    expect(history.body.events.length).toBe(1 + acknowledged);
    again.child.kill('SIGTERM');
    await again.exited;
  });

  it('leaves every count exact when killed while projecting, once started again', async () => {
    // A backlog written straight into the store, so the server starts far behind.
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
    const versions = Object.fromEntries(afwegingskaders.map((k) => [k.id, k.version]));
    const expected = new Map<string, number>();
    // ~160,000 events: several batches of a first build (50,000 events each here), seconds of projecting.
    // Appends in one turn share a commit.
    for (let chunk = 0; chunk < 15_000; chunk += 500) {
      const cases = Array.from({ length: 500 }, (_, i) => generateCase(chunk + i, { seed: 21, versions }));
      await Promise.all(cases.map((c) => store.appendToStream(c.streamId, c.events, { expectedRevision: 'no-stream' })));
      for (const c of cases) expected.set(c.caseId, c.events.length - 1);
    }
    await store.close();

    let server = await startServer({ ZICHT_DATA_DIR: dataDir, ZICHT_FIRST_BUILD_BATCH: '50000' });
    let atKill: { behind: string; sweeping: boolean } = { behind: '0', sweeping: false };
    for (let i = 0; i < 200; i++) {
      const health = (await (await fetch(`${server.url}/health`)).json()) as HealthBody;
      const projections = health.info?.projections ?? health.error?.projections;
      const building = (projections?.projections ?? []).map((p) => p.building).filter((b) => b !== null);
      if (projections && building.some((b) => b.events > 0) && projections.behind !== '0') {
        atKill = { behind: projections.behind ?? '0', sweeping: building.every((b) => b.byStream) };
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    server.child.kill('SIGKILL');
    await server.exited;
    // It really was in the middle of projecting: batches committed, reading the log stream by stream.
    expect(BigInt(atKill.behind)).toBeGreaterThan(0n);
    expect(atKill.sweeping).toBe(true);

    server = await startServer({ ZICHT_DATA_DIR: dataDir });
    for (;;) {
      const health = (await (await fetch(`${server.url}/health`)).json()) as HealthBody;
      if (health.info?.projections?.behind === '0') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    server.child.kill('SIGTERM');
    await server.exited;

    const db = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT case_id, revision FROM case_read_model').all() as { case_id: string; revision: number }[];
    const access = db.prepare('SELECT COUNT(DISTINCT case_id) AS n FROM case_access').get() as { n: number };
    db.close();
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) expect(row.revision).toBe(expected.get(row.case_id));
    expect(access.n).toBe(expected.size);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ ZICHT_EVENT_STORE: 'eventstoredb' }, 'EVENTSTORE_CONNECTION_STRING'],
  ])('stops at start with one clear line on a bad configuration %p', async (env, variable) => {
    const { code, stderr } = await runServer({ ZICHT_DATA_DIR: dataDir, ...env });
    expect(code).toBe(78);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(variable);
  });
});
