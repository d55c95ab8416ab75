import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { Clock } from '@app/core';

import { CacheEntryRepository } from './cache-entry.repository';
import { CACHE_LIB_OPTIONS, type CacheLibOptions, resolveCacheLibOptions } from './cache.options';

/**
 * Deletes expired `cache_entries` once at start and then every `purgeIntervalMs` (no TTL index does it:
 * FerretDB has none; reads already ignore expired entries, the purge only reclaims space). Every instance
 * runs it; the delete is idempotent, so overlaps are harmless.
 */
@Injectable()
export class CachePurgeJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private readonly intervalMs: number;

  constructor(
    private readonly repository: CacheEntryRepository,
    private readonly clock: Clock,
    @InjectPinoLogger(CachePurgeJob.name) private readonly logger: PinoLogger,
    @Optional() @Inject(CACHE_LIB_OPTIONS) options?: Partial<CacheLibOptions>,
  ) {
    this.intervalMs = resolveCacheLibOptions(options).purgeIntervalMs;
  }

  onApplicationBootstrap(): void {
    void this.run();
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One purge; resolves (never rejects) with how many entries it deleted, and joins a purge already running. */
  run(): Promise<number> {
    this.running ??= this.purge().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async purge(): Promise<number> {
    try {
      const deleted = await this.repository.purgeExpired(this.clock.now());
      this.logger.info({ deleted }, 'cache: purged expired entries');
      return deleted;
    } catch (error) {
      this.logger.warn({ err: error }, 'cache: purge failed; will try again at the next interval');
      return 0;
    }
  }
}
