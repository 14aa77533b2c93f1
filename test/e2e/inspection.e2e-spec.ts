import { EVENT_SCHEMA_VERSION, caseStreamId } from '@zicht/case-domain';
import { NewEvent, verifyStore } from '@zicht/event-store';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { PRINCIPALS, TestApp, TestClock, bodies, startTestApp } from '../support/test-app';
import { AccessLog } from '../../apps/api/src/inspection/access-log';

const DAY = 86_400_000;
const T0 = Date.parse('2026-09-01T09:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);

type Entry = { outcome: string; principal: { id: string } | null; route: string; method: string; status: number; caseIds: string[] };

describe('inspectors: history, time travel, verification, the case file and the access log', () => {
  let t: TestApp;
  let caseId: string;
  let c: string;
  let beforeMelding: number;
  let afterMelding: number;
  let beforeHelp: string;

  beforeAll(async () => {
    const clock = new TestClock(new Date(T0));
    t = await startTestApp({ store: 'sqlite', clock });
    caseId = (await t.as('school').post('/cases').send(bodies.openCase()).expect(201)).body.caseId;
    c = `/cases/${caseId}`;
    await t.as('school').post(`${c}/signals`).send(bodies.signal({ observedAt: date(T0) })).expect(201);
    clock.set(iso(T0 + 1 * DAY));
    const heard = await t.as('school').post(`${c}/child-conversations`).send({ outcome: 'heard', moment: 'signalering', heardAlone: true, viewsSummary: 'Kind vertelt (verzonnen).' }).expect(201);
    clock.set(iso(T0 + 2 * DAY));
    beforeMelding = (
      await t.as('school').post(`${c}/weighings`).send({ afwegingskader: { id: 'onderwijs', version: '2018' }, answers: { suspicion: true, acuteUnsafety: false, structuralUnsafety: true }, rationale: 'Terugkerend (verzonnen).' }).expect(201)
    ).body.revision;
    clock.set(iso(T0 + 3 * DAY));
    afterMelding = (await t.as('school').post(`${c}/meldingen`).send({}).expect(201)).body.revision;
    beforeHelp = iso(T0 + 4 * DAY);
    clock.set(iso(T0 + 5 * DAY));
    await t.as('vt13').post(`${c}/hulp`).send({
      mode: 'inzetten',
      decidedBy: 'veilig-thuis',
      responsible: { organisation: 'jeugdteam-noord' },
      plan: { aims: ['Veilig thuis (verzonnen)'], childConversationEventId: heard.body.events[0].eventId, discussedWith: ['kind'] },
      components: [{ kind: 'gezinsbegeleiding', provider: 'jeugdteam-noord', startsOn: date(T0 + 6 * DAY), deadline: date(T0 + 30 * DAY), intendedDurationWeeks: 12 }],
      evaluation: { method: 'huisbezoek', intervalDays: 28, firstCheckDue: date(T0 + 34 * DAY) },
    }).expect(201);
    clock.set(iso(T0 + 60 * DAY));
  });
  afterAll(() => t.close());

  it('state?revision= names the school before the melding and Veilig Thuis after it', async () => {
    const before = await t.as('inspector').get(`${c}/state?revision=${beforeMelding}`).expect(200);
    expect(before.body.revision).toBe(beforeMelding);
    expect(before.body.summary.responsible['zicht-op-veiligheid']).toMatchObject({ organisation: 'obs-de-linde' });
    expect(before.body.summary.meldplicht.status).toBe('open');
    expect(before.body.asOf).toBe(iso(T0 + 2 * DAY)); // judged as of when that revision was recorded
    const after = await t.as('inspector').get(`${c}/state?revision=${afterMelding}`).expect(200);
    expect(after.body.summary.responsible['zicht-op-veiligheid']).toMatchObject({ organisation: 'Veilig Thuis VR13' });
    expect(after.body.accountability.responsible.timeline.map((p: { party: { organisation: string } }) => p.party.organisation)).toEqual(['obs-de-linde', 'Veilig Thuis VR13']);
  });

  it('state?asOf= before the help shows no interventions; later, overdue is judged as of that moment', async () => {
    const early = await t.as('inspector').get(`${c}/state?asOf=${beforeHelp}`).expect(200);
    expect(early.body.revision).toBe(afterMelding);
    expect(early.body.accountability).toMatchObject({ plan: null, evaluation: null });
    // before the help, the only intervention is Veilig Thuis' own deadline for the melding
    expect(early.body.accountability.interventions).toEqual([expect.objectContaining({ type: 'veilig-thuis', kind: 'veiligheidsbeoordeling' })]);
    const inTime = await t.as('inspector').get(`${c}/state?asOf=${iso(T0 + 10 * DAY)}`).expect(200);
    expect(inTime.body.accountability.interventions[0]).toMatchObject({ kind: 'gezinsbegeleiding', overdue: false });
    expect(inTime.body.accountability.evaluation).toMatchObject({ overdue: false });
    const late = await t.as('inspector').get(`${c}/state?asOf=${iso(T0 + 40 * DAY)}`).expect(200);
    expect(late.body.accountability.interventions[0].overdue).toBe(true);
    expect(late.body.accountability.evaluation.overdue).toBe(true);
    expect(late.body.compliance.checks.find((k: { id: string }) => k.id === 'monitoring-on-schedule').status).toBe('not-met');
  });

  it('refuses a bad moment with a 400 naming the field, a moment before the case with 404, and non-inspectors', async () => {
    expect((await t.as('inspector').get(`${c}/state`).expect(400)).body.errors[0].field).toBe('asOf');
    expect((await t.as('inspector').get(`${c}/state?asOf=${beforeHelp}&revision=1`).expect(400)).body.errors[0].field).toBe('asOf');
    expect((await t.as('inspector').get(`${c}/state?asOf=yesterday`).expect(400)).body.errors[0].field).toBe('asOf');
    expect((await t.as('inspector').get(`${c}/state?revision=-1`).expect(400)).body.errors[0].field).toBe('revision');
    await t.as('inspector').get(`${c}/state?asOf=${iso(T0 - DAY)}`).expect(404);
    await t.as('inspector').get(`${c}/state?revision=999`).expect(404);
    await t.as('school').get(`${c}/state?revision=0`).expect(403);
    await t.as('school').get(`${c}/verify`).expect(403);
    await t.as('school').get(`${c}/export`).expect(403);
  });

  it('verifies the chain of a case and exports the case file', async () => {
    const verified = await t.as('inspector').get(`${c}/verify`).expect(200);
    expect(verified.body).toMatchObject({ caseId, valid: true, events: 6, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const file = await t.as('inspector').get(`${c}/export`).expect(200);
    expect(file.headers['content-disposition']).toContain(`case-${caseId}.json`);
    expect(file.body).toMatchObject({ caseId, revision: 5, exportedBy: { id: PRINCIPALS.inspector.id, role: 'inspector' }, verification: { valid: true, events: 6, headHash: verified.body.headHash } });
    expect(file.body.events.map((e: { type: string }) => e.type)).toEqual(['case-opened', 'signal', 'child-heard', 'weighed', 'melding', 'hulp-ingezet']);
    expect(file.body.accountability.plan).toMatchObject({ aims: ['Veilig thuis (verzonnen)'] });
    expect(file.body.compliance.checks.length).toBeGreaterThan(5);
  });

  it('pages through the history of a 1,000-event case in order, with an unbroken chain', async () => {
    const opened = await t.as('school').post('/cases').send(bodies.openCase()).expect(201);
    const id = opened.body.caseId as string;
    const stream = caseStreamId(id);
    for (let revision = 0; revision < 999; revision += 111) {
      const events: NewEvent[] = Array.from({ length: 111 }, (_, i) => ({
        type: 'signal',
        data: { category: 'neglect', source: 'own-observation', description: `Verzonnen signaal ${revision + i}`, observedAt: '2026-09-01' },
        metadata: { eventId: randomUUID(), actor: { id: PRINCIPALS.school.id, role: 'professional', organisation: 'obs-de-linde' }, occurredAt: iso(T0), correlationId: randomUUID(), causationId: randomUUID(), schemaVersion: EVENT_SCHEMA_VERSION },
      }));
      await t.store.appendToStream(stream, events, { expectedRevision: revision });
    }
    const seen: { revision: number; hash: string; prevHash: string }[] = [];
    let after: number | null = null;
    let pages = 0;
    do {
      const page: request.Response = await t.as('inspector').get(`/cases/${id}/history?limit=300${after === null ? '' : `&after=${after}`}`).expect(200);
      expect(page.body.revision).toBe(999);
      seen.push(...page.body.events);
      after = page.body.next;
      pages += 1;
    } while (after !== null);
    expect(pages).toBe(4);
    expect(seen.map((e) => e.revision)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    for (let i = 1; i < seen.length; i++) expect(seen[i].prevHash).toBe(seen[i - 1].hash);
    expect((await t.as('inspector').get(`/cases/${id}/verify`).expect(200)).body).toMatchObject({ valid: true, events: 1000 });
  });

  it('records every read of a case, and every refused attempt, with the right principal', async () => {
    const opened = await t.as('school').post('/cases').send(bodies.openCase()).expect(201);
    const id = opened.body.caseId as string;
    const k = `/cases/${id}`;
    await t.as('school').get(k).expect(200);
    await t.as('school').get(`${k}/accountability`).expect(200);
    await t.as('schoolUntrained').get(`${k}/compliance`).expect(200);
    await t.as('school').get(`${k}/history`).expect(200);
    await t.as('inspector').get(`${k}/state?revision=0`).expect(200);
    await t.as('inspector').get(k).expect(200);
    await t.as('otherSchool').get(k).expect(404); // out of sight: refused
    await t.as('analyst').get(k).expect(403);
    await t.as('inspector').post(`${k}/signals`).send(bodies.signal()).expect(403); // inspectors never write
    await request(t.app.getHttpServer()).get(k).expect(401);
    await request(t.app.getHttpServer()).get(k).set('Authorization', 'Bearer not-a-key-at-all').expect(401);

    const log = await t.as('inspector').get(`/access-log?caseId=${id}`).expect(200);
    const entries = log.body.entries as Entry[];
    const row = (e: Entry) => [e.outcome, e.principal?.id ?? null, e.method, e.route, e.status];
    expect(entries.map(row)).toEqual([
      ['read', PRINCIPALS.school.id, 'GET', '/cases/:id', 200],
      ['read', PRINCIPALS.school.id, 'GET', '/cases/:id/accountability', 200],
      ['read', PRINCIPALS.schoolUntrained.id, 'GET', '/cases/:id/compliance', 200],
      ['read', PRINCIPALS.school.id, 'GET', '/cases/:id/history', 200],
      ['read', PRINCIPALS.inspector.id, 'GET', '/cases/:id/state', 200],
      ['read', PRINCIPALS.inspector.id, 'GET', '/cases/:id', 200],
      ['refused', PRINCIPALS.otherSchool.id, 'GET', '/cases/:id', 404],
      ['refused', PRINCIPALS.analyst.id, 'GET', '/cases/:id', 403],
      ['refused', PRINCIPALS.inspector.id, 'POST', '/cases/:id/signals', 403],
    ]);
    // Without a valid key, refusals are counted per address, reason and minute (one record each window).
    await t.app.get(AccessLog).flushCounts();
    const counted = (await t.as('inspector').get(`/access-log?from=${new Date(t.clock.now().getTime() - 120_000).toISOString()}&limit=1000`).expect(200)).body.entries as Array<Entry & { count: number; requestId: string; clientAddress?: string }>;
    const windows = counted.filter((e) => e.principal === null && e.status === 401);
    expect(windows.map((e) => [e.requestId, e.count, e.route, e.method]).sort()).toEqual([
      ['no-key', 1, '/cases/:id', '*'],
      ['unknown-key', 1, '/cases/:id', '*'],
    ]);
    expect(windows.every((e) => typeof e.clientAddress === 'string')).toBe(true);
    for (const e of entries) expect(e.caseIds).toEqual([id]);
    expect(JSON.stringify(log.body)).not.toMatch(/leerling-0042|not-a-key|test-key/);

    // The read of the access log is itself in the access log; filters by principal and time work.
    const mine = await t.as('inspector').get(`/access-log?principal=${PRINCIPALS.inspector.id}&from=${iso(T0 + 60 * DAY)}`).expect(200);
    const routes = (mine.body.entries as Entry[]).map((e) => e.route);
    expect(routes).toContain('/access-log');
    expect((mine.body.entries as Entry[]).every((e) => e.principal?.id === PRINCIPALS.inspector.id)).toBe(true);
    const none = await t.as('inspector').get(`/access-log?caseId=${id}&to=${iso(T0)}`).expect(200);
    expect(none.body.entries).toEqual([]);
  });

  it('takes anchors of the global log that the log verifies against, until it is changed', async () => {
    await t.as('inspector').post('/admin/anchors').expect(403);
    const first = (await t.as('admin').post('/admin/anchors').expect(200)).body.anchor;
    expect(first).toMatchObject({ position: expect.stringMatching(/^\d+$/), digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await t.as('school').post(`${c}/signals`).send(bodies.signal({ observedAt: date(T0) })).expect(201);
    const second = (await t.as('admin').post('/admin/anchors').expect(200)).body.anchor;
    expect(second.events).toBeGreaterThan(first.events);
    const listed = await t.as('inspector').get('/integrity/anchors').expect(200);
    expect(listed.body.anchors.slice(0, 2).map((a: { digest: string }) => a.digest)).toEqual([second.digest, first.digest]);
    await t.as('school').get('/integrity/anchors').expect(403);

    // Both anchors hold for the log as it is; an event changed before them breaks both.
    const anchors = [first, second].map(({ position, events, digest }) => ({ position, events, digest }));
    expect((await verifyStore(t.store, { anchors })).anchors.map((a) => a.valid)).toEqual([true, true]);
    const db = new Database(join(t.dataDir, 'events.sqlite'));
    db.prepare(`UPDATE events SET metadata = replace(metadata, '"hash":"', '"hash":"0') WHERE global_position = 1`).run();
    db.close();
    const after = await verifyStore(t.store, { anchors });
    expect(after.anchors.map((a) => a.valid)).toEqual([false, false]);
  });

  it('lists and worklists are logged with the case ids they showed; the log pages and validates its filters', async () => {
    const listed = await t.as('school').get('/cases?limit=3').expect(200);
    const ids = listed.body.cases.map((s: { caseId: string }) => s.caseId);
    const log = await t.as('inspector').get(`/access-log?caseId=${ids[0]}&principal=${PRINCIPALS.school.id}`).expect(200);
    const listRead = (log.body.entries as Entry[]).find((e) => e.route === '/cases');
    expect(listRead?.caseIds.sort()).toEqual([...ids].sort());

    const worklist = await t.as('vt13').get('/worklist').expect(200);
    expect(worklist.body.items.map((i: { caseId: string }) => i.caseId)).toContain(caseId);
    const vtLog = await t.as('inspector').get(`/access-log?caseId=${caseId}&principal=${PRINCIPALS.vt13.id}`).expect(200);
    expect((vtLog.body.entries as Entry[]).map((e) => e.route)).toContain('/worklist');

    const first = await t.as('inspector').get('/access-log?limit=2').expect(200);
    expect(first.body.entries).toHaveLength(2);
    const second = await t.as('inspector').get(`/access-log?limit=2&after=${first.body.next}`).expect(200);
    expect(second.body.entries[0].eventId).not.toBe(first.body.entries[1].eventId);

    for (const [query, field] of [['caseId=x', 'caseId'], ['from=monday', 'from'], ['after=abc', 'after'], ['limit=0', 'limit']]) {
      expect((await t.as('inspector').get(`/access-log?${query}`).expect(400)).body.errors[0].field).toBe(field);
    }
    await t.as('school').get('/access-log').expect(403);
  });
});
