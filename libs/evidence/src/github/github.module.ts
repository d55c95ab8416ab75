import {
  type DynamicModule,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type Type,
} from '@nestjs/common';

import { GITHUB_CLIENT_OPTIONS, type GithubClientOptions } from './github-client.options';
import { GithubEtagStore, InMemoryGithubEtagStore } from './github-etag.store';
import { GithubClient } from './github.client';
import { GithubIngestionService } from './github-ingestion.service';

export interface GithubModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: InjectionToken[];
  useFactory: (...args: never[]) => GithubClientOptions | Promise<GithubClientOptions>;
  /** Another `GithubEtagStore` (e.g. Mongo- or Redis-backed; its dependencies come through `imports`). */
  etagStore?: Type<GithubEtagStore>;
}

/**
 * The GitHub adapter and ingestion, configured from outside:
 *
 *   GithubModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.github })
 *
 * The ETag store defaults to memory (bounded by `etagCacheMaxEntries`); pass `etagStore` to share it.
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
              inject: [GITHUB_CLIENT_OPTIONS],
              useFactory: (config: GithubClientOptions) =>
                new InMemoryGithubEtagStore(config.etagCacheMaxEntries),
            },
        GithubClient,
        GithubIngestionService,
      ],
      exports: [GithubClient, GithubIngestionService, GithubEtagStore, GITHUB_CLIENT_OPTIONS],
    };
  }
}
