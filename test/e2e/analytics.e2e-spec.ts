import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addDays, afwegingskaders, amsterdamDate, endOfAmsterdamDay, workingDaysAfter } from '@zicht/case-domain';
import { EventStore, InMemoryEventStore, StoredEvent } from '@zicht/event-store';
import { ProjectionRunner } from '@zicht/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ApiKeyRegistry } from '../../apps/api/src/auth/api-keys';
import { loadConfig } from '../../apps/api/src/config/config';
import { createApp } from '../../apps/api/src/create-app';
import { generateCase } from '../../apps/api/src/seed/generate-cases';
import { PRINCIPALS, PrincipalName, TestApp, TestClock, bodies, startTestApp } from '../support/test-app';

jest.setTimeout(60_000);

const NOW = '2026-11-15T12:00:00.000Z';
const TODAY = NOW.slice(0, 10);
const GENERATED_CASES = 600;
const versions = Object.fromEntries(afwegingskaders.map((k) => [k.id, k.version]));

/** A principal whose beroepsgroep (from the keys file) is a spreadsheet formula. */
const FORMULA = { key: 'test-key-formula-beroep-0011', id: 'formule-1', name: 'Invented', role: 'professional', organisation: 'org-formule', beroepsgroep: '=HYPERLINK("http://x.invalid","klik")', qualifications: [] };

async function caughtUp(app: NestFastifyApplication, store: EventStore): Promise<void> {
  const head = await store.headPosition();
  if (head !== null) expect(await app.get(ProjectionRunner).waitFor(head, 30_000)).toBe(true);
}

async function allEvents(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let after: bigint | null = null; ; ) {
    const batch: StoredEvent[] = await store.readAll({ after, limit: 1000 });
    if (batch.length === 0) return events;
    events.push(...batch);
    after = batch[batch.length - 1].position;
  }
}

// ------------------------------------------------------------------------------------------------
// The independent count: straight over the stored events, one case stream at a time, with plain
// loops and finds (no code of the analytics projection or of the API).

interface Item {
  column: string;
  month: string;
  region: string;
  beroepsgroep: string;
  days?: number;
}

const dayOf = (e: StoredEvent) => e.metadata.occurredAt.slice(0, 10);
const dayDiff = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

