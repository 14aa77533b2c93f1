import { GENESIS_HASH } from '@zicht/event-store';
import { TestApp, bodies, startTestApp } from '../support/test-app';

describe('foundation: opening a case and recording signals over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ store: 'sqlite' });
  });
  afterAll(() => t.close());

  async function openCase(): Promise<string> {
    const res = await t.as('school').post('/cases').send(bodies.openCase()).expect(201);
    return res.body.caseId as string;
  }

  async function eventCount(caseId: string): Promise<number> {
    const res = await t.as('inspector').get(`/cases/${caseId}/history?limit=1000`).expect(200);
    return res.body.events.length as number;
  }

  describe('commands', () => {
    it('opens a case: 201 with caseId, revision 0, the event, an ETag and a Location', async () => {
      const res = await t.as('school').post('/cases').send(bodies.openCase()).expect(201);
      expect(res.body).toEqual({ caseId: expect.stringMatching(/^[0-9a-f-]{36}$/), revision: 0, events: [{ eventId: expect.any(String), type: 'case-opened' }] });
      expect(res.headers.etag).toBe('"0"');
      expect(res.headers.location).toBe(`/cases/${res.body.caseId}`);
    });

    it('records a signal, and the summary and history show it', async () => {
      const caseId = await openCase();
      const res = await t.as('school').post(`/cases/${caseId}/signals`).send(bodies.signal()).expect(201);
      expect(res.body).toMatchObject({ caseId, revision: 1, events: [{ type: 'signal' }] });
      expect(res.headers.etag).toBe('"1"');

      const summary = await t.as('school').get(`/cases/${caseId}`).expect(200);
      expect(summary.body).toMatchObject({ caseId, revision: 1, status: 'open', region: 'VR13' });
      expect(summary.headers.etag).toBe('"1"');

      const history = await t.as('school').get(`/cases/${caseId}/history`).expect(200);
      expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['case-opened', 'signal']);
      expect(history.body.events[1]).toMatchObject({
        revision: 1,
        type: 'signal',
        actor: { id: 'leerkracht-1', role: 'professional', organisation: 'obs-de-linde' },
        data: { category: 'physical-abuse', source: 'own-observation' },
      });
    });

    it('uses a sane X-Request-Id as the correlation id, and a new UUID otherwise', async () => {
      const caseId = await openCase();
      const given = await t.as('school').post(`/cases/${caseId}/signals`).set('X-Request-Id', 'lvs-request-0001').send(bodies.signal()).expect(201);
      expect(given.headers['x-request-id']).toBe('lvs-request-0001');
      const junk = await t.as('school').post(`/cases/${caseId}/signals`).set('X-Request-Id', 'naam van een kind').send(bodies.signal()).expect(201);
      expect(junk.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const history = await t.as('inspector').get(`/cases/${caseId}/history`).expect(200);
      expect(history.body.events[1].correlationId).toBe('lvs-request-0001');
      expect(history.body.events[2].correlationId).toBe(junk.headers['x-request-id']);
    });

    it('takes occurredAt in the past and records the server time apart', async () => {
      const caseId = await openCase();
      // Sent with an offset: recorded as the same moment in UTC.
      await t.as('school').post(`/cases/${caseId}/signals`).send(bodies.signal({ observedAt: '2026-09-30', occurredAt: '2026-10-01T10:30:00+02:00' })).expect(201);
      const history = await t.as('inspector').get(`/cases/${caseId}/history`).expect(200);
      expect(history.body.events[1].occurredAt).toBe('2026-10-01T08:30:00.000Z');
      expect(Date.parse(history.body.events[1].recordedAt)).toBeGreaterThan(Date.parse('2026-10-01T08:30:00Z'));
    });

    it('chains the hashes of the history from the first event to the last', async () => {
      const caseId = await openCase();
      for (let i = 0; i < 4; i++) await t.as('school').post(`/cases/${caseId}/signals`).send(bodies.signal()).expect(201);
      const { body } = await t.as('inspector').get(`/cases/${caseId}/history`).expect(200);
      expect(body.events).toHaveLength(5);
      expect(body.events[0].prevHash).toBe(GENESIS_HASH);
      for (let i = 1; i < body.events.length; i++) {
        expect(body.events[i].prevHash).toBe(body.events[i - 1].hash);
        expect(body.events[i].hash).toMatch(/^[0-9a-f]{64}$/);
      }
    });

    it('pages the history', async () => {
      const caseId = await openCase();
      for (let i = 0; i < 4; i++) await t.as('school').post(`/cases/${caseId}/signals`).send(bodies.signal()).expect(201);
      const first = await t.as('inspector').get(`/cases/${caseId}/history?limit=2`).expect(200);
      expect(first.body.events.map((e: { revision: number }) => e.revision)).toEqual([0, 1]);
      expect(first.body.next).toBe(1);
      const last = await t.as('inspector').get(`/cases/${caseId}/history?limit=3&after=${first.body.next}`).expect(200);
      expect(last.body.events.map((e: { revision: number }) => e.revision)).toEqual([2, 3, 4]);
      expect(last.body.next).toBeNull();
    });
  });

  describe('concurrency', () => {
    it('20 concurrent signals without If-Match all succeed with contiguous revisions, none lost or doubled', async () => {
      const caseId = await openCase();
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => t.as('school').post(`/cases/${caseId}/signals`).send(bodies.signal({ description: `Signaal nummer ${i}` }))),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
      expect(answers.map((a) => a.body.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const history = await t.as('inspector').get(`/cases/${caseId}/history?limit=1000`).expect(200);
      expect(history.body.events).toHaveLength(21);
      const descriptions = history.body.events.slice(1).map((e: { data: { description: string } }) => e.data.description).sort();
      expect(descriptions).toEqual(Array.from({ length: 20 }, (_, i) => `Signaal nummer ${i}`).sort());
    });

    it('20 concurrent signals with the same If-Match: exactly one succeeds, the rest are 412 with the current revision', async () => {
      const caseId = await openCase();
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => t.as('school').post(`/cases/${caseId}/signals`).set('If-Match', '"0"').send(bodies.signal())),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(19);
      const refused = answers.find((a) => a.status === 412)!;
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 412, currentRevision: 1 });
      expect(await eventCount(caseId)).toBe(2);
    });

    it('a matching If-Match is accepted; a malformed one is 400', async () => {
      const caseId = await openCase();
      await t.as('school').post(`/cases/${caseId}/signals`).set('If-Match', '"0"').send(bodies.signal()).expect(201);
      const bad = await t.as('school').post(`/cases/${caseId}/signals`).set('If-Match', 'yesterday').send(bodies.signal()).expect(400);
      expect(bad.body.errors).toEqual([{ field: 'If-Match', messages: [expect.any(String)] }]);
    });
  });

  describe('idempotency', () => {
    it('a repeated Idempotency-Key appends once and answers the same again', async () => {
      const caseId = await openCase();
      const first = await t.as('school').post(`/cases/${caseId}/signals`).set('Idempotency-Key', 'sig-001').send(bodies.signal()).expect(201);
      const again = await t.as('school').post(`/cases/${caseId}/signals`).set('Idempotency-Key', 'sig-001').send(bodies.signal()).expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(await eventCount(caseId)).toBe(2);
    });

    it('the same key with another request is 422 idempotency.key-reused and appends nothing', async () => {
      const caseId = await openCase();
      await t.as('school').post(`/cases/${caseId}/signals`).set('Idempotency-Key', 'sig-002').send(bodies.signal()).expect(201);
      const reused = await t.as('school').post(`/cases/${caseId}/signals`).set('Idempotency-Key', 'sig-002').send(bodies.signal({ category: 'neglect' })).expect(422);
      expect(reused.body).toMatchObject({ status: 422, rule: 'idempotency.key-reused' });
      expect(await eventCount(caseId)).toBe(2);
    });

    it('opening a case with a repeated key returns the same case', async () => {
      const first = await t.as('school').post('/cases').set('Idempotency-Key', 'open-777').send(bodies.openCase()).expect(201);
      const again = await t.as('school').post('/cases').set('Idempotency-Key', 'open-777').send(bodies.openCase()).expect(201);
      expect(again.body).toEqual(first.body);
      await t.as('school').post('/cases').set('Idempotency-Key', 'open-777').send(bodies.openCase({ region: 'VR01' })).expect(422);
      expect(await eventCount(first.body.caseId)).toBe(1);
    });

    it('keys are scoped to the organisation', async () => {
      const mine = await t.as('school').post('/cases').set('Idempotency-Key', 'shared-key').send(bodies.openCase()).expect(201);
      const theirs = await t.as('otherSchool').post('/cases').set('Idempotency-Key', 'shared-key').send(bodies.openCase()).expect(201);
      expect(theirs.body.caseId).not.toBe(mine.body.caseId);
    });

    it('refuses an over-long key', async () => {
      await t.as('school').post('/cases').set('Idempotency-Key', 'k'.repeat(201)).send(bodies.openCase()).expect(400);
    });
  });

  describe('invalid requests are 400, name the fields, and append nothing', () => {
    let caseId: string;
    beforeAll(async () => {
      caseId = await openCase();
    });

    it.each([
      ['wrong types', { ...bodies.signal(), category: 42, observedAt: true }, ['category', 'observedAt']],
      ['missing fields', { category: 'neglect' }, ['source', 'description', 'observedAt']],
      ['unknown fields', { ...bodies.signal(), severity: 'high' }, ['severity']],
      ['a future occurredAt', { ...bodies.signal(), occurredAt: '2999-01-01T00:00:00Z' }, ['occurredAt']],
      ['a future observedAt', { ...bodies.signal(), observedAt: '2999-01-01' }, ['observedAt']],
    ])('%s', async (_, body, fields) => {
      const res = await t.as('school').post(`/cases/${caseId}/signals`).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, title: 'Bad Request' });
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([...fields].sort());
      expect(await eventCount(caseId)).toBe(1);
    });

    it('names nested fields and unknown nested fields', async () => {
      const res = await t.as('school').post('/cases').send({ subject: { birthYear: 'old', nickname: 'x' }, region: 'VR99' }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['region', 'subject.birthYear', 'subject.childRef', 'subject.nickname']);
    });

    it('bad JSON', async () => {
      const res = await t.as('school').post(`/cases/${caseId}/signals`).set('Content-Type', 'application/json').send('{"category": ').expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'body', messages: ['must be valid JSON'] }]);
      expect(await eventCount(caseId)).toBe(1);
    });

    it('a body over 1 MB is 413', async () => {
      const res = await t.as('school').post(`/cases/${caseId}/signals`).send({ ...bodies.signal(), description: 'x'.repeat(1_100_000) }).expect(413);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(await eventCount(caseId)).toBe(1);
    });

    it('an id that is no uuid is 404', async () => {
      await t.as('school').get('/cases/not-a-case').expect(404);
    });
  });

  describe('access', () => {
    let caseId: string;
    beforeAll(async () => {
      caseId = await openCase();
    });

    it('no key, or an unknown key, is 401', async () => {
      const { default: request } = await import('supertest');
      const res = await request(t.app.getHttpServer()).get(`/cases/${caseId}`).expect(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      await request(t.app.getHttpServer()).get(`/cases/${caseId}`).set('Authorization', 'Bearer not-a-key-at-all').expect(401);
    });

    it('an analyst or an admin reading a case is 403', async () => {
      await t.as('analyst').get(`/cases/${caseId}`).expect(403);
      await t.as('admin').get(`/cases/${caseId}`).expect(403);
    });

    it('an inspector reads every case but posting a command is 403 and appends nothing', async () => {
      await t.as('inspector').get(`/cases/${caseId}`).expect(200);
      await t.as('inspector').post(`/cases/${caseId}/signals`).send(bodies.signal()).expect(403);
      await t.as('inspector').post('/cases').send(bodies.openCase()).expect(403);
      expect(await eventCount(caseId)).toBe(1);
    });

    it("another organisation's professional gets 404 for reading and for commands", async () => {
      await t.as('otherSchool').get(`/cases/${caseId}`).expect(404);
      await t.as('otherSchool').get(`/cases/${caseId}/history`).expect(404);
      await t.as('otherSchool').post(`/cases/${caseId}/signals`).send(bodies.signal()).expect(404);
      expect(await eventCount(caseId)).toBe(1);
    });

    it('Veilig Thuis sees no case before a melding', async () => {
      await t.as('vt13').get(`/cases/${caseId}`).expect(404);
    });
  });

  describe('operations', () => {
    it('/health reports the event store ready, without a key', async () => {
      const { default: request } = await import('supertest');
      const res = await request(t.app.getHttpServer()).get('/health').expect(200);
      expect(res.body).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up', kind: 'sqlite' } } });
    });

    it('/health is 503 when the event store is not ready', async () => {
      const { default: request } = await import('supertest');
      const spy = jest.spyOn(t.store, 'ready').mockRejectedValueOnce(new Error('disk gone'));
      const res = await request(t.app.getHttpServer()).get('/health').expect(503);
      expect(res.body).toMatchObject({ status: 'error', error: { eventStore: { status: 'down' } } });
      spy.mockRestore();
    });

    it('documents every command with its DTO at /docs-json, and serves /docs', async () => {
      const { default: request } = await import('supertest');
      const res = await request(t.app.getHttpServer()).get('/docs-json').expect(200);
      expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/cases', '/cases/{id}', '/cases/{id}/signals', '/cases/{id}/history', '/health']));
      const schemas = res.body.components.schemas;
      expect(schemas.OpenCaseRequestDto.properties).toHaveProperty('subject');
      expect(schemas.RecordSignalRequestDto.required).toEqual(expect.arrayContaining(['category', 'source', 'description', 'observedAt']));
      expect(res.body.components.securitySchemes).toHaveProperty('bearer');
      await request(t.app.getHttpServer()).get('/docs').expect(200);
    });
  });
});
