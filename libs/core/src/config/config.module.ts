import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';

import { type AppConfig } from './app-config';

/** Injection token of the validated `AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Makes the already-validated config injectable everywhere (`@Inject(APP_CONFIG)`), and also exposes it
 * through `@nestjs/config`'s `ConfigService` for libraries that expect it. It never reads the environment.
 */
@Global()
@Module({})
export class CoreConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreConfigModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          skipProcessEnv: true,
          load: [() => ({ ...config })],
        }),
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
