import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Redis } from 'ioredis';

import { type AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MemoryWindowStorage } from './memory-window.storage';
import { AuthFailureLimiter } from './auth-failure.limiter';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitStorage } from './rate-limit.storage';
import { RedisWindowStorage } from './redis-window.storage';

/** Injection token of the limiter's own ioredis client. */
export const RATE_LIMIT_REDIS = Symbol('RATE_LIMIT_REDIS');

/** A rate-limit command that has not answered within this long counts as Redis being down. */
export const RATE_LIMIT_REDIS_TIMEOUT_MS = 200;
/** How long boot waits for the first connection before starting in memory (it keeps connecting). */
const CONNECT_WAIT_MS = 2000;

const logger = new Logger('RateLimit');

/**
 * The limiter's ioredis client, built to fail fast while Redis is away instead of queueing: no offline
 * queue, no retry of a command, a short command timeout. It keeps reconnecting in the background with
 * capped backoff; the storage switches back to Redis when it is ready again.
 */
export function createRateLimitRedis(url: string): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: RATE_LIMIT_REDIS_TIMEOUT_MS,
    connectTimeout: CONNECT_WAIT_MS,
    retryStrategy: (attempt: number) => Math.min(100 * 2 ** attempt, 2000),
    connectionName: 'llmployable:ratelimit',
  });
  // Connection errors repeat on every reconnect attempt; the storage logs the switch to memory once instead.
  client.on('error', (error: Error) => logger.debug(`Redis connection error: ${error.message}`));
  return client;
}

/** Resolves when the client is ready or after `ms`, whichever comes first (never rejects). */
export async function waitUntilReady(client: Redis, ms: number): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    client.once('ready', done);
  });
}

/**
 * Per-key / per-IP rate limits for every route (see `RateLimitGuard`), counted in Redis with an
 * in-memory fallback. Global, so health can report the limiter's state. Import it AFTER the module that
 * registers the auth guard: global guards run in registration order, and this one keys on `request.principal`.
 */
@Global()
@Module({
  providers: [
    {
      provide: RATE_LIMIT_REDIS,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const client = createRateLimitRedis(config.redis.url);
        await waitUntilReady(client, CONNECT_WAIT_MS);
        return client;
      },
    },
    {
      provide: RateLimitStorage,
      inject: [RATE_LIMIT_REDIS],
      useFactory: (client: Redis) =>
        new RateLimitStorage(new RedisWindowStorage(client), new MemoryWindowStorage()),
    },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    AuthFailureLimiter,
  ],
  exports: [RateLimitStorage, AuthFailureLimiter],
})
export class RateLimitModule implements OnApplicationShutdown {
  constructor(
    @Inject(RATE_LIMIT_REDIS) private readonly client: Redis,
    private readonly storage: RateLimitStorage,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.storage.stop();
    if (this.client.status === 'ready') {
      await this.client.quit().catch(() => this.client.disconnect());
    } else {
      this.client.disconnect();
    }
  }
}
