import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import {
  type AppConfig,
  APP_CONFIG,
  CoreModule,
  type CoreModuleOptions,
  QUEUES,
  bullmqConnectionFrom,
} from '@app/core';

import { WorkerHealthServer } from './worker-health.server';

/**
 * The queue worker: core services plus BullMQ on the shared Redis. Queue processors (generation jobs)
 * are added by the feature libraries that own them; for now the worker connects, serves its probes
 * (`/health`, `/health/ready` on PORT) and waits.
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
            prefix: `${config.redis.keyPrefix}:bull`,
          }),
        }),
        BullModule.registerQueue({ name: QUEUES.generation }),
      ],
      providers: [WorkerHealthServer],
    };
  }
}
