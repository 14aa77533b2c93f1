import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bodies } from '../support/test-app';
import { MAIN, call, keyFor, runServer, startServer } from '../support/server-process';

jest.setTimeout(60_000);

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
