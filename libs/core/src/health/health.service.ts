import { Inject, Injectable } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';

import { type AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DomainError } from '../errors/domain.error';
import { CoreErrorCode } from '../errors/error-codes';
import { DependencyIndicators } from './dependency.indicators';
import {
  type DetailedDependenciesDto,
  type DetailedHealthDto,
  type LivenessDto,
  type ReadinessDto,
} from './health.dto';

@Injectable()
export class HealthService {
  constructor(
    private readonly terminus: HealthCheckService,
    private readonly indicators: DependencyIndicators,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  liveness(): LivenessDto {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime() * 10) / 10 };
  }

  async readiness(): Promise<ReadinessDto> {
    return {
      status: 'ok',
      dependencies: await this.dependencies({ versions: false, rateLimiter: false, latex: false }),
    };
  }

  async detailed(): Promise<DetailedHealthDto> {
    const withVersions = this.config.features.has('healthDetails');
    return {
      status: 'ok',
      version: this.config.version,
      node: process.version,
      environment: this.config.profile,
      uptimeSeconds: this.liveness().uptimeSeconds,
      checkedAt: new Date().toISOString(),
      dependencies: await this.dependencies({ versions: withVersions, rateLimiter: true, latex: true }),
    };
  }

  /**
   * Runs every dependency check; any one down is a 503 problem that still lists each dependency. MongoDB
   * and Redis decide readiness; the rate limiter (detailed only) is reported, never down.
   */
  private async dependencies(include: {
    versions: boolean;
    rateLimiter: boolean;
    latex: boolean;
  }): Promise<DetailedDependenciesDto> {
    const checks: HealthIndicatorFunction[] = [
      () => this.indicators.mongoCheck(include.versions),
      () => this.indicators.redisCheck(include.versions),
    ];
    const limiter = include.rateLimiter ? this.indicators.rateLimiterCheck() : undefined;
    if (limiter) checks.push(() => limiter);
    // LaTeX is part of detailed health only: without it PDFs fail, but the API still serves everything else.
    if (include.latex) {
      const latex = this.indicators.latexCheck(include.versions);
      if (latex) checks.push(() => latex);
    }
    let result: HealthCheckResult;
    try {
      result = await this.terminus.check(checks);
    } catch (error) {
      const failed = (error as { response?: HealthCheckResult }).response;
      if (!failed?.details) throw error;
      const down = Object.keys(failed.error ?? {});
      throw new DomainError({
        status: 503,
        code: CoreErrorCode.DependencyUnavailable,
        title: 'Dependency unavailable',
        detail: `Not ready: ${down.join(', ')} ${down.length === 1 ? 'is' : 'are'} down.`,
        extensions: { dependencies: failed.details },
        headers: { 'retry-after': '5' },
      });
    }
    return result.details as unknown as DetailedDependenciesDto;
  }
}
