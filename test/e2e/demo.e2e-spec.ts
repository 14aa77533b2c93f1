import { afwegingskaders } from '@zicht/case-domain';
import { DemoClient } from '../../apps/api/src/demo/demo-client';
import { scenarios } from '../../apps/api/src/demo/scenarios';
import { PRINCIPALS, TestApp, startTestApp } from '../support/test-app';

// `npm run demo` walks its invented cases through the public API; here against the test app, so a
// scenario that a rule or a route no longer allows fails a test instead of the demo.
jest.setTimeout(60_000);

describe('the demo scenarios', () => {
  let t: TestApp;
  let client: DemoClient;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : 0;
    client = new DemoClient(`http://127.0.0.1:${port}`, { professional: PRINCIPALS.school.key, 'veilig-thuis': PRINCIPALS.vt13.key, inspector: PRINCIPALS.inspector.key });
  });
  afterAll(() => t.close());

  it('run to their end, the Veilig Thuis case through veiligheidsbeoordeling, onderzoek, Voorwaarden & Vervolg, terugkoppeling and monitoring', async () => {
    const onderwijs = afwegingskaders.find((k) => k.id === 'onderwijs')!;
    const results = [];
    for (const scenario of scenarios) results.push(await scenario(client, new Date(), { id: onderwijs.id, version: onderwijs.version }));
    const vt = results.find((r) => r.title.startsWith('Veilig Thuis'))!;
    expect(vt.steps.join('\n')).toContain('GET /cases/:id/feedback, newest first): na-onderzoek, na-veiligheidsbeoordeling');
    expect(vt.steps.at(-1)).toMatch(/deadlines: veiligheidsbeoordeling on time, onderzoek on time$/);
    expect(vt.steps.at(-1)).toContain('a check at least every 91 days for 365 days');
  });
});
