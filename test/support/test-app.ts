import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EventStore, InMemoryEventStore, SqliteEventStore } from '@zicht/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ApiKeyRegistry } from '../../apps/api/src/auth/api-keys';
import type { Clock } from '../../apps/api/src/clock';
import { loadConfig } from '../../apps/api/src/config/config';
import { createApp } from '../../apps/api/src/create-app';
import { LOG_STREAM_PREFIXES } from '../../apps/api/src/store/event-store.module';

/** Invented principals, one per situation the tests need. Keys are test-only. */
export const PRINCIPALS = {
  school: { key: 'test-key-school-teacher-0001', id: 'leerkracht-1', name: 'Invented teacher', role: 'professional', organisation: 'obs-de-linde', beroepsgroep: 'onderwijs', qualifications: ['child-interviewer'] },
  schoolUntrained: { key: 'test-key-school-untrained-02', id: 'leerkracht-2', name: 'Invented untrained teacher', role: 'professional', organisation: 'obs-de-linde', beroepsgroep: 'onderwijs', qualifications: [] },
  otherSchool: { key: 'test-key-other-school-00003', id: 'leerkracht-9', name: 'Invented teacher elsewhere', role: 'professional', organisation: 'cbs-het-anker', beroepsgroep: 'onderwijs', qualifications: ['child-interviewer'] },
  gp: { key: 'test-key-huisarts-000000004', id: 'huisarts-1', name: 'Invented GP', role: 'professional', organisation: 'huisartsenpraktijk-oost', beroepsgroep: 'artsen', qualifications: ['child-interviewer'] },
  jeugdteam: { key: 'test-key-jeugdteam-00000005', id: 'jeugdteam-1', name: 'Invented youth worker', role: 'professional', organisation: 'jeugdteam-noord', beroepsgroep: 'jeugdhulp', qualifications: ['child-interviewer'] },
  vt13: { key: 'test-key-veilig-thuis-vr13-6', id: 'vt13-1', name: 'Invented VT worker', role: 'veilig-thuis', organisation: 'veilig-thuis-vr13', region: 'VR13', qualifications: ['child-interviewer'] },
  vt01: { key: 'test-key-veilig-thuis-vr01-7', id: 'vt01-1', name: 'Invented VT worker elsewhere', role: 'veilig-thuis', organisation: 'veilig-thuis-vr01', region: 'VR01', qualifications: ['child-interviewer'] },
  inspector: { key: 'test-key-inspector-00000008', id: 'inspecteur-1', name: 'Invented inspector', role: 'inspector', organisation: 'inspectie' },
  analyst: { key: 'test-key-analyst-0000000009', id: 'analist-1', name: 'Invented analyst', role: 'analyst', organisation: 'cbs-onderzoek' },
  admin: { key: 'test-key-admin-000000000010', id: 'beheer-1', name: 'Invented admin', role: 'admin', organisation: 'beheer' },
} as const;

export type PrincipalName = keyof typeof PRINCIPALS;

