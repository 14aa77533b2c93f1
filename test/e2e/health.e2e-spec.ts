import { ProjectionRunner } from '@zicht/projections';
import request from 'supertest';
import { TestApp, bodies, startTestApp } from '../support/test-app';

describe('health: /health/live and /health/ready', () => {
  let t: TestApp;
  let runner: ProjectionRunner;
  beforeAll(async () => {
    t = await startTestApp({ store: 'sqlite', env: { ZICHT_READY_MAX_LAG: '10' } });
    runner = t.app.get(ProjectionRunner);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());
  const get = (path: string) => request(t.app.getHttpServer()).get(path);

  it('is live and ready without a key, with the projections caught up', async () => {
    await t.as('school').post('/cases').send(bodies.openCase()).expect(201);
    expect((await get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    const ready = await get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up', kind: 'sqlite' }, projections: { status: 'up', behind: '0', maxLag: 10 } } });
  });

  it('is not ready (503 problem+json) when the read models are more than ZICHT_READY_MAX_LAG behind, yet live', async () => {
    const status = await runner.status();
    jest.spyOn(runner, 'status').mockResolvedValue({ ...status, behind: '11' });
    const res = await get('/health/ready').expect(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 503, title: 'Service Unavailable', error: { projections: { status: 'down', behind: '11', maxLag: 10 } } });
    expect(res.body.detail).toContain('projections');
    await get('/health/live').expect(200);
    await get('/health').expect(200); // /health knows no lag limit: it stays as it was
    jest.spyOn(runner, 'status').mockResolvedValue({ ...status, behind: '10' });
    await get('/health/ready').expect(200);
  });

  it('is not ready when the event store does not answer', async () => {
    jest.spyOn(t.store, 'ready').mockRejectedValue(new Error('disk gone'));
    const res = await get('/health/ready').expect(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ error: { eventStore: { status: 'down' } }, info: { projections: { status: 'up' } } });
    await get('/health/live').expect(200);
  });

  it('is not ready once the projections have stopped', async () => {
    await runner.stop();
    const res = await get('/health/ready').expect(503);
    expect(res.body).toMatchObject({ status: 503, error: { projections: { status: 'down', running: false } } });
    await runner.start();
    await get('/health/ready').expect(200);
  });
});
