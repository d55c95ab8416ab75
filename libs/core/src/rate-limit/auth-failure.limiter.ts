import { Inject, Injectable } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';

import { type AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { type DomainError } from '../errors/domain.error';
import { rateLimited } from './rate-limit.errors';
import { RateLimitStorage } from './rate-limit.storage';

/**
 * Counts failed authentications per client IP (the rate-limit guard runs after authentication, so it
 * never sees them). Past RATE_LIMIT_AUTH_FAILURES in a window, the auth guard answers 429 instead of 401,
 * which bounds key guessing and the database lookups and audit entries it would cost.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly keyPrefix: string;

  constructor(
    private readonly storage: RateLimitStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.keyPrefix = `${config.redis.keyPrefix}:ratelimit:auth:ip:`;
  }

  /** Records one failure; returns the 429 to throw when this IP is past its limit, else undefined. */
  async recordFailure(ip: string): Promise<DomainError | undefined> {
    const windowMs = this.config.rateLimit.windowSeconds * 1000;
    const limit = this.config.rateLimit.authFailures;
    const hit = await this.storage.increment(
      `${this.keyPrefix}${normalizeIp(ip)}`,
      windowMs,
      limit,
      windowMs,
      'auth',
    );
    if (!hit.isBlocked) return undefined;
    return rateLimited({
      bucket: 'auth',
      limit,
      windowSeconds: this.config.rateLimit.windowSeconds,
      resetSeconds: hit.timeToBlockExpire,
      tracker: 'ip',
    });
  }
}
