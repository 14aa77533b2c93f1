import { PRINCIPALS, TestApp, TestClock, bodies, startTestApp } from '../support/test-app';

// Inspectors find cases: GET /cases answers them with every case, filtered by region, organisation,
// status and opening date, paged; every listed case is in the access log.
describe('inspectors find cases', () => {
  let t: TestApp;
  const opened: Array<{ caseId: string; region: string; by: 'school' | 'gp'; day: string; closed: boolean }> = [];

  beforeAll(async () => {
    const clock = new TestClock(new Date('2026-03-01T09:00:00.000Z'));
    t = await startTestApp({ clock });
    const plan: Array<[string, 'school' | 'gp', boolean]> = [
      ['VR13', 'school', false], ['VR13', 'gp', true], ['VR01', 'school', false], ['VR13', 'school', true],
      ['VR13', 'gp', false], ['VR01', 'gp', false], ['VR13', 'school', false], ['VR05', 'school', false],
    ];
    for (const [i, [region, by, closed]] of plan.entries()) {
      clock.set(`2026-03-${String(i + 1).padStart(2, '0')}T09:00:00.000Z`);
      const caseId = (await t.as(by).post('/cases').send(bodies.openCase({ region })).expect(201)).body.caseId as string;
      if (closed) await t.as(by).post(`/cases/${caseId}/closure`).send({ reason: 'no-suspicion', summary: 'Geen zorgen (verzonnen).' }).expect(201);
      opened.push({ caseId, region, by, day: `2026-03-${String(i + 1).padStart(2, '0')}`, closed });
    }
  });
  afterAll(() => t.close());

  const listAll = async (query: string, limit = 2): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { cases: Array<{ caseId: string }>; next: string | null } } = await t.as('inspector').get(`/cases?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      expect(res.body.cases.length).toBeLessThanOrEqual(limit);
      ids.push(...res.body.cases.map((c) => c.caseId));
      cursor = res.body.next;
    } while (cursor);
    return ids;
  };
  const expected = (keep: (c: (typeof opened)[number]) => boolean) => opened.filter(keep).map((c) => c.caseId).reverse(); // newest first

  it('lists every case to an inspector, newest first, in pages', async () => {
    expect(await listAll('')).toEqual(expected(() => true));
  });

  it('filters by region and status together', async () => {
    expect(await listAll('region=VR13&status=open')).toEqual(expected((c) => c.region === 'VR13' && !c.closed));
    expect(await listAll('region=VR13&status=closed')).toEqual(expected((c) => c.region === 'VR13' && c.closed));
  });

  it('filters by the organisation involved and by the opening date (inclusive days)', async () => {
    expect(await listAll(`organisation=${PRINCIPALS.gp.organisation}`)).toEqual(expected((c) => c.by === 'gp'));
    expect(await listAll('openedFrom=2026-03-03&openedTo=2026-03-05')).toEqual(expected((c) => c.day >= '2026-03-03' && c.day <= '2026-03-05'));
    expect(await listAll('openedFrom=2026-03-07T09:00:00Z')).toEqual(expected((c) => c.day >= '2026-03-07'));
  });

  it('records every listed case in the access log', async () => {
    const res = await t.as('inspector').get('/cases?region=VR01').expect(200);
    const shown = res.body.cases.map((c: { caseId: string }) => c.caseId);
    expect(shown).toHaveLength(2);
    for (const caseId of shown) {
      const log = await t.as('inspector').get(`/access-log?caseId=${caseId}&principal=${PRINCIPALS.inspector.id}`).expect(200);
      expect(log.body.entries.some((e: { route: string; caseIds: string[] }) => e.route === '/cases' && e.caseIds.includes(caseId))).toBe(true);
    }
  });

  it('keeps other principals to what they may see, whatever the filters', async () => {
    const res = await t.as('school').get(`/cases?organisation=${PRINCIPALS.gp.organisation}`).expect(200);
    expect(res.body.cases).toEqual([]);
  });

  it.each([
    ['region=VR26', 'region'],
    ['openedFrom=2026-02-30', 'openedFrom'],
    ['openedTo=yesterday', 'openedTo'],
    ['status=maybe', 'status'],
    ['colour=blue', 'colour'],
  ])('refuses %s naming %s', async (query, field) => {
    const res = await t.as('inspector').get(`/cases?${query}`).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('still refuses analysts and admins', async () => {
    await t.as('analyst').get('/cases').expect(403);
    await t.as('admin').get('/cases').expect(403);
  });
});
