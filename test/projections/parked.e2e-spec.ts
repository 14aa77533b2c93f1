import { EVENT_SCHEMA_VERSION, caseStreamId } from '@zicht/case-domain';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { TestApp, bodies, startTestApp } from '../support/test-app';

const SECRET = 'Geheime reden (verzonnen)';

describe('a poisoned event over HTTP: the platform keeps projecting and answering, and says which case is incomplete', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ store: 'sqlite' });
  });
  afterAll(() => t.close());

  it('answers the case with its last good revision and incomplete: true, lists the parked event for admins, retries and rebuilds', async () => {
    const victim = (await t.as('school').post('/cases').send(bodies.openCase()).expect(201)).body;
    await t.as('school').post(`/cases/${victim.caseId}/signals`).send(bodies.signal()).expect(201);
    // Straight into the store, as no command could write it.
    await t.store.appendToStream(caseStreamId(victim.caseId), [
      {
        type: 'responsibility-assigned',
        data: { scope: 'monitoring', to: {}, from: null, reason: SECRET },
        metadata: { eventId: randomUUID(), actor: { id: 'x', role: 'professional', organisation: 'obs-de-linde' }, occurredAt: new Date().toISOString(), correlationId: 'c', causationId: 'c', schemaVersion: EVENT_SCHEMA_VERSION },
      },
    ], { expectedRevision: 1 });

    // The log flows on: another case's commands answer with read-your-writes.
    const other = (await t.as('school').post('/cases').send(bodies.openCase()).expect(201)).body;
    const signalled = await t.as('school').post(`/cases/${other.caseId}/signals`).send(bodies.signal()).expect(201);
    expect((await t.as('school').get(`/cases/${other.caseId}`).expect(200)).body).toMatchObject({ revision: signalled.body.revision });
    expect((await t.as('school').get(`/cases/${other.caseId}`).expect(200)).body.incomplete).toBeUndefined();

    // The poisoned case answers, and says it stops before an event.
    const summary = await t.as('school').get(`/cases/${victim.caseId}`).expect(200);
    expect(summary.body).toMatchObject({ revision: 1, incomplete: true });
    expect((await t.as('school').get(`/cases/${victim.caseId}/accountability`).expect(200)).body).toMatchObject({ revision: 1, incomplete: true });
    const listed = (await t.as('school').get('/cases').expect(200)).body.cases.find((c: { caseId: string }) => c.caseId === victim.caseId);
    expect(listed).toMatchObject({ incomplete: true });

    const health = await request(t.app.getHttpServer()).get('/health').expect(200);
    expect(health.body.info.projections).toMatchObject({ parked: 1, behind: '0', parkedEvents: [{ projection: 'cases', error: 'ProjectionDataError', position: expect.stringMatching(/^\d+$/) }] });
    expect(JSON.stringify(health.body)).not.toContain(victim.caseId); // /health is public: the position names the event, an admin finds its stream
    const metrics = (await request(t.app.getHttpServer()).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/zicht_projection_parked_events\{projection="cases"\} 1/);
    expect(metrics).toContain(`zicht_projection_parked_oldest_position{projection="cases"} ${health.body.info.projections.parkedEvents[0].position}`);
    await t.as('school').get('/admin/projections/parked').expect(403);
    const parked = (await t.as('admin').get('/admin/projections/parked').expect(200)).body.parked;
    expect(parked).toEqual([expect.objectContaining({ projection: 'cases', streamId: caseStreamId(victim.caseId), revision: 2, error: 'ProjectionDataError' })]);
    expect(JSON.stringify(parked)).not.toContain(SECRET);

    expect((await t.as('admin').post('/admin/projections/parked/retry').expect(200)).body).toEqual({ retried: 1, parked: 1 });
    const rebuilt = await t.as('admin').post('/admin/projections/rebuild').expect(200);
    expect(rebuilt.body.status).toMatchObject({ parked: 1, rebuilding: false, behind: '0' });
    expect((await t.as('school').get(`/cases/${other.caseId}`).expect(200)).body).toMatchObject({ revision: signalled.body.revision });
    expect((await t.as('admin').get('/admin/projections').expect(200)).body.projections.map((p: { name: string }) => p.name)).toEqual(['cases', 'access-log', 'analytics']);
  });
});
