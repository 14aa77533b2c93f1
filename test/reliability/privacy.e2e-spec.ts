import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIN, ServerProcess, call, keyFor, startServer } from '../support/server-process';

jest.setTimeout(120_000);

const CLI = join(MAIN, '..', 'cli.js');

/** Distinctive invented strings, one per personal field, so that any copy of them anywhere is found. */
function secretsOf(tag: string) {
  const s = (field: string) => `ZGHEIM-${tag}-${field}-7q`;
  return {
    childRef: s('kind'),
    description: s('signaal'),
    summary: s('overleg'),
    viewsSummary: s('stem'),
    rationale: s('afweging'),
    aim: s('doel'),
    discussedWith: s('besproken'),
    professional: s('medewerker'),
    notes: s('notitie'),
    reason: s('reden'),
    vtRationale: s('veiligthuis'),
  };
}

type Secrets = ReturnType<typeof secretsOf>;

/** Records a whole case with a secret in every personal field; returns its id. */
async function recordCase(server: ServerProcess, key: string, veiligThuis: string, secrets: Secrets): Promise<string> {
  const post = async (path: string, body: unknown) => {
    const res = await call(server.url, key, 'POST', path, body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const { caseId } = await post('/cases', { subject: { childRef: secrets.childRef, birthYear: 2016 }, region: 'VR13' });
  const c = `/cases/${caseId}`;
  await post(`${c}/signals`, { category: 'neglect', source: 'own-observation', description: secrets.description, observedAt: '2026-10-01' });
  await post(`${c}/consultations`, { with: 'colleague', summary: secrets.summary });
  const heard = await post(`${c}/child-conversations`, { outcome: 'heard', moment: 'hulpverlening', heardAlone: true, viewsSummary: secrets.viewsSummary });
  await post(`${c}/weighings`, {
    afwegingskader: { id: 'onderwijs', version: '2018' },
    answers: { suspicion: true, acuteUnsafety: false, structuralUnsafety: false, canOfferEffectiveHelp: true, helpAccepted: true },
    rationale: secrets.rationale,
  });
  const today = new Date().toISOString().slice(0, 10);
  await post(`${c}/hulp`, {
    mode: 'inzetten',
    decidedBy: 'melder',
    responsible: { organisation: 'jeugdteam-noord', professional: secrets.professional },
    plan: { aims: [secrets.aim], childConversationEventId: heard.events[0].eventId, discussedWith: [secrets.discussedWith] },
    components: [{ kind: 'gezinsbegeleiding', provider: 'jeugdteam-noord', startsOn: today, deadline: today, intendedDurationWeeks: 1 }],
    evaluation: { method: 'huisbezoek', intervalDays: 14, firstCheckDue: today },
  });
  await post(`${c}/monitor-checks`, { safety: 'safe', helpEffective: true, notes: secrets.notes });
  await post(`${c}/responsibility`, { scope: 'monitoring', to: { organisation: 'wijkteam', professional: secrets.professional }, reason: secrets.reason });
  // A melding, so that Veilig Thuis VR13 reads the case too, and its decision with a text of its own.
  await post(`${c}/meldingen`, {});
  await call(server.url, veiligThuis, 'POST', `${c}/safety-assessments`, { urgency: 'niet-acuut', safety: 'onveilig', decision: 'onderzoek', rationale: secrets.vtRationale }).then((res) => {
    if (res.status !== 201) throw new Error(`safety-assessments: ${res.status} ${JSON.stringify(res.body)}`);
  });
  return caseId;
}

/** Every file below a directory, with its bytes. */
function filesOf(dir: string): Array<{ file: string; bytes: Buffer }> {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    return statSync(file).isDirectory() ? filesOf(file) : [{ file, bytes: readFileSync(file) }];
  });
}

