import {
  type DynamicModule,
  type InjectionToken,
  Module,
  type OptionalFactoryDependency,
  Global,
} from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { CacheAdminController } from './cache-admin.controller';
import { CacheEntry, CacheEntrySchema } from './cache-entry.schema';
import { CacheEntryRepository } from './cache-entry.repository';
import { CachePurgeJob } from './cache-purge.job';
import { CACHE_LIB_OPTIONS, type CacheLibOptions, resolveCacheLibOptions } from './cache.options';
import { CacheService } from './cache.service';
import { LayeredCache } from './layered-cache.service';

export interface CacheLibModuleAsyncOptions {
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (...args: never[]) => Partial<CacheLibOptions> | Promise<Partial<CacheLibOptions>>;
}

/**
 * The layered cache (Redis in front of the Mongo collection `cache_entries`): exports `LayeredCache`,
 * serves the admin routes `GET /api/v1/cache/stats` and `DELETE /api/v1/cache/{namespace}`, and purges
 * expired entries periodically. Named `CacheLibModule` so it does not collide with `@nestjs/cache-manager`'s
 * `CacheModule`. Needs the core module (config, logger, clock, MongoDB connection, Redis client).
 * Global: one per app, `LayeredCache` injectable anywhere. Imported as is it uses `DEFAULT_CACHE_LIB_OPTIONS`; `forRoot` / `forRootAsync` override them.
 */
@Global()
@Module({
  imports: [MongooseModule.forFeature([{ name: CacheEntry.name, schema: CacheEntrySchema }])],
  controllers: [CacheAdminController],
  providers: [CacheEntryRepository, LayeredCache, CacheService, CachePurgeJob],
  exports: [LayeredCache],
})
export class CacheLibModule {
  static forRoot(options: Partial<CacheLibOptions> = {}): DynamicModule {
    const resolved = resolveCacheLibOptions(options);
    return {
      module: CacheLibModule,
      providers: [{ provide: CACHE_LIB_OPTIONS, useValue: resolved }],
    };
  }

  static forRootAsync({ inject = [], useFactory }: CacheLibModuleAsyncOptions): DynamicModule {
    return {
      module: CacheLibModule,
      providers: [
        {
          provide: CACHE_LIB_OPTIONS,
          inject,
          useFactory: async (...args: never[]) => resolveCacheLibOptions(await useFactory(...args)),
        },
      ],
    };
  }
}
