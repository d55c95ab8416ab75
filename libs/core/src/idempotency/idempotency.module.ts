import { Module } from '@nestjs/common';

import { IdempotencyHook } from './idempotency.hook';

/**
 * `Idempotency-Key` for authenticated POST requests (see `IdempotencyHook`), through Fastify hooks this
 * module installs at start-up. Needs the core module (config, Redis client, logger) and an
 * `ApiKeyVerifier` somewhere in the application (the users module).
 */
@Module({ providers: [IdempotencyHook] })
export class IdempotencyModule {}
