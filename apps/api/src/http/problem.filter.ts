import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Principal } from '@zicht/case-domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessLog, routeOf } from '../inspection/access-log';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem';
import { problemInRequestedLanguage } from './problem-nl';

/**
 * The one exception filter: every error leaves as application/problem+json. A refused attempt by a
 * known principal (a role that may not, a case out of sight) is first recorded in the access log;
 * refusals without a valid key and rate-limited requests are counted per address, reason and minute.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly accessLog: AccessLog) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const body = problemInRequestedLanguage(toProblem(error), request, reply);
    if (body.status >= 500) {
      // The error's name and stack only: messages may quote input, and input may be personal data.
      const e = error as Error;
      this.logger.error({ err: { name: e?.name, stack: e?.stack } }, 'request failed');
    }
    if (body.status === 401) void reply.header('WWW-Authenticate', 'Bearer');
    if (body.retryAfter !== undefined) void reply.header('Retry-After', String(body.retryAfter));
    const send = () => void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);

    const { route, caseId } = request ? routeOf(request) : { route: undefined, caseId: undefined };
    // Without a valid key, and whenever a rate limit answers: counted per address, reason and minute.
    if (request && (body.status === 401 || body.status === 429)) {
      const principal = (request as { keyPrincipal?: Principal | null }).keyPrincipal ?? null;
      const reason = body.status === 429 ? 'rate-limited' : typeof request.headers.authorization === 'string' ? 'unknown-key' : 'no-key';
      this.accessLog.countRefusal({ principal: body.status === 429 ? principal : null, clientAddress: request.ip, reason, status: body.status, route: route ?? 'unknown' });
      return send();
    }
    // By a known principal (a role that may not, a case out of sight): one record each, durable before the answer.
    const refused = route !== undefined && (body.status === 403 || (body.status === 404 && caseId !== undefined));
    if (!refused) return send();
    this.accessLog
      .record({
        type: 'access-refused',
        principal: request.principal ?? null,
        method: request.method,
        route,
        caseIds: caseId ? [caseId] : [],
        status: body.status,
        requestId: String(request.id),
      })
      .then(send, (logError: Error) => {
        this.logger.error({ err: { name: logError?.name } }, 'a refused attempt could not be recorded in the access log');
        send();
      });
  }
}
