import { afwegingskaders } from '@zicht/case-domain';
import { InMemoryEventStore, SILENT_PEER_SECONDS } from '@zicht/event-store';
import { AccessLogProjection, CaseProjection, PostgresAdvisoryLease, ProjectionRunner, leaseConnectionConfig } from '@zicht/projections';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { generateCase } from '../../apps/api/src/seed/generate-cases';
import { DIALECTS, readModelDatabases } from './read-model-databases';

jest.setTimeout(60_000);

const versions = Object.fromEntries(afwegingskaders.map((k) => [k.id, k.version]));
const END = new Date('2026-11-01T00:00:00Z');
const url = process.env.ZICHT_TEST_DATABASE_URL;

describe.each(DIALECTS)('a runner that does not apply follows the stored checkpoints (%s)', (dialect) => {
  const databases = readModelDatabases(dialect);
  const runners: ProjectionRunner[] = [];
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    await databases.closeAll();
  });

  it('waits for a position the applying runner reaches, reports its figures, and gives up at the bound', async () => {
    const store = new InMemoryEventStore();
    const db = await databases.open();
    const projections = () => [new CaseProjection(), new AccessLogProjection()];
    // The follower (an API node) starts waiting before any projector has created a table.
    const follower = new ProjectionRunner(store, db, projections(), { followPollMs: 5 });
    runners.push(follower);
    const first = generateCase(0, { seed: 3, versions, end: END });
    const appended = await store.appendToStream(first.streamId, first.events, { expectedRevision: 'no-stream' });
    const waiting = follower.waitFor(appended.position, 20_000);
    expect(await follower.waitFor(appended.position, 30)).toBe(false); // nothing projects yet

    const leader = new ProjectionRunner(store, db, projections(), { batchSize: 7 });
    runners.push(leader);
    await leader.start();
    expect(await waiting).toBe(true);

    for (let i = 1; i < 6; i++) {
      const c = generateCase(i, { seed: 3, versions, end: END });
      await store.appendToStream(c.streamId, c.events, { expectedRevision: 'no-stream' });
    }
    const head = (await store.headPosition())!;
    expect(await follower.waitFor(head, 20_000)).toBe(true);
    while ((await leader.status()).rebuilding) await new Promise((resolve) => setTimeout(resolve, 10));
    const [mine, theirs] = [await follower.status(), await leader.status()];
    expect(mine).toMatchObject({ running: false, source: 'stored', position: head.toString(), behind: '0', rebuilding: false });
    expect(theirs).toMatchObject({ running: true, source: 'applying', position: head.toString() });
    expect(mine.projections.map((p) => p.live?.generation)).toEqual(theirs.projections.map((p) => p.live?.generation));
    expect(await follower.waitFor(head + 1_000n, 50)).toBe(false);
  });
});

if (url) {
  describe('PostgresAdvisoryLease', () => {
    const schema = `zicht_lease_${randomBytes(5).toString('hex')}`;
    const leases: PostgresAdvisoryLease[] = [];
    const lease = () => {
      const l = new PostgresAdvisoryLease(url, { schema });
      leases.push(l);
      return l;
    };
    afterEach(async () => {
      for (const l of leases.splice(0)) await l.release();
    });

    it('has one holder at a time; a release hands it on', async () => {
      const [a, b] = [lease(), lease()];
      expect(await a.tryAcquire()).toBe(true);
      expect(await a.tryAcquire()).toBe(true);
      expect(await b.tryAcquire()).toBe(false);
      const elsewhere = new PostgresAdvisoryLease(url, { schema: `${schema}_other` });
      leases.push(elsewhere);
      expect(await elsewhere.tryAcquire()).toBe(true); // read models in another schema lead apart
      await a.release();
      expect(await b.tryAcquire()).toBe(true);
      expect(await a.tryAcquire()).toBe(false);
    });

    it("asks the server to drop its session within seconds when the holder's machine goes silent", async () => {
      // Over TCP, as between machines (the suite's URL is TCP; on a Unix socket there is no keep-alive).
      // The URL's own options (here a statement timeout) are kept beside them.
      const withOptions = Object.assign(new URL(url), { search: `?options=${encodeURIComponent('-c statement_timeout=4321')}` }).toString();
      const client = new Client(leaseConnectionConfig(withOptions));
      await client.connect();
      try {
        const { rows } = await client.query<Record<string, string>>(
          'SELECT current_setting($1) AS idle, current_setting($2) AS interval, current_setting($3) AS count, current_setting($4) AS unacknowledged, current_setting($5) AS timeout, inet_server_addr() IS NOT NULL AS tcp',
          ['tcp_keepalives_idle', 'tcp_keepalives_interval', 'tcp_keepalives_count', 'tcp_user_timeout', 'statement_timeout'],
        );
        expect(rows[0]).toEqual({ idle: '5', interval: '2', count: '3', unacknowledged: '11000', timeout: '4321ms', tcp: true });
        expect(SILENT_PEER_SECONDS).toBeLessThanOrEqual(15); // not the two hours of the operating system's default
      } finally {
        await client.end();
      }
    });

    it('is lost when its session ends, and then free for the standby', async () => {
      const [a, b] = [lease(), lease()];
      const lost = new Promise<Error>((resolve) => a.onLost(resolve));
      expect(await a.tryAcquire()).toBe(true);
      expect(await b.tryAcquire()).toBe(false);
      // The server ends the holder's session (as when its machine dies and the connection drops).
      const admin = new Client({ connectionString: url });
      await admin.connect();
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'zicht-projector-lease' AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)");
      await admin.end();
      expect(await lost).toBeInstanceOf(Error);
      expect(await b.tryAcquire()).toBe(true);
    });
  });
} else {
  console.warn('PostgresAdvisoryLease: skipped because ZICHT_TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
}
