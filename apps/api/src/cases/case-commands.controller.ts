import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { caseIdPipe } from '../http/params';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { CaseCommand, Principal } from '@zicht/case-domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ACTING_ROLES, CurrentPrincipal, Roles } from '../auth/auth';
import { parseIdempotencyKey, parseIfMatch, requestHash } from '../http/command-headers';
import { CommandResponseDto, ProblemDto } from '../http/responses';
import { CaseCommandResult, ExecuteCaseCommand } from './execute-case-command';
import { AssignResponsibilityRequestDto } from './dto/assign-responsibility.request.dto';
import { CloseCaseRequestDto, ReopenCaseRequestDto } from './dto/close-case.request.dto';
import { DeployHulpRequestDto } from './dto/deploy-hulp.request.dto';
import { MakeMeldingRequestDto } from './dto/make-melding.request.dto';
import { OpenCaseRequestDto } from './dto/open-case.request.dto';
import { RecordChildConversationRequestDto } from './dto/record-child-conversation.request.dto';
import { RecordConsultationRequestDto } from './dto/record-consultation.request.dto';
import { RecordMonitorCheckRequestDto } from './dto/record-monitor-check.request.dto';
import { RecordSignalRequestDto } from './dto/record-signal.request.dto';
import { RecordWeighingRequestDto } from './dto/record-weighing.request.dto';


/** Strips `occurredAt` and class instances: what remains is the command's data, as plain JSON. */
function commandData<T extends { occurredAt?: string }>(dto: T): Omit<T, 'occurredAt'> {
  const { occurredAt: _occurredAt, ...data } = dto;
  return JSON.parse(JSON.stringify(data)) as Omit<T, 'occurredAt'>;
}

