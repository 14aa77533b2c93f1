import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, DECORATORS, ApiHeader, ApiOkResponse, ApiResponse, DocumentBuilder, OpenAPIObject, getSchemaPath } from '@nestjs/swagger';
import type { HeaderObject, OperationObject, ParameterObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { ProblemDto } from './responses';

/** What each error status means on this API, unless an operation says more. */
const PROBLEM_MEANINGS: Record<number, string> = {
  400: 'The request is malformed: every failing field or parameter is named in errors',
  401: 'No API key, or one that is not known',
  403: 'Your role may not do this',
  404: 'No such case, or one you may not see (the two answer alike)',
  409: 'The record refuses this: rule names why',
  412: 'If-Match no longer matches the case; currentRevision says where it is and nothing was appended',
  413: 'The body is larger than 1 MB',
  415: 'The body is not application/json',
  422: 'A Meldcode rule refuses the command: rule names it, nothing was appended',
  429: 'Too many requests: retry after Retry-After seconds',
  503: 'Unavailable: nothing was recorded; retry later',
};

export const RETRY_AFTER_HEADER: HeaderObject = { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } };
export const ETAG_HEADER: HeaderObject = { description: 'The case revision the answer is of, e.g. "3": send it as If-Match (commands) or If-None-Match (304)', schema: { type: 'string', example: '"3"' } };

/**
 * The error answers of an operation (or of every operation of a controller), as
 * application/problem+json with the ProblemDto schema: `ApiProblems(400, [404, 'No such table'], 422)`.
 * A method's entry for a status replaces its controller's.
 */
export function ApiProblems(...statuses: Array<number | [number, string]>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((entry) => {
      const [status, description] = typeof entry === 'number' ? [entry, PROBLEM_MEANINGS[entry]] : entry;
      if (!description) throw new Error(`ApiProblems: say what ${status} means here`);
      return ApiResponse({
        status,
        description,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
        ...(status === 429 ? { headers: { 'Retry-After': RETRY_AFTER_HEADER } } : {}),
      });
    }),
  ) as MethodDecorator & ClassDecorator;
}

/**
 * The routes of a public controller (health, metrics) need no key: `security: []` in the document,
 * where every other operation needs the bearer key (the document's global requirement).
 */
export function ApiPublic(...alternatives: Array<Record<string, string[]>>): ClassDecorator {
  return (target) => Reflect.defineMetadata(DECORATORS.API_SECURITY, alternatives.length === 0 ? [] : [{}, ...alternatives], target);
}

/** A 200 answer about one case (404 when it is missing or out of sight), with its revision as ETag; `If-None-Match` with it answers 304. */
export function ApiCaseAnswer(type: Type<unknown>, description: string): MethodDecorator {
  return applyDecorators(
    ApiOkResponse({ type, description, headers: { ETag: ETAG_HEADER } }),
    ApiResponse({ status: 304, description: 'If-None-Match matched the current ETag: the answer has not changed (no body)', headers: { ETag: ETAG_HEADER } }),
    ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag you hold, e.g. "3": 304 while the case is still at that revision' }),
    ApiProblems(404),
  );
}

/** Good generator names for operations that do not name themselves: `CaseQueriesController.summary` → `caseQueriesSummary`. */
export function operationId(controllerKey: string, methodKey: string): string {
  const controller = controllerKey.replace(/Controller$/, '');
  return `${controller.charAt(0).toLowerCase()}${controller.slice(1)}${methodKey.charAt(0).toUpperCase()}${methodKey.slice(1)}`;
}

/** The document's head: what it is, who answers, under which licence, and the bearer key every operation needs unless it says otherwise. */
export function documentConfig(): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('zicht')
    .setDescription(
      'Event-sourced case lifecycle for the Meldcode huiselijk geweld en kindermishandeling. ' +
        'Every command answers 201 with the case revision (also as ETag); errors are application/problem+json.',
    )
    .setVersion('1')
    .setContact('zicht maintainers', 'https://zicht.invalid/', 'beheer@zicht.invalid')
    .setLicense('EUPL-1.2', 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12')
    .addServer('/', 'This server (the document is served by the API it describes)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key from the keys file' }, 'bearer')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'GET /metrics only: ZICHT_METRICS_KEY, when it is set' }, 'metricsKey')
    .addSecurityRequirements('bearer')
    .build();
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Routes the rate limit lets through (edge.ts): they never answer 429. */
const NOT_RATE_LIMITED = /^\/(health|metrics)(\/|$)/;

const EDGE_PARAMETERS: ParameterObject[] = [
  {
    name: 'traceparent',
    in: 'header',
    required: false,
    description: 'W3C trace context: continued in the server spans',
    schema: { type: 'string', pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' },
  },
  { name: 'X-Request-Id', in: 'header', required: false, description: 'Your request id (8..100 of A-Z a-z 0-9 _ . : -); else the server makes one. Echoed, and the correlationId of what the request records', schema: { type: 'string' } },
];

/**
 * What the HTTP edge does for every route, written into the document once: the trace and request
 * id headers it reads, the request id it answers with, and 429 (with Retry-After) wherever the rate
 * limit applies.
 */
export function documentEdge(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, parameters: { ...document.components?.parameters } };
  for (const parameter of EDGE_PARAMETERS) document.components.parameters![parameter.name] = parameter;
  const tooMany = ApiProblemsResponse(429);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (!operation) continue;
      operation.parameters = [...(operation.parameters ?? []), ...EDGE_PARAMETERS.map((p) => ({ $ref: `#/components/parameters/${p.name}` }))];
      for (const response of Object.values(operation.responses)) {
        if (!response || '$ref' in response) continue;
        response.headers = { ...response.headers, 'X-Request-Id': { description: 'The request id (yours, or the one the server made)', schema: { type: 'string' } } };
      }
      if (!NOT_RATE_LIMITED.test(path)) operation.responses['429'] ??= tooMany;
    }
  }
  return document;
}

function ApiProblemsResponse(status: number) {
  return {
    description: PROBLEM_MEANINGS[status],
    headers: { 'Retry-After': RETRY_AFTER_HEADER },
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
  };
}