function itemsOf(events: StoredEvent[], today: string): Item[] {
  const streams = new Map<string, StoredEvent[]>();
  for (const e of events) if (e.streamId.startsWith('case-')) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
  const items: Item[] = [];
  for (const evs of streams.values()) {
    evs.sort((a, b) => a.revision - b.revision);
    const opened = evs[0].data as any;
    const region: string = opened.region;
    const beroepsgroep: string = opened.openedBy.beroepsgroep ?? 'onbekend';
    const item = (column: string, e: StoredEvent, extra: Partial<Item> = {}) =>
      items.push({ column, month: e.metadata.occurredAt.slice(0, 7), region, beroepsgroep, ...extra });
    const byId = (id: string) => evs.find((e) => e.metadata.eventId === id);

    for (const e of evs) {
      const d = e.data as any;
      if (e.type === 'consultation' && d.with === 'veilig-thuis') item('adviesvraag', e);
      if (e.type === 'melding') {
        item('melding', e, { region: d.region });
        item(d.meldplicht.mandatory ? 'mandatory' : 'voluntary', e, { region: d.region });
        if (d.meldplicht.mandatory) item('delay', e, { region: d.region, days: dayDiff(dayOf(byId(d.meldplicht.causeEventId)!), dayOf(e)) });
      }
      if (e.type === 'weighed') {
        item('weighing', e);
        item(`conclusion.${d.conclusion}`, e);
        if (d.conclusion === 'melding-required') for (const g of d.meldplichtGrounds) item(`ground.${g}`, e);
      }
      if (e.type === 'monitor-check') {
        if (d.makesMeldingMandatory) {
          item('duty-monitoring', e);
          item('ground.no-lasting-safety', e);
        }
        const previous = evs.filter((p) => p.revision < e.revision && (p.type === 'hulp-ingezet' || p.type === 'monitor-check')).pop();
        // A check of Veilig Thuis' monitoring without help has no earlier due date in this table's
        // fold (it does not read the decisions' nextCheckDue yet): counted on time, as the fold does.
        const due = previous === undefined ? null : previous.type === 'hulp-ingezet' ? (previous.data as any).evaluation.firstCheckDue : (previous.data as any).nextCheckDue;
        item('check', e);
        if (due === null || dayOf(e) <= due) item('check-on-time', e);
      }
      if (e.type === 'hulp-ingezet') {
        item('hulp', e);
        item(`hulp.${d.mode}`, e);
        const heardIn = byId(d.plan.childConversationEventId)?.type === 'child-heard';
        const components = d.components.every((c: any) => c.startsOn && c.deadline >= c.startsOn && c.intendedDurationWeeks > 0) && d.components.length > 0;
        if (heardIn && components && d.evaluation.intervalDays > 0 && d.evaluation.firstCheckDue) item('complete-plan', e);
      }
      if (e.type === 'responsibility-assigned' && d.scope === 'monitoring') item('handover', e);

      // Veilig Thuis (region: the melding's), judged by when things happened, in the calendar's working days.
      if (e.type === 'safety-assessed') {
        const melding = byId(d.meldingEventId)!;
        const m = melding.data as any;
        const acute = m.urgency === 'acuut' || m.grounds.includes('acute-unsafety') || m.meldplicht.grounds.includes('acute-unsafety');
        const dueAt = acute ? Date.parse(melding.metadata.occurredAt) + 24 * 3_600_000 : Date.parse(workingDaysAfter(melding.metadata.occurredAt, 5));
        const at = { region: m.region };
        item('sa', e, at);
        item(`sa.decision.${d.decision}`, e, at);
        item(`sa.urgency.${d.urgency}`, e, at);
        if (Date.parse(e.metadata.occurredAt) <= dueAt) item('sa.on-time', e, at);
      }
      if (e.type === 'investigation-completed') {
        const assessment = byId(d.safetyAssessedEventId)!;
        const at = { region: (byId((assessment.data as any).meldingEventId)!.data as any).region };
        item('inv', e, at);
        item(`inv.decision.${d.decision}`, e, at);
        if (d.endedEarly) item('inv.ended-early', e, at);
        for (const f of d.findings) item(`inv.finding.${f.form}.${f.outcome}`, e, at);
        const dueAt = Date.parse(endOfAmsterdamDay(addDays(amsterdamDate(assessment.metadata.occurredAt), 70)));
        if (Date.parse(e.metadata.occurredAt) <= dueAt) item('inv.on-time', e, at);
      }
    }

    const first = evs.find((e) => e.type === 'weighed');
    if (first) {
      const before = evs.filter((e) => e.revision < first.revision);
      const heard = before.filter((e) => e.type === 'child-heard').map((e) => e.data as any);
      item('weighed', first);
      if (heard.length > 0) {
        item('heard', first);
        if (heard.some((h) => h.interviewerTrained)) item('heard-by-trained', first);
        if (heard.some((h) => h.heardAlone)) item('heard-alone', first);
        if (heard.some((h) => h.interviewerTrained && h.heardAlone)) item('heard-by-trained-alone', first);
      } else {
        item('not-heard', first);
        const last = before.filter((e) => e.type === 'child-not-heard').pop();
        if (last) item(`reason.${(last.data as any).reason}`, first);
      }
      const signal = evs.find((e) => e.type === 'signal');
      if (signal) item('signal-to-weighing', first, { days: dayDiff(dayOf(signal), dayOf(first)) });
    }

    const lastStatus = evs.filter((e) => e.type === 'case-closed' || e.type === 'case-reopened').pop();
    const hulp = evs.filter((e) => e.type === 'hulp-ingezet').pop();
    if (hulp && lastStatus?.type !== 'case-closed') {
      const checks = evs.filter((e) => e.type === 'monitor-check' && e.revision > hulp.revision);
      const due = checks.length > 0 ? (checks[checks.length - 1].data as any).nextCheckDue : (hulp.data as any).evaluation.firstCheckDue;
      item('monitored', hulp);
      if (due < today) item('overdue', hulp);
    }
  }
  return items;
}

type Expected = Record<string, number | null>;

