import {
  type DynamicModule,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type OptionalFactoryDependency,
  type Type,
} from '@nestjs/common';
import { type RedisClientType } from '@keyv/redis';
import { APP_CONFIG, type AppConfig, REDIS_CLIENT } from '@app/core';

import { GITHUB_CLIENT_OPTIONS, type GithubClientOptions } from './github-client.options';
import { GITHUB_CACHED_VALUE_VERSION, GithubEtagStore, InMemoryGithubEtagStore } from './github-etag.store';
import { RedisGithubEtagStore } from './github-etag.redis-store';
import { GithubClient } from './github.client';
import { GithubIngestionService } from './github-ingestion.service';

export interface GithubModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: InjectionToken[];
  useFactory: (...args: never[]) => GithubClientOptions | Promise<GithubClientOptions>;
  /** Another `GithubEtagStore` (e.g. Mongo-backed; its dependencies come through `imports`). */
  etagStore?: Type<GithubEtagStore>;
}

/**
 * The ETag store by default: in Redis when the app's Redis client is there (`REDIS_CLIENT`, global through
 * the core RedisModule), shared by every process; else in memory per process (a module compiled alone, as
 * in unit tests). Redis keys: `{REDIS_KEY_PREFIX}:gh:etag:v{value version}:r{README bytes}:{hash}`; the
 * README size is part of it because the stored README text is cut to it.
 */
export function createGithubEtagStore(
  options: GithubClientOptions,
  redis?: RedisClientType,
  config?: AppConfig,
): GithubEtagStore {
  if (!redis) return new InMemoryGithubEtagStore(options.etagCacheMaxEntries);
  const prefix = config?.redis.keyPrefix ?? 'llmployable';
  return new RedisGithubEtagStore(redis, {
    keyPrefix: `${prefix}:gh:etag:v${GITHUB_CACHED_VALUE_VERSION}:r${options.readmeMaxBytes}:`,
    ttlSeconds: options.etagTtlSeconds,
    maxValueBytes: options.etagMaxValueBytes,
  });
}

const OPTIONAL_REDIS: OptionalFactoryDependency = { token: REDIS_CLIENT, optional: true };
const OPTIONAL_CONFIG: OptionalFactoryDependency = { token: APP_CONFIG, optional: true };

/**
 * The GitHub adapter and ingestion, configured from outside:
 *
 *   GithubModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.github })
 *
 * The ETag store is Redis-backed when the app's Redis is there, else in memory (bounded by
 * `etagCacheMaxEntries`); see `createGithubEtagStore`. Pass `etagStore` to use another one.
 */
@Module({})
export class GithubModule {
  static forRootAsync(options: GithubModuleAsyncOptions): DynamicModule {
    return {
      module: GithubModule,
      imports: options.imports ?? [],
      providers: [
        { provide: GITHUB_CLIENT_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        options.etagStore
          ? { provide: GithubEtagStore, useClass: options.etagStore }
          : {
              provide: GithubEtagStore,
              inject: [GITHUB_CLIENT_OPTIONS, OPTIONAL_REDIS, OPTIONAL_CONFIG],
              useFactory: createGithubEtagStore,
            },
        GithubClient,
        GithubIngestionService,
      ],
      exports: [GithubClient, GithubIngestionService, GithubEtagStore, GITHUB_CLIENT_OPTIONS],
    };
  }
}
