import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, SetMetadata, UnauthorizedException, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal, Role } from '@zicht/case-domain';
import type { FastifyRequest } from 'fastify';
import { ApiKeyRegistry } from './api-keys';
import { principalOfRequest } from '../http/edge';

export const API_KEYS = Symbol('API_KEYS');
const ROLES_KEY = 'zicht:roles';
const PUBLIC_KEY = 'zicht:public';

/** The roles that may call a route. A route without it (and not public) is refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** A route anyone may call without a key (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The roles that act on cases (commands). */
export const ACTING_ROLES: Role[] = ['professional', 'veilig-thuis'];
/** The roles that read a case (each still only the cases it may see). */
export const CASE_READING_ROLES: Role[] = ['professional', 'veilig-thuis', 'inspector'];

type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/**
 * Authenticates every request by its bearer key and checks the route's roles. Organisation scope
 * (which cases a principal may see) is checked against the case itself, where a case out of scope
 * answers 404.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_KEYS) private readonly keys: ApiKeyRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !/^Bearer\s+\S+\s*$/i.test(header)) throw new UnauthorizedException('Send your API key as "Authorization: Bearer <key>".');
    const principal = principalOfRequest(request, this.keys);
    if (!principal) throw new UnauthorizedException('The API key is not known.');
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(principal.role)) {
      throw new ForbiddenException(`The role ${principal.role} may not do this.`);
    }
    return true;
  }
}

/** The authenticated principal of the request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthorizedException();
  return principal;
});
