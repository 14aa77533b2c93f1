import { PrincipalName, TestApp, bodies, commandBodies, startTestApp } from '../support/test-app';

// A case out of sight answers exactly as a missing one: for every operation on one case in the
// OpenAPI document, whatever the headers (If-Match, Idempotency-Key) and bodies, the same status and
// the same body once the case id itself is taken out.
describe('no existence leaks', () => {
  let t: TestApp;
  let hidden: string;
  const missing = '6f1d0c1e-0000-4000-8000-00000000abcd';
  let operations: Array<{ method: 'get' | 'post'; path: string }>;

  beforeAll(async () => {
    t = await startTestApp();
    hidden = (await t.as('school').post('/cases').send(bodies.openCase()).expect(201)).body.caseId;
    await t.as('school').post(`/cases/${hidden}/signals`).send(bodies.signal()).expect(201);
    const doc = (await t.as('school').get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths)
      .filter(([path]) => path.includes('{id}'))
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method as 'get' | 'post', path })));
  });
  afterAll(() => t.close());

  it('finds the operations on one case in /docs-json', () => {
    expect(operations.length).toBeGreaterThanOrEqual(15);
  });

  const variants: Array<[string, Record<string, string>]> = [
    ['no headers', {}],
    ['If-Match "0"', { 'If-Match': '"0"' }],
    ['If-Match "1" (the current revision)', { 'If-Match': '"1"' }],
    ['an Idempotency-Key', { 'Idempotency-Key': 'leak-probe-1' }],
  ];
  const strangers: PrincipalName[] = ['otherSchool', 'vt01'];

  it.each(variants)('every operation answers a hidden case as a missing one (%s)', async (_name, headers) => {
    const answer = async (who: PrincipalName, method: 'get' | 'post', path: string, caseId: string) => {
      const url = path.replace('{id}', caseId) + (path.endsWith('/state') ? '?revision=0' : '');
      let req = t.as(who)[method](url).set(headers);
      if (method === 'post') req = req.send(commandBodies[path.split('/').pop()!] ?? {});
      const res = await req;
      return { status: res.status, type: res.headers['content-type'], body: JSON.parse(JSON.stringify(res.body).split(caseId).join('<id>')) };
    };
    const before = (await t.as('inspector').get(`/cases/${hidden}`).expect(200)).body.revision;
    for (const who of strangers) {
      for (const { method, path } of operations) {
        const seen = await answer(who, method, path, hidden);
        const unseen = await answer(who, method, path, missing);
        expect({ who, method, path, ...seen }).toEqual({ who, method, path, ...unseen });
        expect(seen.status).toBeGreaterThanOrEqual(400);
      }
    }
    expect((await t.as('inspector').get(`/cases/${hidden}`).expect(200)).body.revision).toBe(before);
  });
});
