import { bsnFailingElfproef, inventedBsn } from '@zicht/testing';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { PrincipalName, TestApp, TestClock, bodies, startTestApp } from '../support/test-app';

// The radar (issue #11): one invented child, named by the same invented BSN in cases of three
// organisations. Veilig Thuis links the cases that reached it; the BSN itself is nowhere.
describe('the radar', () => {
  const BSN = inventedBsn(4711);
  let t: TestApp;
  const logs: string[] = [];
  const answers: string[] = [];
  let first: string; // obs-de-linde, melding to VR01
  let second: string; // cbs-het-anker, melding to VR13 (BSN given with the melding)
  let third: string; // huisartsenpraktijk-oost, never a melding

  /** Every call goes through here, so that every answer can be searched for the BSN. */
  const call = async (who: PrincipalName, method: 'get' | 'post', path: string, body?: object, status?: number): Promise<request.Response> => {
    const req = t.as(who)[method](path);
    const res = await (body ? req.send(body) : req);
    answers.push(JSON.stringify(res.headers), res.text);
    if (status !== undefined) expect({ path, status: res.status }).toEqual({ path, status });
    return res;
  };
  const radarOf = async (who: PrincipalName, caseId: string) => (await call(who, 'get', `/cases/${caseId}/radar`, undefined, 200)).body;

  beforeAll(async () => {
    const clock = new TestClock(new Date('2026-11-02T09:00:00.000Z'));
    const sink = new PassThrough();
    sink.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    t = await startTestApp({ store: 'sqlite', clock, logTo: sink });

    first = (await call('school', 'post', '/cases', bodies.openCase({ region: 'VR01', subject: { childRef: 'leerling-0042', birthYear: 2016, bsn: BSN } }), 201)).body.caseId;
    await call('school', 'post', `/cases/${first}/signals`, bodies.signal(), 201);
    await call('school', 'post', `/cases/${first}/meldingen`, {}, 201);

    clock.set('2026-11-04T09:00:00.000Z');
    second = (await call('otherSchool', 'post', '/cases', bodies.openCase({ region: 'VR13', subject: { childRef: 'anker-7' } }), 201)).body.caseId;
    await call('otherSchool', 'post', `/cases/${second}/signals`, bodies.signal({ category: 'neglect' }), 201);
    await call('otherSchool', 'post', `/cases/${second}/meldingen`, { bsn: BSN, urgency: 'acuut' }, 201);

    third = (await call('gp', 'post', '/cases', bodies.openCase({ region: 'VR13', subject: { childRef: 'patient-3', bsn: BSN } }), 201)).body.caseId;
  });
  afterAll(() => t.close());

  it('shows Veilig Thuis of the second region the first case, by codes and dates only', async () => {
    const radar = await radarOf('vt13', second);
    expect(radar).toEqual({
      childKnown: true,
      priorInvolvement: 'tijdens-veiligheidsbeoordeling',
      cases: [
        {
          caseId: first,
          region: 'VR01',
          melder: 'obs-de-linde',
          meldingen: ['2026-11-02'],
          decisions: [],
          monitoring: 'none', // no monitoring period runs before the veiligheidsbeoordeling
          awaitingAssessment: true,
          signalCategories: ['physical-abuse'],
          status: 'open',
        },
      ],
    });
    expect(JSON.stringify(radar)).not.toMatch(/leerling|anker-7|patient|Blauwe plekken/);
    // And the other way round: the first region sees the second case.
    expect((await radarOf('vt01', first)).cases.map((c: { caseId: string }) => c.caseId)).toEqual([second]);
  });

  it('records the prior involvement on the second melding (the first still awaited its veiligheidsbeoordeling)', async () => {
    const history = (await call('inspector', 'get', `/cases/${second}/history`, undefined, 200)).body;
    const melding = history.events.find((e: { type: string }) => e.type === 'melding');
    expect(melding.data).toMatchObject({ priorInvolvement: 'tijdens-veiligheidsbeoordeling', urgency: 'acuut' });
    expect(history.events.map((e: { type: string }) => e.type)).toContain('subject-identified');
    const firstMelding = (await call('inspector', 'get', `/cases/${first}/history`, undefined, 200)).body.events.find((e: { type: string }) => e.type === 'melding');
    expect(firstMelding.data.priorInvolvement).toBe('none');
  });

  it('keeps each professional out of the other case, and out of every radar', async () => {
    await call('school', 'get', `/cases/${second}`, undefined, 404);
    await call('otherSchool', 'get', `/cases/${first}`, undefined, 404);
    await call('school', 'get', `/cases/${first}/radar`, undefined, 404); // even of its own case
    await call('vt01', 'get', `/cases/${third}/radar`, undefined, 404);
    await call('analyst', 'get', `/cases/${first}/radar`, undefined, 403);
  });

  it('never shows a case without a melding: not in a radar, not to an inspector reading one', async () => {
    for (const [who, caseId] of [['vt13', second], ['vt01', first], ['inspector', first], ['inspector', second]] as const) {
      expect((await radarOf(who, caseId)).cases.map((c: { caseId: string }) => c.caseId)).not.toContain(third);
    }
    const ofThird = await radarOf('inspector', third);
    expect(ofThird).toMatchObject({ childKnown: true, priorInvolvement: null });
    expect(ofThird.cases.map((c: { caseId: string }) => c.caseId)).toEqual([first, second]);
  });

  it('lets Veilig Thuis find the cases whose child it knows from another case', async () => {
    const listed = (await call('vt13', 'get', '/cases?childKnownToVeiligThuis=true', undefined, 200)).body.cases.map((c: { caseId: string }) => c.caseId);
    expect(listed).toEqual([second]);
    const res = await call('school', 'get', '/cases?childKnownToVeiligThuis=true', undefined, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['childKnownToVeiligThuis']);
  });

  it('refuses a BSN that fails the elfproef with 400 naming the field, without the value, and appends nothing', async () => {
    const wrong = bsnFailingElfproef(4711);
    const caseEvents = async () => (await t.store.readAll({ limit: 100_000 })).filter((e) => !e.streamId.startsWith('access-')).length;
    const before = await caseEvents();
    const opened = await call('gp', 'post', '/cases', bodies.openCase({ subject: { childRef: 'x-1', bsn: wrong } }), 400);
    expect(opened.body.errors.map((e: { field: string }) => e.field)).toEqual(['subject.bsn']);
    const melding = await call('otherSchool', 'post', `/cases/${second}/meldingen`, { bsn: wrong }, 400);
    expect(melding.body.errors.map((e: { field: string }) => e.field)).toEqual(['bsn']);
    for (const shape of [12345678, '12345678', ' 123456782', '1234567820']) await call('otherSchool', 'post', `/cases/${second}/meldingen`, { bsn: shape }, 400);
    expect(opened.text + melding.text).not.toContain(wrong);
    expect(await caseEvents()).toBe(before);
  });

  it('a melding naming another BSN than the case has is refused (one case, one child)', async () => {
    const res = await call('gp', 'post', `/cases/${third}/meldingen`, { bsn: inventedBsn(815) }, 422);
    expect(res.body.rule).toBe('subject.different-child');
  });

  it('the BSN is in no answer, no log line and no file of the data directory', async () => {
    expect(logs.length).toBeGreaterThan(10); // the log was captured
    expect(answers.length).toBeGreaterThan(20);
    for (const text of [...answers, ...logs]) expect(text).not.toContain(BSN);
    const files = filesUnder(t.dataDir);
    expect(files.some((f) => f.endsWith('events.sqlite'))).toBe(true);
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
    expect(files.some((f) => f.endsWith('radar.key'))).toBe(true);
    for (const file of files) expect({ file, found: readFileSync(file).includes(Buffer.from(BSN, 'utf8')) }).toEqual({ file, found: false });
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
