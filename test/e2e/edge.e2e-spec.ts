import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { PRINCIPALS, TestApp, bodies, startTestApp } from '../support/test-app';
import { AccessLog } from '../../apps/api/src/inspection/access-log';

const PROBLEM = /^application\/problem\+json/;

/** Sends raw bytes and returns what the server answered (status line, headers, body). */
function raw(port: number, chunks: Array<string | { wait: number }>): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += d.toString('utf8')));
    socket.on('close', () => resolve(answer));
    socket.on('error', (e) => (answer ? resolve(answer) : reject(e)));
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (typeof chunk === 'string') {
          if (!socket.destroyed) socket.write(chunk);
        } else await new Promise((r) => setTimeout(r, chunk.wait));
      }
    });
  });
}

describe('the HTTP edge', () => {
  let t: TestApp;
  let port: number;
  let caseId: string;
  const revision = async () => (await t.as('inspector').get(`/cases/${caseId}`).expect(200)).body.revision as number;

  beforeAll(async () => {
    t = await startTestApp({ env: { ZICHT_REQUEST_TIMEOUT_MS: '1000', ZICHT_CORS_ORIGINS: 'https://zicht.example.nl' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    caseId = (await t.as('school').post('/cases').send(bodies.openCase()).expect(201)).body.caseId;
  });
  afterAll(() => t.close());

  it.each([
    ['a form body', 'application/x-www-form-urlencoded', 'category=neglect&source=own-observation'],
    ['plain text', 'text/plain', JSON.stringify(bodies.signal())],
    ['XML', 'application/xml', '<signal/>'],
  ])('answers %s to a command with 415 and appends nothing', async (_what, type, body) => {
    const res = await t.as('school').post(`/cases/${caseId}/signals`).set('Content-Type', type).send(body).expect(415);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(await revision()).toBe(0);
  });

  it('refuses JSON nested 100,000 levels deep with 400 naming the body, before validating it', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const res = await t.as('school').post(`/cases/${caseId}/signals`).set('Content-Type', 'application/json').send(`{"description":${deep}}`).expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.errors).toEqual([{ field: 'body', messages: [expect.stringContaining('nest')] }]);
    expect(await revision()).toBe(0);
  });

  it('counts depth outside strings only: brackets inside a text are fine', async () => {
    await t.as('school').post(`/cases/${caseId}/signals`).send(bodies.signal({ description: '[[[[{{{{'.repeat(200) + ' (verzonnen)' })).expect(201);
  });

  it('answers a bad URL encoding and an overlong path part with problem+json', async () => {
    const bad = await t.as('school').get('/cases/%E0%A4%A').expect(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM);
    const long = await t.as('school').get(`/cases/${'a'.repeat(300)}`).expect(414);
    expect(long.headers['content-type']).toMatch(PROBLEM);
    expect(JSON.stringify(long.body)).not.toContain('aaaa'); // nothing of the request is echoed
  });

  it('answers headers that are too large with 431 problem+json', async () => {
    const answer = await raw(port, [`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`]);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toMatch(/Content-Type: application\/problem\+json/i);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 431 });
  });

  it('cuts off a body that arrives too slowly with 408 problem+json, and appends nothing', async () => {
    const body = JSON.stringify(bodies.signal());
    const head = `POST /cases/${caseId}/signals HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${PRINCIPALS.school.key}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const drip: Array<string | { wait: number }> = [head];
    for (let i = 0; i < 40; i++) drip.push(body.slice(i * 2, i * 2 + 2), { wait: 100 }); // 20 bytes/s
    const started = Date.now();
    const answer = await raw(port, drip);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toMatch(/Content-Type: application\/problem\+json/i);
    expect(Date.now() - started).toBeLessThan(3500);
    expect(await revision()).toBe(1); // only the signal of the previous test
  });

  it('sends Cache-Control: no-store and the security headers on case data', async () => {
    const res = await t.as('school').get(`/cases/${caseId}`).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  it('answers CORS only for the configured origins', async () => {
    const allowed = await request(t.app.getHttpServer()).options('/cases').set('Origin', 'https://zicht.example.nl').set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://zicht.example.nl');
    const other = await request(t.app.getHttpServer()).options('/cases').set('Origin', 'https://elders.example.com').set('Access-Control-Request-Method', 'POST');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const read = await t.as('school').get(`/cases/${caseId}`).set('Origin', 'https://elders.example.com').expect(200);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('compares If-Match strongly: W/"n" never matches, "n" does', async () => {
    const current = await revision();
    const weak = await t.as('school').post(`/cases/${caseId}/signals`).set('If-Match', `W/"${current}"`).send(bodies.signal()).expect(412);
    expect(weak.body).toMatchObject({ status: 412, currentRevision: current });
    expect(await revision()).toBe(current);
    await t.as('school').post(`/cases/${caseId}/signals`).set('If-Match', `"${current}"`).send(bodies.signal()).expect(201);
  });

  it('answers 304 to If-None-Match with the current ETag, and 200 once the case moved on', async () => {
    const first = await t.as('school').get(`/cases/${caseId}/accountability`).expect(200);
    const etag = first.headers.etag as string;
    const same = await t.as('school').get(`/cases/${caseId}/accountability`).set('If-None-Match', etag).expect(304);
    expect(same.text).toBe('');
    await t.as('school').post(`/cases/${caseId}/signals`).send(bodies.signal()).expect(201);
    await t.as('school').get(`/cases/${caseId}/accountability`).set('If-None-Match', etag).expect(200);
  });
});

describe('a flood without a valid key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ZICHT_RATE_LIMIT_ANONYMOUS: '60', ZICHT_RATE_LIMIT_PER_KEY: '100000' } });
  });
  afterAll(() => t.close());

  it('5,000 requests in 10 s add at most a few events to the store, and a valid key is served meanwhile', async () => {
    const server = t.app.getHttpServer();
    const before = (await t.store.headPosition()) ?? 0n;
    const started = Date.now();
    const statuses = new Map<number, number>();
    let served = 0;
    for (let round = 0; round < 100; round++) {
      const flood = Array.from({ length: 50 }, (_, i) =>
        request(server).get('/cases').set('Authorization', i % 2 ? 'Bearer not-a-known-key-000000' : '').then((r) => statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1)),
      );
      const valid = t.as('school').get('/worklist').then((r) => r.status === 200 && served++);
      await Promise.all([...flood, valid]);
    }
    expect(Date.now() - started).toBeLessThan(15_000); // about 5 s here; the bound leaves room for a loaded CI machine
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(5000);
    expect(statuses.get(429)).toBeGreaterThan(4800);
    expect(served).toBe(100);
    await t.app.get(AccessLog).flushCounts();
    const added = await t.store.readAll({ after: before, limit: 100_000 });
    const refusals = added.filter((e) => e.type === 'access-refusals-counted');
    expect(refusals.length).toBeGreaterThan(0);
    expect(added.filter((e) => e.type !== 'case-read').length).toBeLessThanOrEqual(12); // a few windows, never one per request
    expect(refusals.reduce((n, e) => n + (e.data.count as number), 0)).toBe(5000);
  }, 60_000);
});

describe('rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { ZICHT_RATE_LIMIT_ANONYMOUS: '20', ZICHT_RATE_LIMIT_PER_KEY: '50', ZICHT_RATE_LIMIT_WINDOW_MS: '60000' } });
  });
  afterAll(() => t.close());

  it('limits requests without a valid key per client address with 429 problem+json and Retry-After; a valid key is still served', async () => {
    const server = t.app.getHttpServer();
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await request(server).get('/cases').set('Authorization', 'Bearer not-a-key-at-all-000')).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    const limited = await request(server).get('/cases').expect(429);
    expect(limited.headers['content-type']).toMatch(PROBLEM);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ status: 429, retryAfter: Number(limited.headers['retry-after']) });
    await t.as('school').get('/cases').expect(200);
  });

  it('limits each key on its own', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 55; i++) statuses.push((await t.as('gp').get('/worklist')).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(50);
    expect(statuses.slice(50).every((s) => s === 429)).toBe(true);
    await t.as('jeugdteam').get('/worklist').expect(200);
  });
});
