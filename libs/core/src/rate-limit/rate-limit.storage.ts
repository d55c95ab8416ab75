import { Logger } from '@nestjs/common';
import { type ThrottlerStorage } from '@nestjs/throttler';

import { type MemoryWindowStorage } from './memory-window.storage';
import { type SharedWindowStorage } from './redis-window.storage';
import { type WindowRecord } from './window-record';

export type RateLimitStoreKind = 'redis' | 'memory';

/** What health reports about the limiter. */
export interface RateLimiterStatus {
  store: RateLimitStoreKind;
  /** True while counting in memory: each instance then enforces the limits on its own. */
  degraded: boolean;
}

/** How often, while degraded but connected (a slow or failing Redis), one request tries Redis again. */
export const REDIS_RETRY_INTERVAL_MS = 1000;

/**
 * The limiter's storage: Redis (shared by every instance) while it answers, this process's memory while it
 * does not, so a Redis outage never fails a request. Each switch is logged once. It goes back to Redis as
 * soon as the connection is ready again; after a failed or slow command on a live connection, one request
 * per `REDIS_RETRY_INTERVAL_MS` tries Redis (bounded by the client's command timeout) until it answers.
 */
export class RateLimitStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private store: RateLimitStoreKind;
  private retryAt = 0;
  private stopped = false;

  constructor(
    private readonly shared: SharedWindowStorage,
    private readonly memory: MemoryWindowStorage,
    private readonly now: () => number = Date.now,
  ) {
    this.store = 'redis';
    if (!shared.ready) this.degrade('not connected at startup');
    shared.onAvailability((available, reason) => (available ? this.recover() : this.degrade(reason)));
  }

  status(): RateLimiterStatus {
    return { store: this.store, degraded: this.store === 'memory' };
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<WindowRecord> {
    if (this.store === 'redis' || (this.shared.ready && this.now() >= this.retryAt)) {
      try {
        const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
        this.recover();
        return record;
      } catch (error) {
        this.degrade((error as Error).message);
        this.retryAt = this.now() + REDIS_RETRY_INTERVAL_MS;
      }
    }
    return this.memory.increment(key, ttl, limit);
  }

  /** Stops reacting to the connection (it is being closed on purpose at shutdown). */
  stop(): void {
    this.stopped = true;
  }

  private degrade(reason: string): void {
    if (this.store === 'memory' || this.stopped) return;
    this.store = 'memory';
    this.logger.warn(
      `Rate limiter degraded: Redis is unavailable (${reason}); counting in memory, per instance, until it answers again`,
    );
  }

  private recover(): void {
    if (this.store === 'redis' || this.stopped) return;
    this.store = 'redis';
    this.memory.clear();
    this.logger.log('Rate limiter recovered: counting in Redis again, shared by every instance');
  }
}
