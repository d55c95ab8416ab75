import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';

import { type Principal } from './principal';
import { type Scope } from './scopes';

export const REQUIRED_SCOPES = 'llmployable:requiredScopes';

/**
 * The scopes a route needs (all of them). Without it a route needs only a valid key. Documented in
 * OpenAPI as `x-required-scopes` and in the operation description.
 */
export const RequireScopes = (...scopes: Scope[]) =>
  applyDecorators(SetMetadata(REQUIRED_SCOPES, scopes), ApiExtension('x-required-scopes', scopes));

/** The authenticated caller (routes that are not `@Public()` always have one). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
    if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
    return principal;
  },
);
