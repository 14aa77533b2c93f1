import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@zicht/event-store';
import { seedStore } from '../../apps/api/src/seed/seed-store';
import { MAIN, ServerProcess, call, keyFor, startServer } from '../support/server-process';

jest.setTimeout(120_000);

interface Lane {
  name: string;
  live: { generation: number } | null;
  building: { generation: number; events: number } | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function lanes(server: ServerProcess, admin: string): Promise<Lane[]> {
  return (await call(server.url, admin, 'GET', '/admin/projections')).body.projections as Lane[];
}

/** Polls until `test` holds for the projections' status, or fails after `ms`. */
async function until(server: ServerProcess, admin: string, test: (l: Lane[]) => boolean, ms: number): Promise<Lane[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const now = await lanes(server, admin);
    if (test(now)) return now;
    if (Date.now() > deadline) throw new Error(`the projections did not get there: ${JSON.stringify(now)}`);
    await sleep(25);
  }
}

describe('a shadow rebuild killed with SIGKILL (the built server as a process)', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  });
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'zicht-rebuild-'));
  });
  afterEach(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves the old tables answering, and the rebuild resumes by itself after a restart', async () => {
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
    const seeded = await seedStore(store, { cases: 3000, seed: 7, end: new Date('2026-11-01T00:00:00Z') });
    await store.close();

    server = await startServer({ ZICHT_DATA_DIR: dataDir });
    const admin = keyFor(dataDir, 'admin');
    const inspector = keyFor(dataDir, 'inspector');
    const before = await until(server, admin, (l) => l.every((p) => p.live !== null && p.building === null), 60_000);
    const cases = (await call(server.url, inspector, 'GET', '/cases?limit=20')).body.cases as Array<{ caseId: string; revision: number }>;
    expect(cases.length).toBe(20);

    // Rebuild every projection in the shadow and kill the server once the new generations hold events.
    void call(server.url, admin, 'POST', '/admin/projections/rebuild').catch(() => undefined);
    const building = await until(server, admin, (l) => l.some((p) => (p.building?.events ?? 0) > 0), 30_000);
    expect(building.some((p) => p.building!.events < seeded.events)).toBe(true); // killed half-way, not after
    server.child.kill('SIGKILL');
    await server.exited;

    server = await startServer({ ZICHT_DATA_DIR: dataDir });
    // At once, before the rebuild is done: every case answers from the old generation (its summary), at its revision.
    for (const c of cases) {
      const state = await call(server.url, inspector, 'GET', `/cases/${c.caseId}`);
      expect(state.status).toBe(200);
      expect(state.body.revision).toBe(c.revision);
    }
    const after = await until(server, admin, (l) => l.every((p) => p.live !== null && p.building === null), 60_000);
    for (const lane of after) {
      const old = before.find((b) => b.name === lane.name)!;
      expect(lane.live!.generation).toBeGreaterThan(old.live!.generation);
    }
    const listed = (await call(server.url, inspector, 'GET', '/cases?limit=20')).body.cases as Array<{ caseId: string; revision: number }>;
    expect(listed.map((c) => [c.caseId, c.revision])).toEqual(cases.map((c) => [c.caseId, c.revision]));
  });
});
