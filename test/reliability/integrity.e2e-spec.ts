import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bodies } from '../support/test-app';
import { MAIN, call, keyFor, startServer } from '../support/server-process';

jest.setTimeout(60_000);

const CLI = join(MAIN, '..', 'cli.js');

function cli(dataDir: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ZICHT_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Opens cases over HTTP with a running server, then stops it. */
async function recordCases(dataDir: string, count: number): Promise<string[]> {
  const server = await startServer({ ZICHT_DATA_DIR: dataDir });
  const key = keyFor(dataDir, 'professional');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const opened = await call(server.url, key, 'POST', '/cases', bodies.openCase());
    ids.push(opened.body.caseId);
    for (let s = 0; s < 2; s++) expect((await call(server.url, key, 'POST', `/cases/${opened.body.caseId}/signals`, bodies.signal())).status).toBe(201);
  }
  server.child.kill('SIGTERM');
  expect((await server.exited).code).toBe(0);
  return ids;
}

function edit(dataDir: string, statement: string, ...params: unknown[]): number {
  const db = new Database(join(dataDir, 'events.sqlite'));
  const changes = db.prepare(statement).run(...params).changes;
  db.close();
  return changes;
}

describe('integrity of the stored record (server stopped, SQLite file changed)', () => {
  let dataDir: string;
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
  });
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'zicht-integrity-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('one character changed in one stored event: verify (command line and HTTP) names that revision', async () => {
    const [caseId] = await recordCases(dataDir, 1);
    const clean = await cli(dataDir, 'verify');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^valid: \d+ streams/m);

    // One character of the signal at revision 2, changed behind the server's back.
    expect(edit(dataDir, `UPDATE events SET data = replace(data, 'Blauwe', 'blauwe') WHERE stream_id = ? AND stream_position = 2`, `case-${caseId}`)).toBe(1);
    const broken = await cli(dataDir, 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN case-${caseId} at revision 2: its hash does not match its content`);
    expect(broken.stdout).toMatch(/^INVALID: /m);

    const server = await startServer({ ZICHT_DATA_DIR: dataDir });
    try {
      const answer = await call(server.url, keyFor(dataDir, 'inspector'), 'GET', `/cases/${caseId}/verify`);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ valid: false, firstInvalidRevision: 2, reason: expect.stringContaining('changed after it was recorded') });
      // Time travel answers with what verify says, never with a state built on the changed record.
      const inspector = keyFor(dataDir, 'inspector');
      const past = await call(server.url, inspector, 'GET', `/cases/${caseId}/state?revision=2`);
      expect(past.status).toBe(409);
      expect(past.body).toMatchObject({ rule: 'integrity.record-broken', firstInvalidRevision: 2 });
      expect((await call(server.url, inspector, 'GET', `/cases/${caseId}/state?asOf=${new Date().toISOString()}`)).status).toBe(409);
      expect((await call(server.url, inspector, 'GET', `/cases/${caseId}/state?revision=1`)).status).toBe(200); // before the change, the record holds
      const file = await call(server.url, inspector, 'GET', `/cases/${caseId}/export`);
      expect(file.status).toBe(200);
      expect(file.body.verification).toMatchObject({ valid: false, firstInvalidRevision: 2 });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('a whole case deleted at once passes every chain, but not the anchor kept from before', async () => {
    const [, second] = await recordCases(dataDir, 2);
    const before = await cli(dataDir, 'verify');
    expect(before.code).toBe(0);
    const anchor = /head anchor .*: (\{.*\})$/m.exec(before.stdout)![1];
    const anchorsFile = join(dataDir, 'anchors.jsonl');
    writeFileSync(anchorsFile, `${anchor}\n`);
    expect((await cli(dataDir, 'verify', '--anchors', anchorsFile)).stdout).toContain('anchor ok');

    expect(edit(dataDir, 'DELETE FROM events WHERE stream_id = ?', `case-${second}`)).toBe(3);
    edit(dataDir, 'DELETE FROM streams WHERE stream_id = ?', `case-${second}`);
    expect((await cli(dataDir, 'verify')).code).toBe(0); // the chains alone cannot tell
    const checked = await cli(dataDir, 'verify', '--anchors', anchorsFile);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('ANCHOR BROKEN');
  });
});
