import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { type Logger as Pino } from 'pino';

import { type AppConfig } from './config/app-config';
import { CoreConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { RedisModule } from './redis/redis.module';
import { ClockModule } from './util/clock';

export interface CoreModuleOptions {
  config: AppConfig;
  /** The process's root logger (shared with Fastify, so request lines and service lines are one stream). */
  logger: Pino;
}

/** Everything every app needs: validated config, logging, MongoDB and Redis. */
@Module({})
export class CoreModule {
  static forRoot({ config, logger }: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        CoreConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true }),
        DatabaseModule,
        RedisModule,
        ClockModule,
      ],
      exports: [CoreConfigModule, LoggerModule, DatabaseModule, RedisModule, ClockModule],
    };
  }
}
