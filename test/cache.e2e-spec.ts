import { CACHE_MANAGER, type Cache } from '@nestjs/cache-manager';
import { type RedisClientType } from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_CLIENT } from '@app/core';
import { type TestApp, startTestApp } from '@app/testing';

describe('the cache (cache-manager over Keyv over the shared Redis)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('stores values in Redis under the deployment prefix, once, with the TTL', async () => {
    const cache = t.app.get<Cache>(CACHE_MANAGER);
    const redis = t.app.get<RedisClientType>(REDIS_CLIENT);
    await cache.set('profile:octocat', { repos: 8 }, 60_000);
    expect(await cache.get('profile:octocat')).toEqual({ repos: 8 });

    const prefix = t.config.redis.keyPrefix;
    const keys = await redis.keys(`${prefix}:cache*octocat`);
    expect(keys).toEqual([`${prefix}:cache::profile:octocat`]);
    const ttl = await redis.pTTL(keys[0]);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);

    await cache.del('profile:octocat');
    expect(await cache.get('profile:octocat')).toBeUndefined();
  });
});
