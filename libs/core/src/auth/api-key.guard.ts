import { type CanActivate, type ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type FastifyRequest } from 'fastify';

import { IS_PUBLIC } from '../openapi/public.decorator';
import { AuthFailureLimiter } from '../rate-limit/auth-failure.limiter';
import { ApiKeyVerifier } from './api-key-verifier';
import { REQUIRED_SCOPES } from './auth.decorators';
import { insufficientScope, unauthenticated } from './auth.errors';
import { type Scope, hasScopes } from './scopes';

/** Keys look like `llm_live_<8 hex>_<secret>`; anything else is rejected before any lookup. */
const KEY_SHAPE = /^llm_(?:live|test)_[0-9a-f]{8}_[A-Za-z0-9_-]{20,128}$/;

/**
 * The global guard: every route needs a valid API key unless it is `@Public()`, and the key must hold
 * the scopes the route requires (`@RequireScopes`). Sets `request.principal` for everything after it.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: ApiKeyVerifier,
    @Optional() private readonly failures?: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const presented = presentedKey(request);
    const principal = presented && KEY_SHAPE.test(presented) ? await this.verifier.verify(presented) : null;
    if (!principal) throw (await this.failures?.recordFailure(request.ip)) ?? unauthenticated();
    request.principal = principal;
    const required = this.reflector.getAllAndOverride<Scope[]>(REQUIRED_SCOPES, targets) ?? [];
    if (!hasScopes(principal.scopes, required)) throw insufficientScope(required);
    return true;
  }
}

/** The key from `Authorization: Bearer <key>` or `X-API-Key: <key>` (one of them; both must agree). */
export function presentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  const bearer = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
  if (typeof authorization === 'string' && !bearer) return undefined;
  const header = request.headers['x-api-key'];
  const apiKey = typeof header === 'string' ? header.trim() : undefined;
  if (bearer && apiKey && bearer !== apiKey) return undefined;
  return bearer ?? apiKey;
}
