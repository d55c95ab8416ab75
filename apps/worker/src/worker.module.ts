import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import {
  type AppConfig,
  APP_CONFIG,
  CoreModule,
  type CoreModuleOptions,
  QUEUES,
  bullmqConnectionFrom,
  bullmqPrefix,
} from '@app/core';

import { CacheLibModule } from '@app/cache';
import { GenerationModule } from '@app/generation';
import { RenderModule } from '@app/render';

import { WorkerHealthServer } from './worker-health.server';

/**
 * The queue worker: core services plus BullMQ on the shared Redis, running the generation pipeline
 * (GENERATION_CONCURRENCY jobs at once), and serving its probes (`/health`, `/health/ready` on PORT).
 */
@Module({})
export class WorkerModule {
  static forRoot(core: CoreModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(core),
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            connection: bullmqConnectionFrom(config.redis.url),
            prefix: bullmqPrefix(config),
          }),
        }),
        BullModule.registerQueue({ name: QUEUES.generation }),
        CacheLibModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            purgeIntervalMs: config.cache.purgeIntervalMs,
            redisTimeoutMs: config.cache.redisTimeoutMs,
          }),
        }),
        RenderModule,
        GenerationModule.forRoot({ workers: 'always' }),
      ],
      providers: [WorkerHealthServer],
    };
  }
}