function expectedRow(table: string, items: Item[]): Expected {
  const n = (column: string) => items.filter((i) => i.column === column).length;
  const days = (column: string) => items.filter((i) => i.column === column).map((i) => i.days!);
  const pct = (num: number, base: number) => (base === 0 ? null : Math.round((num / base) * 1000) / 10);
  const pth = (values: number[], p: number) => (values.length === 0 ? null : [...values].sort((a, b) => a - b)[Math.ceil((p / 100) * values.length) - 1]);
  switch (table) {
    case 'adviezen-meldingen':
      return { adviesvragen: n('adviesvraag'), meldingen: n('melding') };
    case 'meldplicht': {
      const delays = days('delay');
      return {
        weighings: n('weighing'),
        'conclusion.no-suspicion': n('conclusion.no-suspicion'),
        'conclusion.melding-required': n('conclusion.melding-required'),
        'conclusion.hulp-without-melding': n('conclusion.hulp-without-melding'),
        dutiesFromMonitoring: n('duty-monitoring'),
        'ground.acute-unsafety': n('ground.acute-unsafety'),
        'ground.structural-unsafety': n('ground.structural-unsafety'),
        'ground.no-effective-help': n('ground.no-effective-help'),
        'ground.help-not-accepted': n('ground.help-not-accepted'),
        'ground.no-lasting-safety': n('ground.no-lasting-safety'),
        meldingen: n('melding'),
        mandatoryMeldingen: n('mandatory'),
        voluntaryMeldingen: n('voluntary'),
        mandatorySameDay: delays.filter((d) => d <= 0).length,
        mandatoryWithin7Days: delays.filter((d) => d >= 1 && d <= 7).length,
        mandatoryAfter7Days: delays.filter((d) => d > 7).length,
      };
    }
    case 'child-participation': {
      const base = n('weighed');
      return {
        weighedCases: base,
        heard: n('heard'),
        heardPercent: pct(n('heard'), base),
        heardByTrained: n('heard-by-trained'),
        heardByTrainedPercent: pct(n('heard-by-trained'), base),
        heardAlone: n('heard-alone'),
        heardAlonePercent: pct(n('heard-alone'), base),
        heardByTrainedAlone: n('heard-by-trained-alone'),
        heardByTrainedAlonePercent: pct(n('heard-by-trained-alone'), base),
        notHeard: n('not-heard'),
        'notHeardReason.child-declined': n('reason.child-declined'),
        'notHeardReason.safety-risk': n('reason.safety-risk'),
        'notHeardReason.not-feasible-despite-accommodations': n('reason.not-feasible-despite-accommodations'),
        'notHeardReason.not-reachable': n('reason.not-reachable'),
      };
    }
    case 'timeliness':
      return {
        weighedCases: n('signal-to-weighing'),
        signalToWeighingMedianDays: pth(days('signal-to-weighing'), 50),
        signalToWeighingP90Days: pth(days('signal-to-weighing'), 90),
        mandatoryMeldingen: n('delay'),
        causeToMeldingMedianDays: pth(days('delay'), 50),
        causeToMeldingP90Days: pth(days('delay'), 90),
        monitorChecks: n('check'),
        monitorChecksOnTime: n('check-on-time'),
        monitorChecksOnTimePercent: pct(n('check-on-time'), n('check')),
      };
    case 'monitoring':
      return {
        hulp: n('hulp'),
        inzetten: n('hulp.inzetten'),
        voortzetten: n('hulp.voortzetten'),
        completePlan: n('complete-plan'),
        completePlanPercent: pct(n('complete-plan'), n('hulp')),
        underMonitoring: n('monitored'),
        monitoringOverdue: n('overdue'),
        monitoringOverduePercent: pct(n('overdue'), n('monitored')),
        monitoringHandovers: n('handover'),
      };
    case 'safety-assessments':
      return {
        safetyAssessments: n('sa'),
        ...Object.fromEntries(['onderzoek', 'rvdk-onderzoek', 'voorwaarden-en-vervolg', 'overdracht', 'einde-bemoeienis', 'advies'].map((x) => [`decision.${x}`, n(`sa.decision.${x}`)])),
        'urgency.acuut': n('sa.urgency.acuut'),
        'urgency.niet-acuut': n('sa.urgency.niet-acuut'),
        withinDeadline: n('sa.on-time'),
        withinDeadlinePercent: pct(n('sa.on-time'), n('sa')),
      };
    case 'investigations':
      return {
        investigations: n('inv'),
        endedEarly: n('inv.ended-early'),
        ...Object.fromEntries(['voorwaarden-en-vervolg', 'overdracht', 'rvdk-verzoek', 'einde-bemoeienis'].map((x) => [`decision.${x}`, n(`inv.decision.${x}`)])),
        withinTenWeeks: n('inv.on-time'),
        withinTenWeeksPercent: pct(n('inv.on-time'), n('inv')),
        ...Object.fromEntries(
          ['physical-abuse', 'sexual-abuse', 'emotional-abuse', 'neglect', 'domestic-violence-witnessed', 'other'].flatMap((form) =>
            ['bevestigd', 'niet-bevestigd', 'weerlegd'].map((outcome) => [`finding.${form}.${outcome}`, n(`inv.finding.${form}.${outcome}`)]),
          ),
        ),
      };
  }
  throw new Error(table);
}

