import fc from 'fast-check';
import request from 'supertest';
import { PRINCIPALS, PrincipalName, TestApp, bodies, startTestApp } from '../support/test-app';

// A careless or hostile integrator, generated from the OpenAPI document: every operation, with
// bodies drawn from (and around) its request schema, odd path ids, query strings and headers, and
// every kind of principal. Whatever comes: no 5xx, every error is problem+json, no case event is
// appended (each target is a closed, hidden, missing or malformed case, or the body is broken), and
// /health is healthy afterwards.

jest.setTimeout(180_000);

type Schema = { $ref?: string; type?: string; enum?: unknown[]; format?: string; items?: Schema; properties?: Record<string, Schema>; required?: string[]; allOf?: Schema[] };
type Doc = { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; requestBody?: { content: Record<string, { schema: Schema }> } }>>; components: { schemas: Record<string, Schema> } };

const RUNS = Number(process.env.ZICHT_FUZZ_RUNS ?? 5200);

describe('fuzzing the API from its OpenAPI document', () => {
  let t: TestApp;
  let doc: Doc;
  let closed: string;
  let hidden: string;

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await request(t.app.getHttpServer()).get('/docs-json').expect(200)).body as Doc;
    closed = (await t.as('school').post('/cases').send(bodies.openCase()).expect(201)).body.caseId;
    await t.as('school').post(`/cases/${closed}/closure`).send({ reason: 'no-suspicion', summary: 'Geen zorgen (verzonnen).' }).expect(201);
    hidden = (await t.as('gp').post('/cases').send(bodies.openCase()).expect(201)).body.caseId;
  });
  afterAll(() => t.close());

  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf?.length === 1) return resolve(schema.allOf[0]);
    return schema;
  };

  /** A value of (roughly) the schema; now and then anything at all in its place. */
  const valueOf = (raw: Schema, depth = 0): fc.Arbitrary<unknown> => {
    const schema = resolve(raw);
    const near: fc.Arbitrary<unknown> = (() => {
      if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), fc.string({ maxLength: 12 }));
      switch (schema.type) {
        case 'object': {
          const props = Object.entries(schema.properties ?? {});
          if (props.length === 0 || depth > 4) return fc.object({ maxDepth: 2 });
          return fc
            .tuple(...props.map(([, p]) => fc.option(valueOf(p, depth + 1), { nil: undefined, freq: 4 })), fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }), { freq: 6 }))
            .map(([...values]) => {
              const extra = values.pop() as Record<string, unknown> | null;
              const out: Record<string, unknown> = { ...(extra ?? {}) };
              props.forEach(([key], i) => values[i] !== undefined && (out[key] = values[i]));
              return out;
            });
        }
        case 'array':
          return fc.array(valueOf(schema.items ?? {}, depth + 1), { maxLength: 3 });
        case 'boolean':
          return fc.boolean();
        case 'number':
        case 'integer':
          return fc.oneof(fc.integer({ min: -10, max: 1000 }), fc.double({ noNaN: false }));
        case 'string':
          return fc.oneof(
            fc.string({ maxLength: 30 }),
            fc.constantFrom('2026-11-01', '2026-02-30', '2026-11-01T09:00:00Z', '2026-11-01T24:00:00Z', '0000-01-01T00:00:00Z', '2026-11-01T09:00:00+14:00', 'VR13', 'VR99'),
            fc.uuid(),
            fc.string({ unit: 'grapheme', maxLength: 20 }),
          );
        default:
          return fc.jsonValue({ maxDepth: 2 });
      }
    })();
    return fc.oneof({ weight: 8, arbitrary: near }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(null, [], {}, '', 0, true) });
  };

  const ids = () => fc.constantFrom(closed, hidden, '6f1d0c1e-0000-4000-8000-00000000abcd', 'not-a-uuid', '%E0%A4%A', 'x'.repeat(150), '..%2F..%2Fetc');
  const principals = fc.constantFrom<PrincipalName | 'none' | 'bad'>('school', 'school', 'school', 'otherSchool', 'vt13', 'inspector', 'analyst', 'admin', 'none', 'bad');
  const headerSets = fc.record(
    {
      'If-Match': fc.constantFrom('"0"', '"1"', 'W/"1"', '*', '"x"', '"1", "2"', ''),
      'If-None-Match': fc.constantFrom('"0"', '"1"', '*', 'garbage'),
      'Idempotency-Key': fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('k'.repeat(250), 'fuzz-key-1')),
      'Accept-Language': fc.constantFrom('nl', 'en', 'nl-NL,en;q=0.5', '*'),
      'Content-Type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded'),
    },
    { requiredKeys: [] },
  );

  it(`answers ${RUNS} generated requests without a 5xx, always as problem+json on errors, appending no case event`, async () => {
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(20);
    const before = (await t.store.readAll({ limit: 1_000_000 })).filter((e) => e.streamId.startsWith('case-')).length;
    const server = t.app.getHttpServer();
    let sent = 0;
    const statuses = new Map<number, number>();

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations).chain((operation) => {
          const schema = operation.op.requestBody?.content['application/json']?.schema;
          const query = (operation.op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
          return fc.record({
            operation: fc.constant(operation),
            id: ids(),
            who: principals,
            headers: headerSets,
            query: fc.dictionary(fc.constantFrom(...query, 'extra'), fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('2026-11-01T09:00:00Z', '0', '-1', '99999999999999999999', 'true')), { maxKeys: 3 }),
            body: schema ? valueOf(schema) : fc.option(fc.jsonValue({ maxDepth: 3 })),
            raw: fc.option(fc.constantFrom('{', '{"a":', '[]', 'null', '"x"', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}'), { freq: 8 }),
          });
        }),
        async ({ operation, id, who, headers, query, body, raw }) => {
          const path = operation.path.replace('{id}', id);
          // Nothing may be appended: opening a case and reopening the closed one only with a body that cannot be valid.
          const mustBreak = operation.method === 'post' && (operation.path === '/cases' || (operation.path.endsWith('/reopen') && id === closed));
          let payload: unknown = body;
          if (mustBreak) payload = { ...(typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}), 'fuzz-unknown-field': 1 };
          const qs = new URLSearchParams(query).toString();
          let req = request(server)[operation.method as 'get' | 'post'](`${path}${qs ? `?${qs}` : ''}`);
          for (const [name, value] of Object.entries(headers)) if (value !== undefined) req = req.set(name, value);
          if (who === 'bad') req = req.set('Authorization', 'Bearer not-a-known-key-000000');
          else if (who !== 'none') req = req.set('Authorization', `Bearer ${PRINCIPALS[who].key}`);
          if (operation.method === 'post') req = req.send(raw !== null && !mustBreak ? raw : JSON.stringify(payload ?? null));
          const res = await req;
          sent++;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) throw new Error(`${res.status} from ${operation.method.toUpperCase()} ${path}: ${res.text.slice(0, 300)}`);
          if (res.status >= 400 && !/^application\/problem\+json/.test(String(res.headers['content-type']))) {
            throw new Error(`${res.status} from ${operation.method.toUpperCase()} ${path} is not problem+json: ${String(res.headers['content-type'])}`);
          }
          if (res.status >= 400) expect(res.body).toMatchObject({ status: res.status, title: expect.any(String), detail: expect.any(String) });
        },
      ),
      { numRuns: RUNS, verbose: 1 },
    );

    expect(sent).toBeGreaterThanOrEqual(RUNS);
    const after = (await t.store.readAll({ limit: 1_000_000 })).filter((e) => e.streamId.startsWith('case-')).length;
    expect(after).toBe(before);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    // The generator reaches validation, authentication, roles, visibility and the content type, not only one guard.
    for (const status of [400, 401, 403, 404, 415]) expect(statuses.get(status) ?? 0).toBeGreaterThan(RUNS / 100);
    await request(server).get('/health').expect(200);
  });
});
