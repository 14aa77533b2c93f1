import request from 'supertest';
import { PRINCIPALS, TestApp, startTestApp } from '../support/test-app';

/** The platform's side of the web app, over HTTP: who a key is, the app at /app, problems in Dutch. */
describe('the web app on the platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GET /me names the principal of the key (never the key) for every role, and 401 without one', async () => {
    for (const who of ['school', 'vt13', 'inspector', 'analyst', 'admin'] as const) {
      const me = await t.as(who).get('/me').expect(200);
      const { key: _key, ...principal } = PRINCIPALS[who];
      expect(me.body).toEqual({ ...principal, qualifications: [...(('qualifications' in principal && principal.qualifications) || [])] });
      expect(JSON.stringify(me.body)).not.toContain(PRINCIPALS[who].key);
    }
    await request(t.app.getHttpServer()).get('/me').expect(401);
  });

  it('serves the page at every address under /app with a strict CSP, the assets by hash, and a 404 for a missing asset', async () => {
    const server = t.app.getHttpServer();
    for (const path of ['/app', '/app/', '/app/cases/3f2b3c4d-0000-4000-8000-000000000000']) {
      const page = await request(server).get(path).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.text).toContain('<div id="root"></div>');
    }
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec((await request(server).get('/app/').expect(200)).text)?.[1];
    expect(script).toBeDefined();
    const asset = await request(server).get(script!).expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    await request(server).get('/app/assets/no-such-file.js').expect(404);
  });

  it('answers problem details in Dutch when the request asks for it, with the rule id unchanged', async () => {
    const missing = '/cases/3f2b3c4d-0000-4000-8000-000000000000';
    const dutch = await t.as('inspector').get(missing).set('Accept-Language', 'nl-NL,nl;q=0.9,en;q=0.5').expect(404);
    expect(dutch.body).toMatchObject({ status: 404, title: 'Niet gevonden', rule: 'case.not-found' });
    expect(dutch.headers['content-language']).toBe('nl');
    const english = await t.as('inspector').get(missing).set('Accept-Language', 'en').expect(404);
    expect(english.body).toMatchObject({ status: 404, title: 'Not Found', rule: 'case.not-found' });
    expect(english.headers['content-language']).toBeUndefined();
    const refused = await t.as('analyst').get(missing).set('Accept-Language', 'nl').expect(403);
    expect(refused.body.title).toBe('Geen toestemming');
    const invalid = await t.as('school').post('/cases').set('Accept-Language', 'nl').send({ region: 'VR99' }).expect(400);
    expect(invalid.body.title).toBe('Ongeldig verzoek');
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toContain('region');
  });
});
