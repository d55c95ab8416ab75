import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { normalizeIp } from '@nestjs/throttler';
import { type FastifyReply, type FastifyRequest } from 'fastify';

import { type AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { RATE_LIMIT_POLICY, type RateLimitBucketName, type RateLimitPolicy } from './rate-limit.decorators';
import { rateLimited } from './rate-limit.errors';
import { RateLimitStorage } from './rate-limit.storage';

const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/**
 * The global rate-limit guard. Each request counts against one bucket: `read` (GET/HEAD), `write`
 * (everything else) or the bucket a route names with `@RateLimitBucket`, per API key when the auth guard
 * has set `request.principal` (so it must run after that guard), else per client IP (`request.ip`, which
 * honours TRUST_PROXY; IPv6 grouped by /64). Fixed windows of RATE_LIMIT_WINDOW_SECONDS. Every limited
 * response carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds); over the limit
 * is a 429 `rate_limited` problem with `Retry-After`. One metadata lookup and one Redis round trip per request.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly keyPrefix: string;
  private readonly windowMs: number;
  private readonly enabled: boolean;

  constructor(
    private readonly reflector: Reflector,
    private readonly storage: RateLimitStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.keyPrefix = `${config.redis.keyPrefix}:ratelimit:`;
    this.windowMs = config.rateLimit.windowSeconds * 1000;
    this.enabled = config.features.has('rateLimit');
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || !this.enabled) return true;
    const policy = this.reflector.getAllAndOverride<RateLimitPolicy | undefined>(RATE_LIMIT_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (policy === 'skip') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const bucket: RateLimitBucketName = policy ?? (READ_METHODS.has(request.method) ? 'read' : 'write');
    const limit = this.config.rateLimit[bucket];
    const keyId = request.principal?.keyId;
    const tracker = keyId === undefined ? `ip:${normalizeIp(request.ip)}` : `key:${keyId}`;

    const hit = await this.storage.increment(
      `${this.keyPrefix}${bucket}:${tracker}`,
      this.windowMs,
      limit,
      this.windowMs, // blockDuration: our stores block until the window resets; kept for ThrottlerStorage
      bucket,
    );
    void http.getResponse<FastifyReply>().headers({
      'ratelimit-limit': limit,
      'ratelimit-remaining': Math.max(0, limit - hit.totalHits),
      'ratelimit-reset': hit.timeToExpire,
    });
    if (hit.isBlocked) {
      throw rateLimited({
        bucket,
        limit,
        windowSeconds: this.config.rateLimit.windowSeconds,
        resetSeconds: hit.timeToBlockExpire,
        tracker: keyId === undefined ? 'ip' : 'key',
      });
    }
    return true;
  }
}
