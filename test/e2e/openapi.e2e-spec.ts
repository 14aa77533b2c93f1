import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import ts from 'typescript';
import { PRINCIPALS, TestApp, startTestApp } from '../support/test-app';

type Json = Record<string, any>;
const ROOT = resolve(__dirname, '../..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const PROBLEM_SCHEMA = '#/components/schemas/ProblemDto';

/** Every operation of the document, as [label, operation]. */
function operations(document: Json): Array<[string, Json]> {
  return Object.entries(document.paths as Json).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => [`${m.toUpperCase()} ${path}`, item[m] as Json] as [string, Json]),
  );
}

describe('OpenAPI: a document a client can be generated from', () => {
  let t: TestApp;
  let document: Json;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp();
    document = (await request(t.app.getHttpServer()).get('/docs-json').expect(200)).body;
    dir = mkdtempSync(join(tmpdir(), 'zicht-openapi-'));
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("passes Redocly's recommended rules with no error", () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', '--extends=recommended', '--format=json', join(dir, 'openapi.json')], {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    });
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as { totals: { errors: number; warnings: number }; problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }> };
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    const warnings = report.problems.filter((p) => p.severity === 'warn').map((p) => `${p.ruleId} at ${p.location[0]?.pointer}`);
    console.log(`redocly lint: ${report.totals.errors} errors, ${report.totals.warnings} warnings${warnings.length ? `:\n  ${warnings.join('\n  ')}` : ''}`);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it('documents a success answer with a schema for every operation, and its errors as problem+json', () => {
    const undocumented: string[] = [];
    for (const [label, operation] of operations(document)) {
      const responses = operation.responses as Json;
      const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0) undocumented.push(`${label}: no 2xx answer`);
      for (const [status, response] of success) {
        const media = Object.entries((response.content ?? {}) as Json);
        if (media.length === 0 || media.some(([, m]) => !m.schema)) undocumented.push(`${label} ${status}: no schema`);
        for (const [type, m] of media) if (type.includes('json') && !m.schema?.$ref && !m.schema?.type) undocumented.push(`${label} ${status} ${type}: a bare schema`);
      }
      const errors = Object.entries(responses).filter(([status]) => /^[45]\d\d$/.test(status));
      if (errors.length === 0) undocumented.push(`${label}: no error answer`);
      for (const [status, response] of errors) {
        const types = Object.keys(response.content ?? {});
        if (types.length !== 1 || types[0] !== 'application/problem+json' || response.content['application/problem+json'].schema?.$ref !== PROBLEM_SCHEMA) {
          undocumented.push(`${label} ${status}: not application/problem+json with ProblemDto (${types.join(', ') || 'no content'})`);
        }
      }
      const needsKey = operation.security === undefined || (operation.security as Json[]).some((s) => 'bearer' in s);
      if (needsKey && !responses['401']) undocumented.push(`${label}: needs a key, but no 401`);
      if (!responses['429'] && !/\/(health|metrics)/.test(label)) undocumented.push(`${label}: no 429`);
      if (responses['429'] && !responses['429'].headers?.['Retry-After']) undocumented.push(`${label}: 429 without Retry-After`);
    }
    expect(undocumented).toEqual([]);
  });

  it('names every operation once, in camelCase, and marks the public ones', () => {
    const ids = operations(document).map(([, o]) => o.operationId as string);
    expect(ids.filter((id) => !/^[a-z][a-zA-Z0-9]*$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['openCase', 'recordSignal', 'listCases', 'getCase', 'getAccountability', 'getCaseAsOf', 'getWorklist', 'getAnalyticsTable']));
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/health/live'].get.security).toEqual([]);
    expect(document.paths['/metrics'].get.security).toEqual([{}, { metricsKey: [] }]);
    expect(document.servers.length).toBeGreaterThan(0);
    expect(document.info.license.name).toBe('EUPL-1.2');
  });

  it('documents the headers a client sends and reads', () => {
    const names = (o: Json) => (o.parameters as Json[]).map((p) => p.name ?? String(p.$ref).split('/').pop());
    const signal = document.paths['/cases/{id}/signals'].post;
    expect(names(signal)).toEqual(expect.arrayContaining(['If-Match', 'Idempotency-Key', 'traceparent']));
    expect(Object.keys(signal.responses['201'].headers)).toEqual(expect.arrayContaining(['ETag', 'Idempotent-Replayed']));
    expect(Object.keys(document.paths['/cases'].post.responses['201'].headers)).toEqual(expect.arrayContaining(['ETag', 'Location']));
    const summary = document.paths['/cases/{id}'].get;
    expect(names(summary)).toEqual(expect.arrayContaining(['If-None-Match']));
    expect(summary.responses['200'].headers.ETag).toBeDefined();
    expect(summary.responses['304']).toBeDefined();
    expect(document.paths['/analytics/{table}'].get.responses['200'].content['text/csv']).toBeDefined();
  });

  it('generates a typed client (openapi-typescript + openapi-fetch) that compiles and calls the running app', async () => {
    const generate = spawnSync(process.execPath, [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), join(dir, 'openapi.json'), '--default-non-nullable=false', '-o', join(dir, 'schema.d.ts')], { encoding: 'utf8' });
    expect(generate.stderr).not.toMatch(/error/i);
    expect(generate.status).toBe(0);
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(
      join(dir, 'client.ts'),
      `import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

type Stage = components['schemas']['CaseSummaryDto']['stage'];

export async function openAndRead(baseUrl: string, key: string) {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: 'Bearer ' + key } });
  const opened = await client.POST('/cases', { body: { subject: { childRef: 'leerling-0042', birthYear: 2016 }, region: 'VR13', municipality: 'GM0363' } });
  if (!opened.data) throw new Error('openCase answered ' + opened.response.status);
  const caseId: string = opened.data.caseId;
  const read = await client.GET('/cases/{id}', { params: { path: { id: caseId } } });
  if (!read.data) throw new Error('getCase answered ' + read.response.status);
  const stage: Stage = read.data.stage;
  const revision: number = read.data.revision;
  // @ts-expect-error the generated types know the summary's fields, so an unknown one does not compile
  void read.data.noSuchField;
  const missing = await client.GET('/cases/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
  const problemStatus: number | undefined = missing.error?.status;
  return { caseId, stage, revision, etag: read.response.headers.get('etag'), status: missing.response.status, problemStatus, problemType: missing.response.headers.get('content-type') };
}
`,
    );
    const program = ts.createProgram([join(dir, 'client.ts')], {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      skipLibCheck: true,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      outDir: dir,
    });
    const emitted = program.emit();
    const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);

    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { openAndRead } = require(join(dir, 'client.js')) as { openAndRead: (baseUrl: string, key: string) => Promise<Record<string, unknown>> };
    const answer = await openAndRead(`http://127.0.0.1:${port}`, PRINCIPALS.school.key);
    expect(answer).toMatchObject({ stage: 'signalering', revision: 0, etag: '"0"', status: 404, problemStatus: 404 });
    expect(answer.problemType).toMatch(/^application\/problem\+json/);
  }, 30_000);
});