@ApiTags('commands')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Up to 200 characters; a repeat with the same request returns the first answer and appends nothing' })
@ApiBadRequestResponse({ type: ProblemDto, description: 'Malformed JSON, missing, wrong or unknown fields (every failing field is named)' })
@ApiUnauthorizedResponse({ type: ProblemDto })
@ApiForbiddenResponse({ type: ProblemDto, description: 'Only professionals and Veilig Thuis staff act on cases' })
@ApiUnprocessableEntityResponse({ type: ProblemDto, description: 'A Meldcode rule refuses the command; `rule` names it' })
@Roles(...ACTING_ROLES)
@Controller('cases')
export class CaseCommandsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Open a case about one child (case-opened); your organisation holds zicht op veiligheid from now on' })
  @ApiCreatedResponse({ type: CommandResponseDto })
  open(@Body() dto: OpenCaseRequestDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal) {
    return this.dispatch('POST /cases', null, { type: 'open-case', data: commandData(dto) } as CaseCommand, dto.occurredAt, req, reply, principal);
  }

  @Post(':id/signals')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a signal (step 1)' })
  @ApiCreatedResponse({ type: CommandResponseDto })
  @ApiCaseCommandErrors()
  signal(@Param('id', caseIdPipe) id: string, @Body() dto: RecordSignalRequestDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal) {
    return this.dispatch('POST /cases/:id/signals', id, { type: 'record-signal', data: commandData(dto) } as CaseCommand, dto.occurredAt, req, reply, principal);
  }

  @Post(':id/consultations')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a consultation (step 2); with Veilig Thuis it is an adviesvraag' })
  @ApiCreatedResponse({ type: CommandResponseDto })
  @ApiCaseCommandErrors()
  consultation(@Param('id', caseIdPipe) id: string, @Body() dto: RecordConsultationRequestDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal) {
    return this.dispatch('POST /cases/:id/consultations', id, { type: 'record-consultation', data: commandData(dto) } as CaseCommand, dto.occurredAt, req, reply, principal);
  }

  @Post(':id/child-conversations')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a conversation with the child, or why the child was not heard (step 3)' })
  @ApiCreatedResponse({ type: CommandResponseDto })
  @ApiCaseCommandErrors()
  childConversation(@Param('id', caseIdPipe) id: string, @Body() dto: RecordChildConversationRequestDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal) {
    return this.dispatch('POST /cases/:id/child-conversations', id, { type: 'record-child-conversation', data: commandData(dto) } as CaseCommand, dto.occurredAt, req, reply, principal);
  }

  @Post(':id/weighings')
  @HttpCode(201)
  @ApiOperation({ summary: 'Weigh with the afwegingskader (step 4); the server computes the conclusion' })
  @ApiCreatedResponse({ type: CommandResponseDto })
  @ApiCaseCommandErrors()
  weighing(@Param('id', caseIdPipe) id: string, @Body() dto: RecordWeighingRequestDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal) {
    return this.dispatch('POST /cases/:id/weighings', id, { type: 'record-weighing', data: commandData(dto) } as CaseCommand, dto.occurredAt, req, reply, principal);
  }

  @Post(':id/meldingen')
  @HttpCode(201)
  @ApiOperation({ summary: 'Make a melding at Veilig Thuis (step 5); never blocked. Zicht op veiligheid passes to Veilig Thuis' })
  @ApiCreatedResponse({ type: CommandResponseDto })
  @ApiCaseCommandErrors()
  melding(@Param('id', caseIdPipe) id: string, @Body() dto: MakeMeldingRequestDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal) {
    return this.dispatch('POST /cases/:id/meldingen', id, { type: 'make-melding', data: commandData(dto) } as CaseCommand, dto.occurredAt, req, reply, principal);
  }

  @Post(':id/hulp')
  @HttpCode(201)
  @ApiOperation({ summary: 'Deploy or continue help with a plan, deadlines and an evaluation schedule (step 5)' })
  @ApiCreatedResponse({ type: CommandResponseDto })
  @ApiCaseCommandErrors()
  hulp(@Param('id', caseIdPipe) id: string, @Body() dto: DeployHulpRequestDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal) {
    return this.dispatch('POST /cases/:id/hulp', id, { type: 'deploy-hulp', data: commandData(dto) } as CaseCommand, dto.occurredAt, req, reply, principal);
  }

  @Post(':id/monitor-checks')
  @HttpCode(201)
  @ApiOperation({ summary: "Record a monitoring check of the child's safety (step 6)" })
  @ApiCreatedResponse({ type: CommandResponseDto })
  @ApiCaseCommandErrors()
  monitorCheck(@Param('id', caseIdPipe) id: string, @Body() dto: RecordMonitorCheckRequestDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal) {
    return this.dispatch('POST /cases/:id/monitor-checks', id, { type: 'record-monitor-check', data: commandData(dto) } as CaseCommand, dto.occurredAt, req, reply, principal);
  }

  @Post(':id/responsibility')
  @HttpCode(201)
  @ApiOperation({ summary: 'Hand one scope of responsibility to another party' })
  @ApiCreatedResponse({ type: CommandResponseDto })
  @ApiCaseCommandErrors()
  responsibility(@Param('id', caseIdPipe) id: string, @Body() dto: AssignResponsibilityRequestDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal) {
    return this.dispatch('POST /cases/:id/responsibility', id, { type: 'assign-responsibility', data: commandData(dto) } as CaseCommand, dto.occurredAt, req, reply, principal);
  }

  @Post(':id/closure')
  @HttpCode(201)
  @ApiOperation({ summary: 'Close the case' })
  @ApiCreatedResponse({ type: CommandResponseDto })
  @ApiCaseCommandErrors()
  close(@Param('id', caseIdPipe) id: string, @Body() dto: CloseCaseRequestDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal) {
    return this.dispatch('POST /cases/:id/closure', id, { type: 'close-case', data: commandData(dto) } as CaseCommand, dto.occurredAt, req, reply, principal);
  }

  @Post(':id/reopen')
  @HttpCode(201)
  @ApiOperation({ summary: 'Reopen a closed case' })
  @ApiCreatedResponse({ type: CommandResponseDto })
  @ApiCaseCommandErrors()
  reopen(@Param('id', caseIdPipe) id: string, @Body() dto: ReopenCaseRequestDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentPrincipal() principal: Principal) {
    return this.dispatch('POST /cases/:id/reopen', id, { type: 'reopen-case', data: commandData(dto) } as CaseCommand, dto.occurredAt, req, reply, principal);
  }

  private async dispatch(
    route: string,
    caseId: string | null,
    command: CaseCommand,
    occurredAt: string | undefined,
    req: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
  ): Promise<CommandResponseDto> {
    const idempotencyKey = parseIdempotencyKey(req.headers['idempotency-key']);
    const ifMatch = parseIfMatch(req.headers['if-match']);
    const result = await this.commands.execute<ExecuteCaseCommand, CaseCommandResult>(
      new ExecuteCaseCommand(caseId, command, principal, {
        occurredAt,
        ifMatch,
        idempotencyKey,
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
}

/** The answers every command on an existing case may give besides 201. */
function ApiCaseCommandErrors(): MethodDecorator {
  return (target, key, descriptor) => {
    ApiHeader({ name: 'If-Match', required: false, description: 'The revision you saw, e.g. "3"; when the case has moved on: 412 and nothing is appended' })(target, key, descriptor);
    ApiNotFoundResponse({ type: ProblemDto, description: 'No such case, or one you may not see' })(target, key, descriptor);
    ApiConflictResponse({ type: ProblemDto, description: 'The case is closed (rule case.closed)' })(target, key, descriptor);
    ApiPreconditionFailedResponse({ type: ProblemDto, description: 'If-Match no longer matches; currentRevision says where the case is' })(target, key, descriptor);
  };
}
