import { CommandBus } from '@nestjs/cqrs';
import { AssessSafetyData, Principal } from '@zicht/case-domain';
import { StoredEvent } from '@zicht/event-store';
import { inventedBsn } from '@zicht/testing';
import { CaseCommandResult, ExecuteCaseCommand } from '../../apps/api/src/cases/execute-case-command';
import { PRINCIPALS, PrincipalName, TestApp, TestClock, bodies, startTestApp } from '../support/test-app';

// The analyst table `prior-involvement` (CBS 85361): meldingen by Veilig Thuis' prior involvement
// with the child, as the radar gave it at each melding. Every figure is checked against a count
// straight over the stored melding events (disclosure control off).
describe('analytics: prior-involvement agrees cell for cell with the event log', () => {
  let t: TestApp;
  const clock = new TestClock(new Date('2026-01-12T09:00:00.000Z'));
  const CHILD_1 = inventedBsn(101);
  const CHILD_2 = inventedBsn(202);

  const post = async (who: PrincipalName, path: string, body: object) => (await t.as(who).post(path).send(body).expect(201)).body;
  const open = async (who: PrincipalName, region: string, bsn?: string): Promise<string> =>
    (await post(who, '/cases', bodies.openCase({ region, subject: { childRef: `kind-${region}`, ...(bsn ? { bsn } : {}) } }))).caseId;
  const melding = (who: PrincipalName, caseId: string, body: object = {}) => post(who, `/cases/${caseId}/meldingen`, body);
  /** The veiligheidsbeoordeling through the one write path (its HTTP route is another issue's). */
  const assess = (vt: 'vt13' | 'vt01', caseId: string, data: Partial<AssessSafetyData> = {}) =>
    t.app.get(CommandBus).execute<ExecuteCaseCommand, CaseCommandResult>(
      new ExecuteCaseCommand(
        caseId,
        { type: 'assess-safety', data: { urgency: 'niet-acuut', safety: 'onveilig', decision: 'voorwaarden-en-vervolg', rationale: 'Verzonnen.', ...data } },
        PRINCIPALS[vt] as unknown as Principal,
        { requestHash: 'test', correlationId: 'test' },
      ),
    );
  const handedOver = { monitoring: { by: 'overgedragen' as const, to: { organisation: 'wijkteam-noord' }, reason: 'Verzonnen.' } };

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { ZICHT_ANALYTICS_ROUND_TO: '1', ZICHT_ANALYTICS_MIN_CELL: '0', ZICHT_ANALYTICS_MIN_SHARE_BASE: '0' } });
    // January: two children new to Veilig Thuis, and a melding without a BSN.
    const first1 = await open('school', 'VR13', CHILD_1);
    await melding('school', first1);
    const first2 = await open('gp', 'VR01', CHILD_2);
    await melding('gp', first2);
    await melding('jeugdteam', await open('jeugdteam', 'VR05'));
    // February: child 1 again while its first melding awaits the veiligheidsbeoordeling.
    clock.set('2026-02-16T09:00:00.000Z');
    const second1 = await open('gp', 'VR13', CHILD_1);
    await melding('gp', second1, { urgency: 'acuut' });
    await assess('vt13', first1); // Veilig Thuis monitors
    await assess('vt13', second1, handedOver);
    await assess('vt01', first2, handedOver); // child 2: Veilig Thuis knew it, monitors no more
    // April: child 1 while Veilig Thuis monitors it; child 2 after a veiligheidsbeoordeling (its BSN given with the melding).
    clock.set('2026-04-06T09:00:00.000Z');
    await melding('jeugdteam', await open('jeugdteam', 'VR05', CHILD_1));
    const second2 = await open('school', 'VR13');
    await melding('school', second2, { bsn: CHILD_2 });
    // July: a vervolgmelding on that case, while its own melding awaits its veiligheidsbeoordeling.
    clock.set('2026-07-01T09:00:00.000Z');
    await melding('school', second2);
  });
  afterAll(() => t.close());

  /** The independent count: one row per melding event, its month, region, beroepsgroep and recorded involvement. */
  async function meldingen(): Promise<Array<{ month: string; region: string; beroepsgroep: string; code: string }>> {
    const events: StoredEvent[] = await t.store.readAll({ limit: 100_000 });
    const openedBy = new Map(events.filter((e) => e.type === 'case-opened').map((e) => [e.streamId, (e.data as any).openedBy.beroepsgroep ?? 'onbekend']));
    return events
      .filter((e) => e.type === 'melding')
      .map((e) => ({ month: e.metadata.occurredAt.slice(0, 7), region: (e.data as any).region, beroepsgroep: openedBy.get(e.streamId)!, code: (e.data as any).priorInvolvement ?? 'none' }));
  }
  const groupOf = (by: string, m: { month: string; region: string; beroepsgroep: string }) =>
    by === 'region' ? m.region : by === 'beroepsgroep' ? m.beroepsgroep : by === 'month' ? m.month : `${m.month.slice(0, 4)}-H${Number(m.month.slice(5)) <= 6 ? 1 : 2}`;
  const expectedRow = (rows: Array<{ code: string }>) => {
    const n = (code: string) => rows.filter((r) => r.code === code).length;
    return {
      meldingen: rows.length,
      'priorInvolvement.none': n('none'),
      'priorInvolvement.tijdens-veiligheidsbeoordeling': n('tijdens-veiligheidsbeoordeling'),
      'priorInvolvement.na-veiligheidsbeoordeling': n('na-veiligheidsbeoordeling'),
      'priorInvolvement.tijdens-monitoring': n('tijdens-monitoring'),
      hermeldingenPercent: rows.length === 0 ? null : Math.round(((rows.length - n('none')) / rows.length) * 1000) / 10,
    };
  };

  it('the meldingen cover every kind of prior involvement, as the radar gave it', async () => {
    expect((await meldingen()).map((m) => `${m.month} ${m.region} ${m.code}`)).toEqual([
      '2026-01 VR13 none',
      '2026-01 VR01 none',
      '2026-01 VR05 none',
      '2026-02 VR13 tijdens-veiligheidsbeoordeling',
      '2026-04 VR05 tijdens-monitoring',
      '2026-04 VR13 na-veiligheidsbeoordeling',
      '2026-07 VR13 tijdens-veiligheidsbeoordeling',
    ]);
  });

  it.each(['region', 'beroepsgroep', 'half-year', 'month'].flatMap((by) => [[by, ''], [by, 'from=2026-02-01&to=2026-06-30']]))('by %s %s', async (by, q) => {
    const res = await t.as('analyst').get(`/analytics/prior-involvement?by=${by}${q ? `&${q}` : ''}`).expect(200);
    const all = await meldingen();
    const inRange = q ? all.filter((m) => m.month >= '2026-02' && m.month <= '2026-06') : all;
    const groups = new Map<string, typeof all>();
    for (const m of inRange) groups.set(groupOf(by, m), [...(groups.get(groupOf(by, m)) ?? []), m]);
    expect(res.body.columns.map((c: { key: string }) => c.key)).toEqual(Object.keys(expectedRow([])));
    const shown = new Set(res.body.rows.map((r: Record<string, string>) => r[by]));
    for (const group of groups.keys()) expect([group, shown.has(group)]).toEqual([group, true]);
    for (const row of res.body.rows) expect(row).toEqual({ [by]: row[by], ...expectedRow(groups.get(row[by]) ?? []) }); // every region and month is a row, empty ones too
    expect(res.body.total).toEqual(expectedRow(inRange));
  });

  it('gives the same figures as CSV', async () => {
    const json = (await t.as('analyst').get('/analytics/prior-involvement?by=region').expect(200)).body;
    const csv = await t.as('analyst').get('/analytics/prior-involvement?by=region').set('Accept', 'text/csv').expect(200);
    const lines = csv.text.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe(['region', ...json.columns.map((c: { key: string }) => c.key)].join(','));
    expect(lines[lines.length - 1]).toBe(['total', ...json.columns.map((c: { key: string }) => json.total[c.key])].join(','));
  });
});

describe('analytics: prior-involvement under disclosure control (default configuration)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const caseId = (await t.as('school').post('/cases').send(bodies.openCase()).expect(201)).body.caseId;
    await t.as('school').post(`/cases/${caseId}/meldingen`).send({}).expect(201);
  });
  afterAll(() => t.close());

  it('suppresses small cells and is for analysts only', async () => {
    const res = await t.as('analyst').get('/analytics/prior-involvement?by=region').expect(200);
    expect(res.body.total).toMatchObject({ meldingen: 'suppressed', 'priorInvolvement.none': 'suppressed', hermeldingenPercent: 'suppressed' });
    await t.as('vt13').get('/analytics/prior-involvement').expect(403);
  });
});
