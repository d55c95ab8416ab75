import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ApiKeyVerifier } from '@app/core';

import { ApiKeyCache } from './api-key-cache';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeySchema } from './api-key.schema';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { LastUsedTracker } from './last-used.tracker';
import { MeController } from './me.controller';
import { UserRepository } from './user.repository';
import { UserSchema } from './user.schema';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Users and their API keys; provides the `ApiKeyVerifier` the global auth guard uses. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: 'User', schema: UserSchema },
      { name: 'ApiKey', schema: ApiKeySchema },
    ]),
  ],
  // MeController before UsersController so `/users/me` is registered ahead of `/users/:id`.
  controllers: [MeController, UsersController, ApiKeysController],
  providers: [
    UserRepository,
    ApiKeyRepository,
    ApiKeyCache,
    LastUsedTracker,
    ApiKeysService,
    UsersService,
    { provide: ApiKeyVerifier, useExisting: ApiKeysService },
  ],
  exports: [UsersService, ApiKeysService, ApiKeyVerifier],
})
export class UsersModule {}
