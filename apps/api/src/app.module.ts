import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { CoreModule, type CoreModuleOptions, HealthModule, HealthProbesModule } from '@app/core';

export interface AppModuleOptions extends CoreModuleOptions {
  /** Extra modules, for e2e tests that need a route of their own (never used in production). */
  imports?: ModuleMetadata['imports'];
}

@Module({})
export class AppModule {
  static forRoot({ imports = [], ...core }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(core), HealthModule, HealthProbesModule, ...imports],
    };
  }
}
