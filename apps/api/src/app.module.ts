import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApplicationsModule } from '@app/applications';
import { AuditModule } from '@app/audit';
import { CacheLibModule } from '@app/cache';
import {
  APP_CONFIG,
  type AppConfig,
  ApiKeyGuard,
  CoreModule,
  type CoreModuleOptions,
  HealthModule,
  HealthProbesModule,
  IdempotencyModule,
  RateLimitModule,
} from '@app/core';
import { EvidenceModule } from '@app/evidence';
import { GenerationModule } from '@app/generation';
import { JobAnalysisModule } from '@app/job-analysis';
import { RenderModule } from '@app/render';
import { ResumesModule } from '@app/resumes';
import { UsersModule } from '@app/users';

import { ResumesVersionLookup } from './resumes-version.lookup';

export interface AppModuleOptions extends CoreModuleOptions {
  /** Extra modules, for e2e tests that need a route of their own (never used in production). */
  imports?: ModuleMetadata['imports'];
}

@Module({})
export class AppModule {
  static forRoot({ imports = [], ...core }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(core),
        HealthModule,
        HealthProbesModule,
        UsersModule,
        ResumesModule,
        ApplicationsModule.forRoot({ imports: [ResumesModule], resumeLookup: ResumesVersionLookup }),
        RateLimitModule,
        CacheLibModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            purgeIntervalMs: config.cache.purgeIntervalMs,
            redisTimeoutMs: config.cache.redisTimeoutMs,
          }),
        }),
        RenderModule,
        EvidenceModule,
        JobAnalysisModule,
        GenerationModule.forRoot({ workers: 'config' }),
        AuditModule,
        IdempotencyModule,
        ...imports,
      ],
      // Global guards: ApiKeyGuard (here, in AppModule's own providers) runs before RateLimitModule's guard,
      // so the limiter can count per API key. AuditModule records every mutating request through Fastify
      // hooks (no global interceptor: that would put Nest's interceptor pipeline on every request).
      providers: [{ provide: APP_GUARD, useClass: ApiKeyGuard }],
    };
  }
}
