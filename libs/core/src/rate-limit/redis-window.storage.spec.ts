import { randomBytes } from 'node:crypto';

import { type Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { getFreePort } from '@app/testing/services';
import { RATE_LIMIT_REDIS_TIMEOUT_MS, createRateLimitRedis, waitUntilReady } from './rate-limit.module';
import { RedisWindowStorage } from './redis-window.storage';

describe('RedisWindowStorage (against the run’s Redis)', () => {
  const clients: Redis[] = [];
  const key = () => `${inject('runId')}:unit:ratelimit:${randomBytes(4).toString('hex')}`;
  const connect = async (url = inject('redisUrl')) => {
    const client = createRateLimitRedis(url);
    clients.push(client);
    await waitUntilReady(client, 2000);
    return client;
  };
  let a: RedisWindowStorage;
  let b: RedisWindowStorage;
  let raw: Redis;

  beforeAll(async () => {
    raw = await connect();
    a = new RedisWindowStorage(raw);
    b = new RedisWindowStorage(await connect());
  });
  afterAll(() => clients.forEach((client) => client.disconnect()));

  it('counts one fixed window across clients (instances) and expires it with the window', async () => {
    const k = key();
    expect(a.ready).toBe(true);
    expect(await a.increment(k, 60_000, 2)).toEqual({
      totalHits: 1,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    expect(await b.increment(k, 60_000, 2)).toMatchObject({ totalHits: 2, isBlocked: false });
    expect(await a.increment(k, 60_000, 2)).toMatchObject({
      totalHits: 3,
      isBlocked: true,
      timeToBlockExpire: 60,
    });
    const pttl = await raw.pttl(k);
    expect(pttl).toBeGreaterThan(59_000);
    expect(pttl).toBeLessThanOrEqual(60_000);
  });

  it('gives a key that lost its expiry a window again', async () => {
    const k = key();
    await raw.set(k, '5');
    expect(await a.increment(k, 10_000, 10)).toMatchObject({ totalHits: 6, timeToExpire: 10 });
    expect(await raw.pttl(k)).toBeGreaterThan(9000);
  });

  it('fails fast, without queueing, when Redis cannot be reached', async () => {
    const client = createRateLimitRedis(`redis://127.0.0.1:${await getFreePort()}`);
    clients.push(client);
    const store = new RedisWindowStorage(client);
    await waitUntilReady(client, 300);
    expect(store.ready).toBe(false);
    const started = Date.now();
    await expect(store.increment(key(), 1000, 1)).rejects.toThrow(/enableOfflineQueue/);
    expect(Date.now() - started).toBeLessThan(RATE_LIMIT_REDIS_TIMEOUT_MS);
  });
});
