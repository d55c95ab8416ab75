import { performance } from 'node:perf_hooks';

import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { type RedisClientType } from '@keyv/redis';

import { type AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MongoBackendService } from '../database/mongo-backend.service';
import { RateLimitStorage } from '../rate-limit/rate-limit.storage';
import { REDIS_CLIENT } from '../redis/redis-client.module';
import { withTimeout } from '../util/with-timeout';
import { LatexProbe } from './latex.probe';

/**
 * One terminus indicator per dependency. Each check is bounded by HEALTH_CHECK_TIMEOUT_MS, reports its
 * latency, and with `detailed` also the server's version (and for MongoDB which backend answered).
 * The rate limiter is reported (which store it counts in) but never fails a check: it degrades instead.
 */
@Injectable()
export class DependencyIndicators {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly mongo: MongoBackendService,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClientType,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly rateLimit?: RateLimitStorage,
    @Optional() private readonly latex?: LatexProbe,
  ) {}

  /** pdflatex present and a tiny document compiles (detailed health); undefined without a probe bound. */
  latexCheck(detailed: boolean): Promise<HealthIndicatorResult> | undefined {
    const probe = this.latex;
    if (!probe) return undefined;
    return this.measure('latex', async () => {
      const result = await probe.check();
      if (!result.ok) throw new Error(result.error ?? 'pdflatex is not usable');
      return detailed && result.version ? { version: result.version } : {};
    });
  }

  mongoCheck(detailed: boolean): Promise<HealthIndicatorResult> {
    return this.measure('mongo', async () => {
      await this.mongo.ping();
      return detailed ? { ...(await this.mongo.serverInfo()) } : {};
    });
  }

  redisCheck(detailed: boolean): Promise<HealthIndicatorResult> {
    return this.measure('redis', async () => {
      await this.redis.ping();
      if (!detailed) return {};
      const info = await this.redis.info('server');
      return { version: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown' };
    });
  }

  /**
   * Which store the rate limiter counts in; always up (with Redis away it counts in memory, `degraded`,
   * instead of failing requests). Undefined when this app does not rate-limit (no RateLimitModule).
   */
  rateLimiterCheck(): HealthIndicatorResult | undefined {
    if (!this.rateLimit) return undefined;
    return this.health.check('rateLimiter').up({ ...this.rateLimit.status() });
  }

  private async measure(
    key: string,
    probe: () => Promise<Record<string, unknown>>,
  ): Promise<HealthIndicatorResult> {
    const session = this.health.check(key);
    const started = performance.now();
    const latencyMs = () => Math.round((performance.now() - started) * 10) / 10;
    try {
      const data = await withTimeout(probe(), this.config.health.checkTimeoutMs, `${key} health check`);
      return session.up({ latencyMs: latencyMs(), ...data });
    } catch (error) {
      return session.down({ latencyMs: latencyMs(), message: (error as Error).message });
    }
  }
}
