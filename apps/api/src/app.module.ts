import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard, CoreModule, type CoreModuleOptions, HealthModule, HealthProbesModule } from '@app/core';
import { UsersModule } from '@app/users';

export interface AppModuleOptions extends CoreModuleOptions {
  /** Extra modules, for e2e tests that need a route of their own (never used in production). */
  imports?: ModuleMetadata['imports'];
}

@Module({})
export class AppModule {
  static forRoot({ imports = [], ...core }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(core), HealthModule, HealthProbesModule, UsersModule, ...imports],
      // Global guards run in this order: authentication and scopes first.
      providers: [{ provide: APP_GUARD, useClass: ApiKeyGuard }],
    };
  }
}