/** A clock the test can move. */
export class TestClock implements Clock {
  constructor(private current = new Date()) {}
  now(): Date {
    return new Date(this.current);
  }
  set(instant: string | Date): void {
    this.current = new Date(instant);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

export interface TestApp {
  app: NestFastifyApplication;
  store: EventStore;
  clock: TestClock;
  dataDir: string;
  as(who: PrincipalName): AgentFor;
  close(): Promise<void>;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type AgentFor = { [M in Method]: (path: string) => request.Test };

export interface TestAppOptions {
  store?: 'in-memory' | 'sqlite';
  clock?: TestClock;
  /** More configuration, as environment variables. */
  env?: Record<string, string>;
  /** Every log line, at level trace, goes here (otherwise nothing is logged). */
  logTo?: NodeJS.WritableStream;
}

/** The whole application over HTTP, on a fresh store, with the invented principals above. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zicht-e2e-'));
  const clock = options.clock ?? new TestClock();
  const store: EventStore =
    options.store === 'sqlite'
      ? new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), clock: () => clock.now(), logStreamPrefixes: LOG_STREAM_PREFIXES })
      : new InMemoryEventStore({ clock: () => clock.now(), logStreamPrefixes: LOG_STREAM_PREFIXES });
  const config = { ...loadConfig({ ZICHT_RATE_LIMIT_PER_KEY: '1000000', ZICHT_RATE_LIMIT_ANONYMOUS: '1000000', ...options.env, ZICHT_DATA_DIR: dataDir, ZICHT_LOG_LEVEL: options.logTo ? 'trace' : 'silent' }), port: 0 };
  const keys = ApiKeyRegistry.fromJson({ principals: Object.values(PRINCIPALS) }, 'test');
  const app = await createApp({ config, keys, eventStore: store, clock, logDestination: options.logTo });
  const server = app.getHttpServer();
  const as = (who: PrincipalName): AgentFor => {
    const auth = (t: request.Test) => t.set('Authorization', `Bearer ${PRINCIPALS[who].key}`);
    return {
      get: (path) => auth(request(server).get(path)),
      post: (path) => auth(request(server).post(path)),
      put: (path) => auth(request(server).put(path)),
      patch: (path) => auth(request(server).patch(path)),
      delete: (path) => auth(request(server).delete(path)),
    };
  };
  return {
    app,
    store,
    clock,
    dataDir,
    as,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Invented request bodies. */
export const bodies = {
  openCase: (overrides: Record<string, unknown> = {}) => ({ subject: { childRef: 'leerling-0042', birthYear: 2016 }, region: 'VR13', municipality: 'GM0363', ...overrides }),
  signal: (overrides: Record<string, unknown> = {}) => ({
    category: 'physical-abuse',
    source: 'own-observation',
    description: 'Blauwe plekken op beide bovenarmen, in verschillende stadia van genezing (verzonnen voorbeeld).',
    observedAt: '2026-11-02',
    ...overrides,
  }),
};

/** A body of the right shape for each command on an existing case, keyed by the path after /cases/:id/ (rules may still refuse it). */
export const commandBodies: Record<string, Record<string, unknown>> = {
  signals: bodies.signal(),
  consultations: { with: 'colleague', summary: 'Overleg (verzonnen).' },
  'child-conversations': { outcome: 'heard', moment: 'signalering', heardAlone: true, viewsSummary: 'Kind vertelt (verzonnen).' },
  weighings: { afwegingskader: { id: 'onderwijs', version: '2018' }, answers: { suspicion: false }, rationale: 'x' },
  meldingen: {},
  hulp: { mode: 'inzetten', decidedBy: 'melder', responsible: { organisation: 'x' }, plan: { aims: ['x'], childConversationEventId: '00000000-0000-4000-8000-000000000000' }, components: [], evaluation: {} },
  'monitor-checks': { safety: 'safe', helpEffective: true, notes: 'x' },
  responsibility: { scope: 'monitoring', to: { organisation: 'wijkteam' }, reason: 'x' },
  closure: { reason: 'no-suspicion', summary: 'x' },
  reopen: { reason: 'x' },
  'safety-assessments': {
    urgency: 'niet-acuut',
    safety: 'onveilig',
    decision: 'overdracht',
    handoverTo: { organisation: 'lokaal-team-noord', kind: 'lokaal-team' },
    monitoring: { by: 'overgedragen', to: { organisation: 'lokaal-team-noord' }, reason: 'x' },
    childConversationEventId: '00000000-0000-4000-8000-000000000000',
    rationale: 'x',
  },
  investigations: {
    findings: [{ form: 'physical-abuse', outcome: 'bevestigd' }],
    decision: 'voorwaarden-en-vervolg',
    monitoring: { by: 'veilig-thuis' },
    childConversationEventId: '00000000-0000-4000-8000-000000000000',
    rationale: 'x',
  },
  'safety-conditions': { conditions: [{ description: 'x', deadline: '2027-01-15' }], firstCheckDue: '2026-12-15' },
  'melder-feedback': { moment: 'na-veiligheidsbeoordeling', vervolgStarted: true, handoverParties: ['lokaal-team-noord'], melderRole: 'x', monitoringAgreements: 'x' },
  'gemeente-notices': { municipality: 'GM0363', party: 'lokaal-team-noord', reason: 'x' },
};