function cli(dataDir: string, ...args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ZICHT_DATA_DIR: dataDir, ZICHT_RETENTION_DAYS: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

describe('privacy by construction (the server as a process, its files searched byte by byte)', () => {
  let dataDir: string;
  const a = secretsOf('A');
  const b = secretsOf('B');
  const all = (s: Secrets) => Object.values(s);

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'zicht-privacy-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every personal field out of every file of the data directory and out of the logs, erases one case by destroying its key, and keeps integrity', async () => {
    const env = { ZICHT_DATA_DIR: dataDir, ZICHT_LOG_LEVEL: 'info' };
    let server = await startServer(env);
    const school = keyFor(dataDir, 'professional');
    const inspector = keyFor(dataDir, 'inspector');
    const admin = keyFor(dataDir, 'admin');
    const veiligThuis = keyFor(dataDir, 'veilig-thuis');
    let caseA: string;
    let caseB: string;
    let output = '';
    try {
      caseA = await recordCase(server, school, veiligThuis, a);
      caseB = await recordCase(server, school, veiligThuis, b);
      // The answers show the texts to those who may read them.
      const history = await call(server.url, inspector, 'GET', `/cases/${caseA}/history`);
      for (const secret of all(a)) expect(JSON.stringify(history.body)).toContain(secret);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      output += server.output();
    }

    const leaks = (secrets: string[]) =>
      filesOf(dataDir).flatMap(({ file, bytes }) => secrets.filter((secret) => bytes.includes(Buffer.from(secret, 'utf8'))).map((secret) => `${file}: ${secret}`));
    expect(leaks([...all(a), ...all(b)])).toEqual([]);
    for (const secret of [...all(a), ...all(b)]) expect(output).not.toContain(secret);

    server = await startServer(env);
    try {
      const { anchor } = (await call(server.url, admin, 'POST', '/admin/anchors')).body;
      writeFileSync(join(dataDir, 'anchors.jsonl'), `${JSON.stringify({ position: anchor.position, events: anchor.events, digest: anchor.digest })}\n`);

      const erased = await call(server.url, admin, 'POST', `/admin/cases/${caseA}/erasure`, { reason: 'data-subject-request' });
      expect(erased).toMatchObject({ status: 200, body: { caseId: caseA, erasedAt: expect.any(String) } });
      const again = await call(server.url, admin, 'POST', `/admin/cases/${caseA}/erasure`, { reason: 'data-subject-request' });
      expect(again.body.erasedAt).toBe(erased.body.erasedAt);

      const moment = new Date().toISOString();
      const answers = async (caseId: string) => {
        const paths = ['', '/accountability', '/compliance', '/history', '/export', '/verify', `/state?asOf=${moment}`];
        const seen: Record<string, unknown> = {};
        for (const path of paths) seen[`inspector ${path}`] = (await call(server.url, inspector, 'GET', `/cases/${caseId}${path}`)).body;
        for (const path of ['', '/accountability', '/compliance', '/history']) seen[`school ${path}`] = (await call(server.url, school, 'GET', `/cases/${caseId}${path}`)).body;
        for (const path of ['', '/accountability', '/compliance', '/feedback', '/radar']) seen[`veilig thuis ${path}`] = (await call(server.url, veiligThuis, 'GET', `/cases/${caseId}${path}`)).body;
        seen['veilig thuis list'] = (await call(server.url, veiligThuis, 'GET', '/cases')).body.cases.filter((c: { caseId: string }) => c.caseId === caseId);
        seen['school list'] = (await call(server.url, school, 'GET', '/cases')).body.cases.filter((c: { caseId: string }) => c.caseId === caseId);
        seen['inspector list'] = (await call(server.url, inspector, 'GET', '/cases')).body.cases.filter((c: { caseId: string }) => c.caseId === caseId);
        return seen;
      };
      const afterErasure = await answers(caseA);
      for (const [where, body] of Object.entries(afterErasure)) {
        for (const secret of all(a)) expect({ where, leaked: JSON.stringify(body).includes(secret) }).toEqual({ where, leaked: false });
      }
      expect(afterErasure['inspector ']).toMatchObject({ erased: true, subject: { childRef: null } });
      expect(afterErasure['inspector /history']).toMatchObject({ erased: true });
      expect(afterErasure['veilig thuis ']).toMatchObject({ caseId: caseA, erased: true, subject: { childRef: null } }); // read, not refused
      expect(afterErasure['inspector /verify']).toMatchObject({ valid: true });
      const untouched = await answers(caseB);
      for (const secret of [b.childRef, b.aim, b.description]) expect(JSON.stringify(untouched)).toContain(secret);
      expect(untouched['inspector ']).not.toHaveProperty('erased');
      expect(untouched['veilig thuis ']).toMatchObject({ caseId: caseB, subject: { childRef: b.childRef } });
      expect(untouched['veilig thuis list']).toHaveLength(1);

      const rebuilt = await call(server.url, admin, 'POST', '/admin/projections/rebuild');
      expect(rebuilt.status).toBe(200);
      const strip = (seen: Record<string, unknown>) => JSON.parse(JSON.stringify(seen, (k, v) => (k === 'exportedAt' || k === 'asOf' ? undefined : v)));
      expect(strip(await answers(caseA))).toEqual(strip(afterErasure));
      expect(strip(await answers(caseB))).toEqual(strip(untouched));
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    const verified = await cli(dataDir, 'verify', '--anchors', join(dataDir, 'anchors.jsonl'));
    expect({ code: verified.code, stdout: verified.stdout }).toEqual({ code: 0, stdout: expect.stringContaining('anchor ok') });
    expect(leaks(all(a))).toEqual([]);
  });

  it('refuses to erase a case written before encryption (its text stays in clear), and the audit and the retention command name it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zicht-legacy-'));
    try {
      // A case as a version before encryption stored it: its child reference in clear.
      const { SqliteEventStore } = await import('@zicht/event-store');
      const { caseStreamId, EVENT_SCHEMA_VERSION } = await import('@zicht/case-domain');
      const { randomUUID } = await import('node:crypto');
      const legacy = randomUUID();
      const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
      const meta = { eventId: randomUUID(), actor: { id: 'leerkracht-1', role: 'professional', organisation: 'obs-de-linde' }, occurredAt: '2026-01-05T09:00:00.000Z', correlationId: 'c', causationId: 'c', schemaVersion: EVENT_SCHEMA_VERSION };
      await store.appendToStream(caseStreamId(legacy), [
        { type: 'case-opened', data: { caseId: legacy, subject: { childRef: 'OUD-KIND-IN-KLARE-TEKST' }, region: 'VR13', origin: 'signal', openedBy: { organisation: 'obs-de-linde' }, responsibilityChanges: [{ scope: 'zicht-op-veiligheid', to: { organisation: 'obs-de-linde' } }] }, metadata: meta },
        { type: 'case-closed', data: { reason: 'no-suspicion', summary: 'Oud (verzonnen)' }, metadata: { ...meta, eventId: randomUUID() } },
      ], { expectedRevision: 'no-stream' });
      await store.close();

      const audit = await cli(dir, 'privacy-audit');
      expect(audit.code).toBe(1);
      expect(audit.stdout).toContain(`clear ${legacy}: 2 events`);
      const dry = await cli(dir, 'retention', '--dry-run');
      expect(dry.stdout).toMatch(/would erase 0 cases closed more than 0 days ago; kept 0; 0 erased before; 1 not erasable yet/);
      expect(dry.stdout).toContain(`blocked ${legacy}`);

      const server = await startServer({ ZICHT_DATA_DIR: dir, ZICHT_RETENTION_DAYS: '0', ZICHT_RETENTION_SWEEP_MS: '0' });
      try {
        const refused = await call(server.url, keyFor(dir, 'admin'), 'POST', `/admin/cases/${legacy}/erasure`, { reason: 'data-subject-request' });
        expect(refused).toMatchObject({ status: 409, body: { rule: 'erasure.clear-text-events' } });
        expect((await call(server.url, keyFor(dir, 'admin'), 'POST', '/admin/retention/run')).body).toMatchObject({ erased: [], blocked: [legacy] });
        expect((await call(server.url, keyFor(dir, 'inspector'), 'GET', `/cases/${legacy}`)).body).not.toHaveProperty('erased'); // nothing claimed
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('erases exactly the closed cases with ZICHT_RETENTION_DAYS=0, not the open or reopened ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zicht-retention-'));
    const server = await startServer({ ZICHT_DATA_DIR: dir, ZICHT_RETENTION_DAYS: '0', ZICHT_RETENTION_SWEEP_MS: '0' });
    try {
      const key = keyFor(dir, 'professional');
      const open = async () => (await call(server.url, key, 'POST', '/cases', { subject: { childRef: 'leerling-1' }, region: 'VR13' })).body.caseId as string;
      const close = (id: string) => call(server.url, key, 'POST', `/cases/${id}/closure`, { reason: 'no-suspicion', summary: 'Geen zorgen (verzonnen).' });
      const [closed, stillOpen, reopened] = [await open(), await open(), await open()];
      await close(closed);
      await close(reopened);
      expect((await call(server.url, key, 'POST', `/cases/${reopened}/reopen`, { reason: 'Nieuwe zorgen (verzonnen).' })).status).toBe(201);
      const run = await call(server.url, keyFor(dir, 'admin'), 'POST', '/admin/retention/run');
      expect(run).toMatchObject({ status: 200, body: { erased: [closed], kept: 2 } });
      expect((await call(server.url, key, 'GET', `/cases/${closed}`)).body).toMatchObject({ erased: true, subject: { childRef: null } });
      expect((await call(server.url, key, 'GET', `/cases/${stillOpen}`)).body.subject.childRef).toBe('leerling-1');
      expect((await call(server.url, key, 'GET', `/cases/${reopened}`)).body.subject.childRef).toBe('leerling-1');
      expect((await call(server.url, keyFor(dir, 'admin'), 'POST', '/admin/retention/run')).body).toMatchObject({ erased: [], alreadyErased: 1, kept: 2 });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
