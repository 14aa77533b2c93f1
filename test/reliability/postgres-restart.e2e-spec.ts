import { generateMasterKeyText } from '@zicht/privacy';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bodies } from '../support/test-app';
import { MAIN, ServerProcess, call, keyFor, startServer } from '../support/server-process';
import { OwnPostgres, missingForOwnPostgres, startOwnPostgres } from '../support/own-postgres';

jest.setTimeout(120_000);

/**
 * PostgreSQL restarts (or fails over) under load: every session of every process is ended at once.
 * An api node and a projector on a server of this test's own take signals from two clients while the
 * server restarts. Both processes must live on, every acknowledged event be in the log once, and the
 * read models catch up. (pg raises the error of an ended idle session on its pool; with nobody
 * listening it ended the process.)
 */
const absent = missingForOwnPostgres();
if (absent.length > 0) {
  console.warn(`PostgreSQL restart: skipped, this machine lacks ${absent.join(', ')}.`);
} else {
  describe('PostgreSQL restarts under load', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zicht-pg-restart-'));
    const servers: ServerProcess[] = [];
    let postgres: OwnPostgres | undefined;

    afterAll(async () => {
      for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
      await Promise.all(servers.map((s) => s.exited));
      postgres?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('every process lives on, nothing acknowledged is lost, and the read models catch up', async () => {
      if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
      postgres = await startOwnPostgres('127.0.0.1');
      const env = {
        ZICHT_EVENT_STORE: 'postgres',
        DATABASE_URL: postgres.url,
        ZICHT_DATA_DIR: dataDir,
        ZICHT_MASTER_KEY: generateMasterKeyText(),
        ZICHT_RATE_LIMIT_PER_KEY: '1000000',
        ZICHT_RETENTION_SWEEP_MS: '0',
      };
      const projector = await startServer({ ...env, ZICHT_ROLE: 'projector' });
      servers.push(projector);
      const api = await startServer({ ...env, ZICHT_ROLE: 'api' });
      servers.push(api);
      const key = keyFor(dataDir, 'professional');
      const cases: string[] = [];
      for (let i = 0; i < 4; i++) cases.push((await call(api.url, key, 'POST', '/cases', bodies.openCase())).body.caseId as string);

      // Two clients send signals; half way through the server restarts (fast: every session ended).
      const acknowledged = new Map<string, string[]>(cases.map((c) => [c, []]));
      const refused: number[] = [];
      let sent = 0;
      let restarted: Promise<void> | null = null;
      const client = async (offset: number) => {
        for (let i = 0; i < 40; i++) {
          const caseId = cases[(i + offset) % cases.length];
          const answer = await call(api.url, key, 'POST', `/cases/${caseId}/signals`, bodies.signal()).catch(() => ({ status: 0, body: null }));
          if (answer.status === 201) acknowledged.get(caseId)!.push(answer.body.events[0].eventId as string);
          else refused.push(answer.status);
          if (++sent === 30 && !restarted) restarted = postgres!.restart();
        }
      };
      await Promise.all([client(0), client(1)]);
      expect(restarted).not.toBeNull();
      await restarted;
      for (const s of servers) expect({ exitCode: s.child.exitCode, signal: s.child.signalCode }).toEqual({ exitCode: null, signal: null });
      // What was refused during the restart was refused plainly (503, safe to retry), never acknowledged.
      for (const status of refused) expect(status).toBe(503);

      // After it: a command is acknowledged, and the read models catch up with the whole log.
      const after = await call(api.url, key, 'POST', `/cases/${cases[0]}/signals`, bodies.signal());
      expect(after.status).toBe(201);
      acknowledged.get(cases[0])!.push(after.body.events[0].eventId as string);
      for (const caseId of cases) {
        const history = await call(api.url, key, 'GET', `/cases/${caseId}/history?limit=1000`);
        const ids = history.body.events.map((e: { eventId: string }) => e.eventId) as string[];
        expect(new Set(ids).size).toBe(ids.length);
        for (const eventId of acknowledged.get(caseId)!) expect(ids).toContain(eventId);
        const last = history.body.events[history.body.events.length - 1].revision as number;
        const deadline = Date.now() + 20_000;
        let etag: string | null = null;
        while (Date.now() < deadline && etag !== `"${last}"`) {
          etag = (await fetch(`${api.url}/cases/${caseId}`, { headers: { authorization: `Bearer ${key}` } })).headers.get('etag');
          if (etag !== `"${last}"`) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(etag).toBe(`"${last}"`);
      }
      console.log(`PostgreSQL restart: ${[...acknowledged.values()].flat().length} signals acknowledged, ${refused.length} refused with 503 during the restart; both processes lived on`);
    });
  });
}
