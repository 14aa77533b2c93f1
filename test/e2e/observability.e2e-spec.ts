import { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-node';
import request from 'supertest';
import { Tracing, startTracing, tracingEnabled } from '../../apps/api/src/observability/tracing';
import { PRINCIPALS, TestApp, bodies, startTestApp } from '../support/test-app';

jest.setTimeout(30_000);

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus text format: `name{a="x",b="y"} value` lines (comments skipped). */
function parseMetrics(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

function sample(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('GET /metrics', () => {
  let t: TestApp;
  let caseId: string;
  let text: string;
  let samples: Sample[];

  beforeAll(async () => {
    t = await startTestApp({ store: 'sqlite' });
    caseId = (await t.as('school').post('/cases').send(bodies.openCase()).expect(201)).body.caseId;
    await t.as('school').post(`/cases/${caseId}/signals`).send(bodies.signal()).expect(201);
    await t.as('school').post(`/cases/${caseId}/signals`).set('If-Match', '"0"').send(bodies.signal()).expect(412);
    await t.as('school').post(`/cases/${caseId}/monitor-checks`).send({ safety: 'safe', helpEffective: true, notes: 'Rustig (verzonnen).' }).expect(422);
    await t.as('school').post(`/cases/${caseId}/signals`).set('Idempotency-Key', 'metrics-test-key-1').send(bodies.signal()).expect(201);
    await t.as('school').post(`/cases/${caseId}/signals`).set('Idempotency-Key', 'metrics-test-key-1').send(bodies.signal()).expect(201);
    await t.as('otherSchool').get(`/cases/${caseId}`).expect(404);
    await t.as('inspector').get(`/cases/${caseId}`).expect(200);
    await request(t.app.getHttpServer()).get(`/no-such-place/${caseId}?childRef=leerling-0042`).expect(404);
    const res = await request(t.app.getHttpServer()).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    text = res.text;
    samples = parseMetrics(text);
  });
  afterAll(() => t.close());

  it('counts requests and times them by route pattern and status', () => {
    expect(sample(samples, 'zicht_http_requests_total', { method: 'POST', route: '/cases/:id/signals', status: '201' })).toBe(3);
    expect(sample(samples, 'zicht_http_requests_total', { method: 'POST', route: '/cases/:id/signals', status: '412' })).toBe(1);
    expect(sample(samples, 'zicht_http_requests_total', { method: 'GET', route: '/cases/:id', status: '404' })).toBe(1);
    expect(sample(samples, 'zicht_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(sample(samples, 'zicht_http_request_duration_seconds_count', { method: 'POST', route: '/cases', status: '201' })).toBe(1);
    expect(sample(samples, 'zicht_http_request_duration_seconds_bucket', { method: 'POST', route: '/cases', status: '201', le: '+Inf' })).toBe(1);
  });

  it('counts commands by type and outcome, refusals by their rule', () => {
    expect(sample(samples, 'zicht_commands_total', { command: 'open-case', outcome: 'appended' })).toBe(1);
    expect(sample(samples, 'zicht_commands_total', { command: 'record-signal', outcome: 'appended' })).toBe(2);
    expect(sample(samples, 'zicht_commands_total', { command: 'record-signal', outcome: 'replayed' })).toBe(1);
    expect(sample(samples, 'zicht_commands_total', { command: 'record-signal', outcome: 'conflict' })).toBe(1);
    expect(sample(samples, 'zicht_commands_total', { command: 'record-monitor-check', outcome: 'refused', rule: 'monitor-check.requires-hulp' })).toBe(1);
    // The other school's attempt on a case out of its sight never reached a decision: it is a read.
    expect(samples.filter((s) => s.name === 'zicht_commands_total' && s.labels.outcome === 'refused')).toHaveLength(1);
  });

  it('times appends by stream kind, and measures access-log batches and projection batches', () => {
    expect(sample(samples, 'zicht_event_store_append_duration_seconds_count', { store: 'sqlite', stream: 'case', outcome: 'ok' })).toBe(3); // open, signal, the first idempotent signal
    // The inspector's read and the other school's refused attempt went to the access log.
    expect(sample(samples, 'zicht_access_log_batch_size_sum')).toBeGreaterThanOrEqual(2);
    expect(sample(samples, 'zicht_projection_batch_size_sum')).toBeGreaterThanOrEqual(4);
  });

  it('shows the projection position, the head and the lag', async () => {
    const status = await t.app.get((await import('@zicht/projections')).ProjectionRunner).status();
    const scraped = parseMetrics((await request(t.app.getHttpServer()).get('/metrics').expect(200)).text);
    expect(sample(scraped, 'zicht_projection_head')).toBe(Number(status.head));
    expect(sample(scraped, 'zicht_projection_position')).toBeGreaterThan(0);
    expect(sample(scraped, 'zicht_projection_lag')).toBe(Number(status.head) - sample(scraped, 'zicht_projection_position')!);
    expect(sample(scraped, 'zicht_projection_running')).toBe(1);
  });

  it('includes the process metrics', () => {
    expect(sample(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('holds no case id, key, raw URL or personal data in any label', () => {
    const values = samples.flatMap((s) => Object.values(s.labels));
    expect(values.length).toBeGreaterThan(50);
    expect(values.filter((v) => UUID.test(v))).toEqual([]);
    expect(text).not.toContain(caseId);
    expect(text).not.toContain('leerling-0042');
    expect(text).not.toContain('no-such-place');
    for (const p of Object.values(PRINCIPALS)) expect(text).not.toContain(p.key);
  });
});

describe('GET /metrics behind ZICHT_METRICS_KEY', () => {
  const metricsKey = 'scrape-key-invented-0001';
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { ZICHT_METRICS_KEY: metricsKey } })));
  afterAll(() => t.close());

  it.each([
    ['no key', undefined],
    ['an API key', `Bearer ${PRINCIPALS.admin.key}`],
    ['a wrong key', `Bearer ${metricsKey}x`],
  ])('answers 401 problem+json to %s', async (_, authorization) => {
    const call = request(t.app.getHttpServer()).get('/metrics');
    const res = await (authorization ? call.set('Authorization', authorization) : call).expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toContain('ZICHT_METRICS_KEY');
    expect(res.text).not.toContain('zicht_');
  });

  it('answers the metrics to the metrics key', async () => {
    const res = await request(t.app.getHttpServer()).get('/metrics').set('Authorization', `Bearer ${metricsKey}`).expect(200);
    expect(res.text).toContain('zicht_http_requests_total');
  });

  it('is in the OpenAPI document as Prometheus text, open or behind its own key (never an API key)', async () => {
    const doc = await request(t.app.getHttpServer()).get('/docs-json').expect(200);
    const metrics = doc.body.paths['/metrics'].get;
    expect(Object.keys(metrics.responses['200'].content)).toEqual([expect.stringMatching(/^text\/plain/)]);
    expect(metrics.security).toEqual([{}, { metricsKey: [] }]);
    expect(doc.body.components.securitySchemes.metricsKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe('tracing (OpenTelemetry, in-memory exporter)', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let t: TestApp;
  beforeAll(async () => {
    tracing = startTracing({ exporter })!;
    t = await startTestApp({ store: 'sqlite' });
  });
  afterAll(async () => {
    await t.close();
    await tracing.shutdown();
  });
  beforeEach(() => exporter.reset());

  const finished = async (predicate: (spans: ReadableSpan[]) => boolean): Promise<ReadableSpan[]> => {
    for (let i = 0; i < 100; i++) {
      const spans = exporter.getFinishedSpans();
      if (predicate(spans)) return spans;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`spans not finished: ${exporter.getFinishedSpans().map((s) => s.name).join(', ')}`);
  };
  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  it('continues the trace of a W3C traceparent: request, command, decide and append in it', async () => {
    const caseId = (await t.as('school').post('/cases').send(bodies.openCase()).expect(201)).body.caseId;
    exporter.reset();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    await t.as('school').post(`/cases/${caseId}/signals`).set('traceparent', `00-${traceId}-${callerSpan}-01`).send(bodies.signal()).expect(201);

    const spans = await finished((s) => s.some((x) => x.name === 'POST /cases/:id/signals'));
    const server = spans.find((s) => s.name === 'POST /cases/:id/signals')!;
    expect(server.spanContext().traceId).toBe(traceId);
    expect(parentOf(server)).toBe(callerSpan);
    expect(server.attributes).toMatchObject({ 'http.route': '/cases/:id/signals', 'http.response.status_code': 201 });

    const command = spans.find((s) => s.name === 'command record-signal')!;
    expect(command.spanContext().traceId).toBe(traceId);
    expect(parentOf(command)).toBe(server.spanContext().spanId);
    expect(command.attributes['zicht.command.outcome']).toBe('appended');
    const decide = spans.find((s) => s.name === 'decide')!;
    const append = spans.find((s) => s.name === 'event-store append' && s.attributes['zicht.stream.kind'] === 'case')!;
    expect(parentOf(decide)).toBe(command.spanContext().spanId);
    expect(parentOf(append)).toBe(command.spanContext().spanId);

    // The projection batch that picked the signal up is a trace of its own, not part of the request.
    const batches = await finished((s) => s.some((x) => x.name === 'projection batch'));
    const batch = batches.find((s) => s.name === 'projection batch')!;
    expect(batch.spanContext().traceId).not.toBe(traceId);
    expect(batch.attributes['zicht.events']).toBeGreaterThanOrEqual(1);

    // No case id anywhere in a span: names and attributes are patterns, kinds and counts.
    for (const span of spans) expect(JSON.stringify({ name: span.name, attributes: span.attributes })).not.toContain(caseId);
  });

  it('starts a new trace without a traceparent, and marks a refused command with its rule', async () => {
    const caseId = (await t.as('school').post('/cases').send(bodies.openCase()).expect(201)).body.caseId;
    exporter.reset();
    await t.as('school').post(`/cases/${caseId}/monitor-checks`).send({ safety: 'safe', helpEffective: true, notes: 'Rustig (verzonnen).' }).expect(422);
    const spans = await finished((s) => s.some((x) => x.name === 'POST /cases/:id/monitor-checks'));
    const server = spans.find((s) => s.name === 'POST /cases/:id/monitor-checks')!;
    expect(parentOf(server)).toBeUndefined();
    const command = spans.find((s) => s.name === 'command record-monitor-check')!;
    expect(command.spanContext().traceId).toBe(server.spanContext().traceId);
    expect(command.attributes).toMatchObject({ 'zicht.command.outcome': 'refused', 'error.type': 'RuleViolation' });
    expect(command.attributes['zicht.rule']).toBe('monitor-check.requires-hulp');
  });
});

describe('tracing is off without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('registers nothing', () => {
    expect(startTracing({ env: {} })).toBeNull();
    expect(tracingEnabled()).toBe(false);
  });
});
