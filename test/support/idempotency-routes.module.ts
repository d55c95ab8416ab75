/**
 * Routes that exist only in the idempotency e2e spec: one that fails with a 500 on its first call (a
 * 5xx must not be kept), one that sets Location and ETag (replayed headers), and a public one (public
 * routes are not tracked). Each counts its calls per `tag` from the body, so tests see how often the
 * handler really ran.
 */
import { Body, Controller, Module, Post, Res } from '@nestjs/common';
import { IsString, Length } from 'class-validator';
import { type FastifyReply } from 'fastify';
import { Public } from '@app/core';

interface Tagged {
  tag: string;
}

class NamedDto {
  @IsString()
  @Length(1, 20)
  name!: string;
}

const calls = new Map<string, number>();
const count = (tag: string): number => {
  const next = (calls.get(tag) ?? 0) + 1;
  calls.set(tag, next);
  return next;
};

@Controller('api/v1/test-only/idempotency')
export class IdempotencyTestController {
  @Post('flaky')
  flaky(@Body() body: Tagged): { tag: string; calls: number } {
    const n = count(`flaky:${body.tag}`);
    if (n === 1) throw new Error('first call fails');
    return { tag: body.tag, calls: n };
  }

  @Post('validated')
  validated(@Body() body: NamedDto): { name: string; calls: number } {
    return { name: body.name, calls: count(`validated:${body.name}`) };
  }

  @Post('located')
  located(@Body() body: Tagged, @Res({ passthrough: true }) reply: FastifyReply): { calls: number } {
    const n = count(`located:${body.tag}`);
    void reply.header('location', `/api/v1/things/${body.tag}-${n}`).header('etag', `"v${n}"`);
    return { calls: n };
  }
}

@Public()
@Controller('api/v1/test-only/idempotency-public')
export class IdempotencyPublicTestController {
  @Post('count')
  count(@Body() body: Tagged): { calls: number } {
    return { calls: count(`public:${body.tag}`) };
  }
}

@Module({ controllers: [IdempotencyTestController, IdempotencyPublicTestController] })
export class IdempotencyRoutesModule {}