const groupOf = (by: string, i: Item) =>
  by === 'region' ? i.region : by === 'beroepsgroep' ? i.beroepsgroep : by === 'month' ? i.month : `${i.month.slice(0, 4)}-H${Number(i.month.slice(5)) <= 6 ? 1 : 2}`;

const TABLES = ['adviezen-meldingen', 'meldplicht', 'child-participation', 'timeliness', 'monitoring', 'safety-assessments', 'investigations'];
const DIMENSIONS = ['region', 'beroepsgroep', 'half-year', 'month'];

// ------------------------------------------------------------------------------------------------

describe('analytics: every figure equals an independent count over the events (disclosure control off)', () => {
  let app: NestFastifyApplication;
  let store: InMemoryEventStore;
  let dataDir: string;
  let items: Item[];
  const as = (key: string) => (path: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${key}`);
  const analyst = as(PRINCIPALS.analyst.key);
  const post = (who: { key: string }, path: string, body: object) =>
    request(app.getHttpServer()).post(path).set('Authorization', `Bearer ${who.key}`).send(body).expect(201).then((r) => r.body);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'zicht-analytics-e2e-'));
    const clock = new TestClock(new Date(NOW));
    store = new InMemoryEventStore({ clock: () => clock.now() });
    for (let i = 0; i < GENERATED_CASES; i++) {
      const c = generateCase(i, { seed: 31, versions, end: new Date('2026-11-01T00:00:00Z') });
      await store.appendToStream(c.streamId, c.events, { expectedRevision: 'no-stream' });
    }
    const config = loadConfig({ ZICHT_DATA_DIR: dataDir, ZICHT_LOG_LEVEL: 'silent', ZICHT_ANALYTICS_ROUND_TO: '1', ZICHT_ANALYTICS_MIN_CELL: '0', ZICHT_ANALYTICS_MIN_SHARE_BASE: '0' });
    const keys = ApiKeyRegistry.fromJson({ principals: [...Object.values(PRINCIPALS), FORMULA] }, 'test');
    app = await createApp({ config, keys, eventStore: store, clock });

    // What the generator never does: an unsafe check after help without a melding, the melding it
    // makes mandatory ten days later, and a handover of monitoring.
    const school = PRINCIPALS.schoolUntrained;
    const at = (date: string) => `${date}T10:00:00.000Z`;
    const { caseId } = await post(school, '/cases', bodies.openCase({ region: 'VR05', occurredAt: at('2026-02-02') }));
    const c = `/cases/${caseId}`;
    await post(school, `${c}/signals`, bodies.signal({ observedAt: '2026-02-01', occurredAt: at('2026-02-03') }));
    const heard = await post(school, `${c}/child-conversations`, { outcome: 'heard', moment: 'signalering', heardAlone: true, viewsSummary: 'Verzonnen.', occurredAt: at('2026-02-05') });
    await post(school, `${c}/weighings`, { afwegingskader: { id: 'onderwijs', version: versions.onderwijs }, answers: { suspicion: true, acuteUnsafety: false, structuralUnsafety: false, canOfferEffectiveHelp: true, helpAccepted: true, helpLeadsToSafety: true }, rationale: 'Verzonnen.', occurredAt: at('2026-02-10') });
    await post(school, `${c}/hulp`, {
      mode: 'inzetten',
      decidedBy: 'melder',
      responsible: { organisation: 'wijkteam-oost' },
      plan: { aims: ['Verzonnen doel'], childConversationEventId: heard.events[0].eventId, discussedWith: ['ouders'] },
      components: [{ kind: 'gezinsbegeleiding', provider: 'wijkteam-oost', startsOn: '2026-02-13', deadline: '2026-05-01', intendedDurationWeeks: 10 }],
      evaluation: { method: 'huisbezoek', intervalDays: 21, firstCheckDue: '2026-03-01' },
      occurredAt: at('2026-02-12'),
    });
    await post(school, `${c}/monitor-checks`, { safety: 'unsafe', helpEffective: false, notes: 'Verzonnen.', occurredAt: at('2026-03-10') });
    await post(school, `${c}/meldingen`, { occurredAt: at('2026-03-20') });
    await post(school, `${c}/responsibility`, { scope: 'monitoring', to: { organisation: 'wijkteam-zuid' }, reason: 'Verzonnen.', occurredAt: at('2026-03-25') });
    const formula = await post(FORMULA, '/cases', bodies.openCase({ region: 'VR05', occurredAt: at('2026-04-01') }));
    await post(FORMULA, `/cases/${formula.caseId}/meldingen`, { occurredAt: at('2026-04-02') });

    await caughtUp(app, store);
    items = itemsOf(await allEvents(store), TODAY);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the data covers every kind of fact the tables count', () => {
    const columns = new Set(items.map((i) => i.column));
    for (const c of ['adviesvraag', 'melding', 'mandatory', 'voluntary', 'delay', 'duty-monitoring', 'heard-by-trained-alone', 'not-heard', 'hulp.voortzetten', 'complete-plan', 'check-on-time', 'overdue', 'handover']) {
      expect(columns).toContain(c);
    }
    for (const c of ['sa.decision.onderzoek', 'sa.decision.overdracht', 'sa.urgency.acuut', 'sa.on-time', 'inv', 'inv.ended-early', 'inv.on-time']) expect(columns).toContain(c);
    // Some veiligheidsbeoordelingen and onderzoeken are late, and most are on time.
    const share = (part: string, whole: string) => items.filter((i) => i.column === part).length / items.filter((i) => i.column === whole).length;
    expect(share('sa.on-time', 'sa')).toBeGreaterThan(0.5);
    expect(share('sa.on-time', 'sa')).toBeLessThan(0.95);
    expect(share('inv.on-time', 'inv')).toBeLessThan(1);
    expect(items.filter((i) => i.column === 'hulp').length).toBeGreaterThan(items.filter((i) => i.column === 'complete-plan').length);
  });

  const queries = [
    ['all time', ''],
    ['period=2026-H1', 'period=2026-H1'],
    ['from/to', 'from=2025-10-01&to=2026-03-31'],
  ] as const;

  describe.each(TABLES)('%s', (table) => {
    it.each(DIMENSIONS.flatMap((by) => queries.map(([label, q]) => [by, label, q] as const)))('by %s, %s', async (by, _label, q) => {
      const res = await analyst(`/analytics/${table}?by=${by}${q ? `&${q}` : ''}`).expect(200);
      const params = new URLSearchParams(q);
      const [from, to] = params.get('period') === '2026-H1' ? ['2026-01', '2026-06'] : [params.get('from')?.slice(0, 7) ?? '0000-00', params.get('to')?.slice(0, 7) ?? '9999-99'];
      const inRange = items.filter((i) => i.month >= from && i.month <= to);
      const groups = new Map<string, Item[]>();
      for (const i of inRange) groups.set(groupOf(by, i), [...(groups.get(groupOf(by, i)) ?? []), i]);

      expect(res.body).toMatchObject({ table, by });
      const shown = new Map<string, Record<string, unknown>>(res.body.rows.map((r: Record<string, unknown>) => [r[by] as string, r]));
      for (const [group, groupItems] of groups) {
        if (Object.values(expectedRow(table, groupItems)).some((v) => v !== 0 && v !== null)) expect([group, shown.has(group)]).toEqual([group, true]);
      }
      for (const [group, row] of shown) {
        expect({ group, ...row }).toEqual({ group, [by]: group, ...expectedRow(table, groups.get(group) ?? []) });
      }
      expect(res.body.total).toEqual(expectedRow(table, inRange));
      expect(res.body.columns.map((c: { key: string }) => c.key)).toEqual(Object.keys(expectedRow(table, [])));
    });
  });

  it('gives CSV with Accept: text/csv: the same figures, and a beroepsgroep that looks like a formula defused', async () => {
    const json = (await analyst('/analytics/meldplicht?by=beroepsgroep').expect(200)).body;
    const res = await analyst('/analytics/meldplicht?by=beroepsgroep').set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe(['beroepsgroep', ...json.columns.map((c: { key: string }) => c.key)].join(','));
    expect(lines).toHaveLength(json.rows.length + 2);
    const values = (group: string) => {
      const row = json.rows.find((r: Record<string, unknown>) => r.beroepsgroep === group);
      return json.columns.map((c: { key: string }) => row[c.key]).join(',');
    };
    expect(values(FORMULA.beroepsgroep)).toMatch(/[1-9]/);
    expect(lines).toContain(`"'=HYPERLINK(""http://x.invalid"",""klik"")",${values(FORMULA.beroepsgroep)}`);
    expect(lines).toContain(`onderwijs,${values('onderwijs')}`);
    expect(lines[lines.length - 1]).toBe(['total', ...json.columns.map((c: { key: string }) => json.total[c.key])].join(','));
  });
});

describe('analytics: disclosure control, roles and bad input (default configuration)', () => {
  let t: TestApp;
  const melding = async (region: string, day: string) => {
    const { caseId } = (await t.as('school').post('/cases').send(bodies.openCase({ region, occurredAt: `${day}T09:00:00Z` })).expect(201)).body;
    await t.as('school').post(`/cases/${caseId}/meldingen`).send({ occurredAt: `${day}T10:00:00Z` }).expect(201);
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(new Date(NOW)) });
    for (let i = 0; i < 3; i++) await melding('VR07', `2026-0${1 + (i % 6)}-1${i % 9}`);
    for (let i = 0; i < 47; i++) await melding('VR08', `2026-0${1 + (i % 6)}-1${i % 9}`);
    await melding('VR08', '2026-07-01'); // the second half-year
    // 12 cases weighed in VR09 (a share over 12), 2 in VR10 (a share over 2).
    for (const [region, n] of [['VR09', 12], ['VR10', 2]] as const) {
      for (let i = 0; i < n; i++) {
        const { caseId } = (await t.as('school').post('/cases').send(bodies.openCase({ region, occurredAt: '2026-02-02T09:00:00Z' })).expect(201)).body;
        const c = `/cases/${caseId}`;
        await t.as('school').post(`${c}/signals`).send(bodies.signal({ observedAt: '2026-02-01', occurredAt: '2026-02-02T10:00:00Z' })).expect(201);
        await t.as('school').post(`${c}/child-conversations`).send({ outcome: 'heard', moment: 'signalering', heardAlone: i % 2 === 0, viewsSummary: 'Verzonnen.', occurredAt: '2026-02-03T10:00:00Z' }).expect(201);
        await t.as('school').post(`${c}/weighings`).send({ afwegingskader: { id: 'onderwijs', version: '2018' }, answers: { suspicion: false }, rationale: 'Verzonnen.', occurredAt: '2026-02-04T10:00:00Z' }).expect(201);
      }
    }
    await caughtUp(t.app, t.store);
  });
  afterAll(() => t.close());

  it('shows a region with 3 meldingen as suppressed and one with 47 as 45', async () => {
    const events = (await allEvents(t.store)).filter((e) => e.type === 'melding' && e.metadata.occurredAt < '2026-07');
    const count = (region: string) => events.filter((e) => (e.data as { region: string }).region === region).length;
    expect([count('VR07'), count('VR08')]).toEqual([3, 47]);

    const res = await t.as('analyst').get('/analytics/adviezen-meldingen?period=2026-H1').expect(200);
    const row = (region: string) => res.body.rows.find((r: { region: string }) => r.region === region);
    expect(row('VR07').meldingen).toBe('suppressed');
    expect(row('VR08').meldingen).toBe(45);
    expect(row('VR01')).toEqual({ region: 'VR01', adviesvragen: 'suppressed', meldingen: 'suppressed' });
    expect(res.body.total.meldingen).toBe(50);
    expect(res.body.disclosure).toMatchObject({ roundTo: 5, minCell: 10, minShareBase: 10, marker: 'suppressed' });

    const csv = await t.as('analyst').get('/analytics/adviezen-meldingen?period=2026-H1').set('Accept', 'text/csv').expect(200);
    expect(csv.text).toContain('\r\nVR07,suppressed,suppressed\r\n');
    expect(csv.text).toContain('\r\nVR08,suppressed,45\r\n');
  });

  it('suppresses shares and percentiles whose base is under 10', async () => {
    const res = await t.as('analyst').get('/analytics/child-participation?period=2026-H1').expect(200);
    const row = (region: string) => res.body.rows.find((r: { region: string }) => r.region === region);
    expect(row('VR09')).toMatchObject({ weighedCases: 10, heard: 10, heardPercent: 100, heardAlone: 'suppressed', heardAlonePercent: 50 });
    expect(row('VR10')).toMatchObject({ weighedCases: 'suppressed', heard: 'suppressed', heardPercent: 'suppressed', heardAlonePercent: 'suppressed' });
    expect(res.body.total).toMatchObject({ weighedCases: 15, heardPercent: 100, heardAlonePercent: 50 });

    const timeliness = await t.as('analyst').get('/analytics/timeliness?by=half-year&period=2026').expect(200);
    expect(timeliness.body.rows.map((r: Record<string, unknown>) => r['half-year'])).toEqual(['2026-H1', '2026-H2']);
    expect(timeliness.body.total).toMatchObject({ weighedCases: 15, signalToWeighingMedianDays: 2, mandatoryMeldingen: 'suppressed', causeToMeldingMedianDays: 'suppressed' });
  });

  it('answers every analyst table to analysts only', async () => {
    const others: PrincipalName[] = ['school', 'vt13', 'inspector', 'admin'];
    for (const table of [...TABLES, '']) {
      const path = table ? `/analytics/${table}` : '/analytics';
      await t.as('analyst').get(path).expect(200);
      for (const who of others) {
        const res = await t.as(who).get(path).expect(403);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
    }
    await request(t.app.getHttpServer()).get('/analytics/meldplicht').expect(401);
  });

  it('refuses the analyst every other endpoint (403), whatever the case', async () => {
    const doc = (await request(t.app.getHttpServer()).get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const open = /^\/(analytics|health|metrics|afwegingskaders|me)(\/|$)/; // the tables, liveness, the metrics (open in this configuration), the public afwegingskader registry, and who the key is
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => [method, path] as const));
    const refused = operations.filter(([, path]) => !open.test(path));
    expect(refused.filter(([, path]) => path.startsWith('/cases')).length).toBeGreaterThanOrEqual(10);
    const caseId = (await t.as('school').post('/cases').send(bodies.openCase()).expect(201)).body.caseId;
    for (const [method, path] of refused) {
      const url = path.replace(/\{[^}]+\}/g, caseId);
      const call = (t.as('analyst') as unknown as Record<string, (p: string) => request.Test>)[method](url);
      const res = method === 'get' ? await call : await call.send({});
      expect(`${method.toUpperCase()} ${path} ${res.status}`).toBe(`${method.toUpperCase()} ${path} 403`);
    }
  });

  it.each([
    ['/analytics/meldplicht?by=municipality', 'by'],
    ['/analytics/meldplicht?from=2026-01-15', 'from'],
    ['/analytics/meldplicht?to=2026-13', 'to'],
    ['/analytics/meldplicht?from=2026-06&to=2026-01', 'to'],
    ['/analytics/meldplicht?period=2026-Q1', 'period'],
    ['/analytics/meldplicht?period=2026&from=2026-01', 'period'],
  ])('answers %s with 400 naming %s', async (url, field) => {
    const res = await t.as('analyst').get(url).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it('answers an unknown table with 404', async () => {
    const res = await t.as('analyst').get('/analytics/kinderen?by=region').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
