import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { type RedisClientType, createClient } from '@keyv/redis';

import { type AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** Injection token of the shared node-redis client (cache store, health, and later rate limits). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

const logger = new Logger('Redis');

/**
 * One Redis client for the process. It does not queue commands while disconnected (they fail fast, so a
 * Redis outage shows up as a failed health check and cache misses rather than hung requests) and keeps
 * reconnecting with capped backoff, so the service recovers by itself when Redis comes back.
 */
export function createRedisClient(config: AppConfig): RedisClientType {
  const client = createClient({
    url: config.redis.url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000),
    },
  }) as RedisClientType;
  let lastLogged = 0;
  client.on('error', (error: Error) => {
    // While Redis is down every reconnect attempt raises an error; log at most one every 5 s.
    if (Date.now() - lastLogged > 5000) {
      lastLogged = Date.now();
      logger.warn(`Redis connection error: ${error.message}`);
    }
  });
  client.connect().catch((error: Error) => logger.error(`Redis connect failed: ${error.message}`));
  return client;
}

@Module({
  providers: [{ provide: REDIS_CLIENT, inject: [APP_CONFIG], useFactory: createRedisClient }],
  exports: [REDIS_CLIENT],
})
export class RedisClientModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: RedisClientType) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
  }
}
