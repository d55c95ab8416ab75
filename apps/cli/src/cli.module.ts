import { type DynamicModule, Module } from '@nestjs/common';
import { CoreModule, type CoreModuleOptions } from '@app/core';
import { UsersModule } from '@app/users';

/** What the operator CLI needs: configuration, MongoDB/Redis, and the users library. */
@Module({})
export class CliModule {
  static forRoot(core: CoreModuleOptions): DynamicModule {
    return { module: CliModule, imports: [CoreModule.forRoot(core), UsersModule] };
  }
}
