import { type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';

import { loadConfig } from '../config/app-config';
import { DomainError } from '../errors/domain.error';
import { MemoryWindowStorage } from './memory-window.storage';
import { RateLimitBucket, SkipRateLimit } from './rate-limit.decorators';
import { RateLimitGuard } from './rate-limit.guard';
import { type RateLimitStorage } from './rate-limit.storage';

class ThingsController {
  list(): void {}
  create(): void {}
  @RateLimitBucket('generate')
  generate(): void {}
  @SkipRateLimit()
  probe(): void {}
}

@SkipRateLimit()
class ProbesController {
  live(): void {}
  @RateLimitBucket('read')
  counted(): void {}
}

interface FakeRequest {
  method: string;
  ip: string;
  principal?: { keyId: string };
}

/** Records every key the guard asks for, and counts in memory. */
class RecordingStorage extends MemoryWindowStorage {
  keys: string[] = [];
  override increment(key: string, ttl: number, limit: number) {
    this.keys.push(key);
    return super.increment(key, ttl, limit);
  }
}

function setup(env: Record<string, string> = {}) {
  const config = loadConfig({
    NODE_ENV: 'test',
    REDIS_KEY_PREFIX: 'pfx',
    RATE_LIMIT_WINDOW_SECONDS: '60',
    RATE_LIMIT_READ: '3',
    RATE_LIMIT_WRITE: '2',
    RATE_LIMIT_GENERATE: '1',
    ...env,
  });
  const storage = new RecordingStorage();
  const guard = new RateLimitGuard(new Reflector(), storage as unknown as RateLimitStorage, config);
  const call = async (
    handler: (...args: unknown[]) => void,
    request: FakeRequest,
    controller: object = ThingsController,
  ) => {
    const headers: Record<string, unknown> = {};
    const reply = { headers: (values: Record<string, unknown>) => Object.assign(headers, values) };
    const context = {
      getType: () => 'http',
      getHandler: () => handler,
      getClass: () => controller,
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
    } as unknown as ExecutionContext;
    try {
      return { allowed: await guard.canActivate(context), headers, error: undefined };
    } catch (error) {
      return { allowed: false, headers, error: error as DomainError };
    }
  };
  return { guard, storage, call };
}

const { prototype: things } = ThingsController;

describe('RateLimitGuard', () => {
  it('counts GET and HEAD against read, other methods against write, per client IP, under the key prefix', async () => {
    const { storage, call } = setup();
    await call(things.list, { method: 'GET', ip: '10.0.0.1' });
    await call(things.list, { method: 'HEAD', ip: '10.0.0.1' });
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
      await call(things.create, { method, ip: '10.0.0.1' });
    expect(storage.keys).toEqual([
      'pfx:ratelimit:read:ip:10.0.0.1',
      'pfx:ratelimit:read:ip:10.0.0.1',
      ...Array(4).fill('pfx:ratelimit:write:ip:10.0.0.1'),
    ]);
  });

  it('uses the bucket a route names, and skips routes marked @SkipRateLimit', async () => {
    const { storage, call } = setup();
    await call(things.generate, { method: 'POST', ip: '10.0.0.1' });
    expect(await call(things.probe, { method: 'GET', ip: '10.0.0.1' })).toMatchObject({
      allowed: true,
      headers: {},
    });
    expect(
      await call(ProbesController.prototype.live, { method: 'GET', ip: '10.0.0.1' }, ProbesController),
    ).toMatchObject({ allowed: true, headers: {} });
    await call(ProbesController.prototype.counted, { method: 'GET', ip: '10.0.0.1' }, ProbesController);
    expect(storage.keys).toEqual(['pfx:ratelimit:generate:ip:10.0.0.1', 'pfx:ratelimit:read:ip:10.0.0.1']);
  });

  it('tracks by API key id when the auth guard set a principal, else by IP (IPv6 grouped by /64)', async () => {
    const { storage, call } = setup();
    await call(things.list, { method: 'GET', ip: '10.0.0.1', principal: { keyId: 'key123' } });
    await call(things.list, { method: 'GET', ip: '2001:db8:1:2:aaaa::1' });
    await call(things.list, { method: 'GET', ip: '2001:db8:1:2:bbbb::2' });
    await call(things.list, { method: 'GET', ip: '::ffff:127.0.0.1' });
    expect(storage.keys).toEqual([
      'pfx:ratelimit:read:key:key123',
      'pfx:ratelimit:read:ip:2001:db8:1:2::/64',
      'pfx:ratelimit:read:ip:2001:db8:1:2::/64',
      'pfx:ratelimit:read:ip:127.0.0.1',
    ]);
  });

  it('sets RateLimit-Limit, -Remaining and -Reset on every counted request', async () => {
    const { call } = setup();
    const first = await call(things.list, { method: 'GET', ip: '10.0.0.1' });
    expect(first).toMatchObject({
      allowed: true,
      headers: { 'ratelimit-limit': 3, 'ratelimit-remaining': 2, 'ratelimit-reset': 60 },
    });
  });

  it('throws a 429 rate_limited problem naming the bucket and limit, with Retry-After, past the limit', async () => {
    const { call } = setup();
    const request = { method: 'POST', ip: '10.0.0.1', principal: { keyId: 'k1' } };
    await call(things.create, request);
    await call(things.create, request);
    const third = await call(things.create, request);
    expect(third.headers).toEqual({ 'ratelimit-limit': 2, 'ratelimit-remaining': 0, 'ratelimit-reset': 60 });
    expect(third.error).toBeInstanceOf(DomainError);
    expect(third.error).toMatchObject({
      status: 429,
      code: 'rate_limited',
      extensions: { bucket: 'write', limit: 2, windowSeconds: 60, resetSeconds: 60 },
      headers: { 'retry-after': '60' },
    });
    expect(third.error?.message).toBe(
      'Rate limit exceeded for the "write" bucket: 2 requests per 60 seconds per API key. Retry in 60 seconds.',
    );
    // Another key, and the same caller's other buckets, are not affected.
    expect((await call(things.create, { ...request, principal: { keyId: 'k2' } })).allowed).toBe(true);
    expect((await call(things.list, { ...request, method: 'GET' })).allowed).toBe(true);
  });

  it('says "client IP address" when limiting an unauthenticated caller', async () => {
    const { call } = setup();
    await call(things.generate, { method: 'POST', ip: '10.0.0.9' });
    const second = await call(things.generate, { method: 'POST', ip: '10.0.0.9' });
    expect(second.error?.message).toContain(
      '"generate" bucket: 1 requests per 60 seconds per client IP address',
    );
  });

  it('lets non-HTTP contexts through', async () => {
    const { guard } = setup();
    const context = { getType: () => 'rpc' } as unknown as ExecutionContext;
    expect(await guard.canActivate(context)).toBe(true);
  });
});
