import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Principal } from '@zicht/case-domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessLog, routeOf } from '../inspection/access-log';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem';
import { problemInRequestedLanguage } from './problem-nl';

/**
 * The one exception filter: every error leaves as application/problem+json. A refused attempt (no or
 * an unknown key, a role that may not, a case out of sight) is first recorded in the access log.
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
    const refused = route !== undefined && (body.status === 401 || body.status === 403 || (body.status === 404 && caseId !== undefined));
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
