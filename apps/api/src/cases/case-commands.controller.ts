import { Body, Controller, HttpCode, Post, Req, Res, Type } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CaseCommand, CaseNotFoundError, Principal } from '@zicht/case-domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ACTING_ROLES, CurrentPrincipal, Roles } from '../auth/auth';
import { parseIdempotencyKey, parseIfMatch, requestHash } from '../http/command-headers';
import { isUuid } from '../http/params';
import { ApiProblems, ETAG_HEADER } from '../http/openapi';
import { CommandResponseDto } from '../http/responses';
import { AnyCommandRoute, COMMAND_ROUTES } from './command-routes';
import { CaseCommandResult, ExecuteCaseCommand } from './execute-case-command';

/** Strips `occurredAt` and class instances: what remains is the command's data, as plain JSON. */
function commandData(dto: { occurredAt?: string }): CaseCommand['data'] {
  const { occurredAt: _occurredAt, ...data } = dto;
  return JSON.parse(JSON.stringify(data)) as CaseCommand['data'];
}

/** One generic command endpoint: the route's row says which DTO validates the body and which command it becomes. */
async function dispatch(
  commands: CommandBus,
  row: AnyCommandRoute,
  dto: { occurredAt?: string },
  req: FastifyRequest,
  reply: FastifyReply,
  principal: Principal,
): Promise<CommandResponseDto> {
  let caseId: string | null = null;
  if (row.path !== '') {
    const id = (req.params as { id?: string }).id;
    if (!isUuid(id)) throw new CaseNotFoundError('with this id'); // not a case id: a case that does not exist
    caseId = id.toLowerCase();
  }
  const route = `POST /cases${row.path === '' ? '' : `/${row.path}`}`;
  const result = await commands.execute<ExecuteCaseCommand, CaseCommandResult>(
    new ExecuteCaseCommand(caseId, { type: row.type, data: commandData(dto) } as CaseCommand, principal, {
      occurredAt: dto.occurredAt,
      ifMatch: parseIfMatch(req.headers['if-match']),
      idempotencyKey: parseIdempotencyKey(req.headers['idempotency-key']),
      requestHash: requestHash(route, caseId, req.body),
      correlationId: String(req.id),
    }),
  );
  void reply.header('ETag', `"${result.revision}"`);
  if (caseId === null) void reply.header('Location', `/cases/${result.caseId}`);
  if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
  const answer: CommandResponseDto = { caseId: result.caseId, revision: result.revision, events: result.events.map(({ eventId, type }) => ({ eventId, type })) };
  const weighed = result.events.find((e) => e.type === 'weighed');
  if (weighed) Object.assign(answer, { conclusion: weighed.data.conclusion, meldplichtGrounds: weighed.data.meldplichtGrounds });
  return answer;
}

/** `record-signal` → `recordSignal`: operation ids that client generators turn into good method names. */
const camelCase = (type: string) => type.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Applies decorators to a method defined at run time, as TypeScript would for a written one. */
function decorateMethod(prototype: object, name: string, decorators: MethodDecorator[]): void {
  for (const decorator of decorators) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
    const result = decorator(prototype, name, descriptor);
    if (result) Object.defineProperty(prototype, name, result);
  }
}

/**
 * The command endpoints, generated from COMMAND_ROUTES: each row becomes `POST /cases/<path>` with
 * its DTO validated by the one ValidationPipe and documented in OpenAPI.
 */
function commandsController(routes: readonly AnyCommandRoute[]): Type<unknown> {
  @ApiTags('commands')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Up to 200 visible ASCII characters; a repeat with the same request returns the first answer (Idempotent-Replayed: true) and appends nothing; with another request: 422 idempotency.key-reused',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
  })
  @ApiProblems(
    [400, 'Malformed JSON, missing, wrong or unknown fields (every failing field is named), or a bad Idempotency-Key or If-Match'],
    401,
    [403, 'Only professionals and Veilig Thuis staff act on cases (and Veilig Thuis of the region, on its commands)'],
    413,
    415,
    [422, 'A Meldcode rule refuses the command (rule names it), or an Idempotency-Key reused for another request'],
    [503, 'The event store is unavailable, or too many writers at once: nothing was recorded; retry'],
  )
  @Roles(...ACTING_ROLES)
  @Controller('cases')
  class CaseCommandsController {
    constructor(readonly commands: CommandBus) {}
  }

  const prototype = CaseCommandsController.prototype as unknown as Record<string, unknown>;
  for (const row of routes) {
    const name = row.type;
    prototype[name] = function (this: CaseCommandsController, dto: { occurredAt?: string }, req: FastifyRequest, reply: FastifyReply, principal: Principal) {
      return dispatch(this.commands, row, dto, req, reply, principal);
    };
    // What TypeScript's emitDecoratorMetadata would record: the ValidationPipe validates the body against row.dto.
    Reflect.defineMetadata('design:paramtypes', [row.dto, Object, Object, Object], prototype, name);
    Body()(prototype, name, 0);
    Req()(prototype, name, 1);
    Res({ passthrough: true })(prototype, name, 2);
    CurrentPrincipal()(prototype, name, 3);
    const onCase: MethodDecorator[] =
      row.path === ''
        ? []
        : [
            ApiParam({ name: 'id', format: 'uuid', description: 'The case' }),
            ApiHeader({
              name: 'If-Match',
              required: false,
              description: 'The ETag you saw, e.g. "3" (strong only; W/"3" never matches), or *; when the case has moved on: 412 and nothing is appended',
              schema: { type: 'string', example: '"3"' },
            }),
            ApiProblems(404, [409, 'The case is closed (rule case.closed)'], 412),
          ];
    decorateMethod(prototype, name, [
      Post(row.path),
      HttpCode(201),
      ApiOperation({ summary: row.summary, operationId: camelCase(row.type) }),
      ApiBody({ type: row.dto }),
      ApiCreatedResponse({
        type: CommandResponseDto,
        description: 'Recorded: the events appended and the revision they brought the case to',
        headers: {
          ETag: ETAG_HEADER,
          ...(row.path === '' ? { Location: { description: 'The new case: /cases/{caseId}', schema: { type: 'string' } } } : {}),
          'Idempotent-Replayed': { description: '"true" when this is the stored answer to an earlier request with the same Idempotency-Key', schema: { type: 'string', enum: ['true'] } },
        },
      }),
      ...onCase,
    ]);
  }
  return CaseCommandsController;
}

export const CaseCommandsController = commandsController(COMMAND_ROUTES);
