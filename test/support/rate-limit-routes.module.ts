/**
 * Routes that exist only in the rate-limit e2e spec: one per bucket, all `@Public()` (so they are tracked
 * per client IP unless a principal is set), and a stand-in for the auth guard's `request.principal` so
 * per-key tracking can be exercised without the users library.
 */
import { Controller, Get, Module, type OnModuleInit, Post } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type FastifyInstance } from 'fastify';
import { Public } from '@app/core';
import { RateLimitBucket } from '@app/core/rate-limit/rate-limit.decorators';

@Public()
@Controller('api/v1/test-only/rate-limit')
export class RateLimitRoutesController {
  @Get('ping')
  read(): { ok: true } {
    return { ok: true };
  }

  @Post('ping')
  write(): { ok: true } {
    return { ok: true };
  }

  @Post('generate')
  @RateLimitBucket('generate')
  generate(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [RateLimitRoutesController] })
export class RateLimitRoutesModule {}

/** Header that makes `FakePrincipalModule` set `request.principal` with that key id (tests only). */
export const FAKE_KEY_ID_HEADER = 'x-test-key-id';

/**
 * Sets `request.principal` from `X-Test-Key-Id` in a Fastify `onRequest` hook, i.e. before every Nest
 * guard, as the real auth guard does for an authenticated request. Works whatever the guard order is.
 */
@Module({})
export class FakePrincipalModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request, _reply, done) => {
      const keyId = request.headers[FAKE_KEY_ID_HEADER];
      if (typeof keyId === 'string') {
        request.principal = {
          userId: `user-${keyId}`,
          role: 'user',
          keyId,
          keyPrefix: `llm_test_${keyId}`,
          scopes: [],
        };
      }
      done();
    });
  }
}
