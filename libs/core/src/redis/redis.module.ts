import { CacheModule } from '@nestjs/cache-manager';
import { Global, Module } from '@nestjs/common';
import KeyvRedis, { Keyv, type RedisClientType } from '@keyv/redis';

import { type AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { REDIS_CLIENT, RedisClientModule } from './redis-client.module';

/** Redis for the whole app: the shared client and the cache-manager cache (Keyv over the same client). */
@Global()
@Module({
  imports: [
    RedisClientModule,
    CacheModule.registerAsync({
      isGlobal: true,
      imports: [RedisClientModule],
      inject: [APP_CONFIG, REDIS_CLIENT],
      useFactory: (config: AppConfig, client: RedisClientType) => {
        const store = new KeyvRedis(client, { throwOnConnectError: false, throwOnErrors: false });
        // The store prefixes keys with the namespace; Keyv must not add it a second time.
        const keyv = new Keyv({ store, namespace: `${config.redis.keyPrefix}:cache`, useKeyPrefix: false });
        // Errors are already logged by the client's listener; a cache error is a miss, never a crash.
        store.on('error', () => undefined);
        keyv.on('error', () => undefined);
        return { stores: [keyv] };
      },
    }),
  ],
  exports: [RedisClientModule, CacheModule],
})
export class RedisModule {}
