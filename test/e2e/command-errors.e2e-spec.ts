import { TestApp, bodies, commandBodies, startTestApp } from '../support/test-app';

// Every command endpoint, with a valid body for an open case, answers each of the contract's
// generic errors the same way: 400 naming the field, 401, 403 for roles that never write, 404 for a
// case out of scope, 409 on a closed case, 412 on a stale If-Match. None of them appends anything.
describe('every command endpoint and its errors', () => {
  let t: TestApp;
  let closedCase: string;
  const endpoints = Object.entries(commandBodies);

  beforeAll(async () => {
    t = await startTestApp();
    closedCase = (await t.as('school').post('/cases').send(bodies.openCase()).expect(201)).body.caseId;
    await t.as('school').post(`/cases/${closedCase}/closure`).send({ reason: 'no-suspicion', summary: 'Geen zorgen (verzonnen).' }).expect(201);
  });
  afterAll(() => t.close());

  const open = async () => (await t.as('school').post('/cases').send(bodies.openCase()).expect(201)).body.caseId as string;
  const revision = async (caseId: string) => (await t.as('inspector').get(`/cases/${caseId}`).expect(200)).body.revision as number;

  describe.each(endpoints)('POST /cases/:id/%s', (path, body) => {
    it('400 on an unknown field and on a wrong type, naming them', async () => {
      const caseId = await open();
      const res = await t.as('school').post(`/cases/${caseId}/${path}`).send({ ...body, unexpected: 1, occurredAt: 12 }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['occurredAt', 'unexpected']);
      expect(await revision(caseId)).toBe(0);
    });

    it('401 without a key, 403 for an inspector, analyst or admin', async () => {
      const caseId = await open();
      const { default: request } = await import('supertest');
      await request(t.app.getHttpServer()).post(`/cases/${caseId}/${path}`).send(body).expect(401);
      for (const who of ['inspector', 'analyst', 'admin'] as const) await t.as(who).post(`/cases/${caseId}/${path}`).send(body).expect(403);
      expect(await revision(caseId)).toBe(0);
    });

    it('404 for a case that does not exist or is out of scope', async () => {
      const caseId = await open();
      await t.as('school').post(`/cases/6f1d0c1e-0000-4000-8000-000000000000/${path}`).send(body).expect(404);
      await t.as('otherSchool').post(`/cases/${caseId}/${path}`).send(body).expect(404);
      await t.as('vt13').post(`/cases/${caseId}/${path}`).send(body).expect(404);
      expect(await revision(caseId)).toBe(0);
    });

    if (path !== 'reopen') {
      it('409 case.closed on a closed case', async () => {
        const before = await revision(closedCase);
        const res = await t.as('school').post(`/cases/${closedCase}/${path}`).send(body).expect(409);
        expect(res.body).toMatchObject({ status: 409, rule: 'case.closed' });
        expect(await revision(closedCase)).toBe(before);
      });
    }

    it('412 on a stale If-Match', async () => {
      const caseId = await open();
      await t.as('school').post(`/cases/${caseId}/signals`).send(bodies.signal()).expect(201);
      const res = await t.as('school').post(`/cases/${caseId}/${path}`).set('If-Match', '"0"').send(body).expect(412);
      expect(res.body).toMatchObject({ status: 412, currentRevision: 1 });
      expect(await revision(caseId)).toBe(1);
    });
  });

  it('POST /cases: 400 naming the fields, 403 for an inspector', async () => {
    const res = await t.as('school').post('/cases').send({ region: 'VR13', origin: 'gut-feeling' }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['origin', 'subject']);
    await t.as('inspector').post('/cases').send(bodies.openCase()).expect(403);
  });

  it('GET /cases/:id and /history: 401, 403 for analyst and admin, 404 out of scope', async () => {
    const caseId = await open();
    const { default: request } = await import('supertest');
    for (const path of [`/cases/${caseId}`, `/cases/${caseId}/history`]) {
      await request(t.app.getHttpServer()).get(path).expect(401);
      await t.as('analyst').get(path).expect(403);
      await t.as('admin').get(path).expect(403);
      await t.as('otherSchool').get(path).expect(404);
      await t.as('inspector').get(path).expect(200);
    }
    await t.as('inspector').get(`/cases/${caseId}/history?limit=0`).expect(400);
    await t.as('inspector').get(`/cases/${caseId}/history?after=abc`).expect(400);
  });

  it('GET /afwegingskaders: 401 without a key', async () => {
    const { default: request } = await import('supertest');
    await request(t.app.getHttpServer()).get('/afwegingskaders').expect(401);
  });
});
