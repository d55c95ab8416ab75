/**
 * LayeredCache against the run's real MongoDB and Redis, inside the whole app: read-through order
 * (Redis, then Mongo, then the origin), write-back, expiry on read, refresh, coalescing of concurrent
 * loads, loader errors, Redis failures, namespace invalidation, the purge job and the stats.
 */
import { randomBytes } from 'node:crypto';

import { type RedisClientType } from '@keyv/redis';
import { type PinoLogger } from 'nestjs-pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppConfig, Clock, REDIS_CLIENT } from '@app/core';
import { type TestApp, startTestApp } from '@app/testing';

import { CacheEntryRepository } from './cache-entry.repository';
import { CachePurgeJob } from './cache-purge.job';
import { CacheService } from './cache.service';
import { LayeredCache } from './layered-cache.service';

const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A namespace of its own per test: Redis (and its key prefix) is shared by every spec of the run. */
const ns = (name: string) => `${name}-${randomBytes(4).toString('hex')}`;

/** A loader that counts its calls and returns `{ n: <call number>, ...extra }`. */
function countingLoader<T extends object>(extra: T, delayMs = 0) {
  const loader = async () => {
    loader.calls++;
    const n = loader.calls;
    if (delayMs) await sleep(delayMs);
    return { n, ...extra };
  };
  loader.calls = 0;
  return loader;
}

const silentLogger = {
  warn: () => undefined,
  info: () => undefined,
  error: () => undefined,
  debug: () => undefined,
} as unknown as PinoLogger;

describe('LayeredCache', () => {
  let t: TestApp;
  let cache: LayeredCache;
  let repository: CacheEntryRepository;
  let redis: RedisClientType;

  beforeAll(async () => {
    t = await startTestApp();
    cache = t.app.get(LayeredCache);
    repository = t.app.get(CacheEntryRepository);
    redis = t.app.get<RedisClientType>(REDIS_CLIENT);
  });
  afterAll(() => t.close());

  it('loads a miss from the origin, then answers from Redis, then from Mongo when Redis lost it', async () => {
    const namespace = ns('profile');
    const loader = countingLoader({ login: 'octocat', nested: { 'a.b': 1, $c: [1, 'x'] } });

    const first = await cache.getOrLoad(namespace, 'octocat', loader, { ttlMs: MINUTE });
    expect(first).toMatchObject({ source: 'origin', value: { n: 1, login: 'octocat' } });
    expect(first.ageMs).toBeLessThan(1000);

    const second = await cache.getOrLoad(namespace, 'octocat', loader, { ttlMs: MINUTE });
    expect(second.source).toBe('redis');
    expect(second.value).toEqual(first.value);
    expect(second.cachedAt).toEqual(first.cachedAt);
    expect(second.ageMs).toBeGreaterThanOrEqual(0);

    // Stored in Redis under the documented key, with the TTL in ms.
    const key = `${t.config.redis.keyPrefix}:c:${namespace}:octocat`;
    expect(cache.redisKey(namespace, 'octocat')).toBe(key);
    const ttl = await redis.pTTL(key);
    expect(ttl).toBeGreaterThan(MINUTE - 5000);
    expect(ttl).toBeLessThanOrEqual(MINUTE);

    await redis.del(key);
    const third = await cache.getOrLoad(namespace, 'octocat', loader, { ttlMs: MINUTE });
    expect(third.source).toBe('mongo');
    expect(third.value).toEqual(first.value);
    expect(third.cachedAt).toEqual(first.cachedAt);

    // The Mongo hit was written back to Redis with the entry's remaining lifetime.
    expect(await redis.pTTL(key)).toBeLessThanOrEqual(MINUTE);
    expect((await cache.getOrLoad(namespace, 'octocat', loader, { ttlMs: MINUTE })).source).toBe('redis');
    expect(loader.calls).toBe(1);
  });

  it('returns the JSON round trip of a value from every layer', async () => {
    const namespace = ns('json');
    const when = new Date('2024-01-02T03:04:05.000Z');
    const loader = async () => ({ when, missing: undefined, list: [1, null] });
    const origin = await cache.getOrLoad(namespace, 'k', loader, { ttlMs: MINUTE });
    const hit = await cache.getOrLoad(namespace, 'k', loader, { ttlMs: MINUTE });
    expect(origin.value).toEqual({ when: '2024-01-02T03:04:05.000Z', list: [1, null] });
    expect(hit.value).toEqual(origin.value);

    const nothing = await cache.getOrLoad(namespace, 'undefined', async () => undefined, { ttlMs: MINUTE });
    expect(nothing.value).toBeNull();
  });

  it('honours expiry on read in both layers', async () => {
    const namespace = ns('expiry');
    const loader = countingLoader({});
    await cache.getOrLoad(namespace, 'k', loader, { ttlMs: 50 });
    expect((await cache.getOrLoad(namespace, 'k', loader, { ttlMs: 50 })).source).not.toBe('origin');
    await sleep(120);
    const again = await cache.getOrLoad(namespace, 'k', loader, { ttlMs: 50 });
    expect(again).toMatchObject({ source: 'origin', value: { n: 2 } });
    expect(loader.calls).toBe(2);
  });

  it('ignores an expired Mongo entry that is still stored (no TTL index)', async () => {
    const namespace = ns('stale');
    const past = new Date(Date.now() - 2 * MINUTE);
    await repository.set(namespace, 'k', JSON.stringify({ stale: true }), MINUTE, past);
    const loader = countingLoader({ fresh: true });
    const result = await cache.getOrLoad(namespace, 'k', loader, { ttlMs: MINUTE });
    expect(result).toMatchObject({ source: 'origin', value: { fresh: true } });
  });

  it('bypasses both layers on refresh and stores the fresh value', async () => {
    const namespace = ns('refresh');
    const loader = countingLoader({});
    await cache.getOrLoad(namespace, 'k', loader, { ttlMs: MINUTE });
    const refreshed = await cache.getOrLoad(namespace, 'k', loader, { ttlMs: MINUTE, refresh: true });
    expect(refreshed).toMatchObject({ source: 'origin', value: { n: 2 } });
    const after = await cache.getOrLoad(namespace, 'k', loader, { ttlMs: MINUTE });
    expect(after).toMatchObject({ source: 'redis', value: { n: 2 } });
    await redis.del(cache.redisKey(namespace, 'k'));
    expect(await cache.getOrLoad(namespace, 'k', loader, { ttlMs: MINUTE })).toMatchObject({
      source: 'mongo',
      value: { n: 2 },
    });
  });

  it('coalesces 10 concurrent loads of one key into one loader call', async () => {
    const namespace = ns('coalesce');
    const loader = countingLoader({}, 50);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => cache.getOrLoad(namespace, 'k', loader, { ttlMs: MINUTE })),
    );
    expect(loader.calls).toBe(1);
    for (const result of results) expect(result).toMatchObject({ source: 'origin', value: { n: 1 } });

    // Different keys are not coalesced.
    const other = countingLoader({}, 20);
    await Promise.all([
      cache.getOrLoad(namespace, 'a', other, { ttlMs: MINUTE }),
      cache.getOrLoad(namespace, 'b', other, { ttlMs: MINUTE }),
    ]);
    expect(other.calls).toBe(2);
  });

  it('shares a loader error with every waiter and does not cache it', async () => {
    const namespace = ns('failing');
    let calls = 0;
    const failing = async (): Promise<never> => {
      calls++;
      await sleep(30);
      throw new Error('origin down');
    };
    const settled = await Promise.allSettled(
      Array.from({ length: 5 }, () => cache.getOrLoad(namespace, 'k', failing, { ttlMs: MINUTE })),
    );
    expect(calls).toBe(1);
    for (const outcome of settled) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toHaveProperty('message', 'origin down');
    }
    expect(await repository.get(namespace, 'k', new Date())).toBeUndefined();
    expect(await redis.exists(cache.redisKey(namespace, 'k'))).toBe(0);

    await expect(cache.getOrLoad(namespace, 'k', failing, { ttlMs: MINUTE })).rejects.toThrow('origin down');
    expect(calls).toBe(2);
    const ok = await cache.getOrLoad(namespace, 'k', async () => 'fine', { ttlMs: MINUTE });
    expect(ok).toMatchObject({ source: 'origin', value: 'fine' });
  });

  it('falls back to Mongo when Redis fails or hangs, without failing', async () => {
    const namespace = ns('redis-down');
    await cache.getOrLoad(namespace, 'k', async () => ({ v: 1 }), { ttlMs: MINUTE });
    const failingRedis = {
      isReady: true,
      get: () => Promise.reject(new Error('ECONNRESET')),
      set: () => Promise.reject(new Error('ECONNRESET')),
    } as unknown as RedisClientType;
    const hangingRedis = {
      isReady: true,
      get: () => new Promise(() => undefined),
      set: () => new Promise(() => undefined),
    } as unknown as RedisClientType;
    const offlineRedis = { isReady: false } as unknown as RedisClientType;
    for (const [index, client] of [failingRedis, hangingRedis, offlineRedis].entries()) {
      const degraded = new LayeredCache(
        repository,
        client,
        t.config as AppConfig,
        t.app.get(Clock),
        silentLogger,
        { redisTimeoutMs: 50 },
      );
      const started = Date.now();
      const hit = await degraded.getOrLoad(namespace, 'k', async () => ({ v: 2 }), { ttlMs: MINUTE });
      expect(hit).toMatchObject({ source: 'mongo', value: { v: 1 } });
      expect(Date.now() - started).toBeLessThan(1000);
      const miss = await degraded.getOrLoad(namespace, `new-${index}`, async () => ({ v: 3 }), {
        ttlMs: MINUTE,
      });
      expect(miss).toMatchObject({ source: 'origin', value: { v: 3 } });
    }
  });

  it('rejects invalid namespaces, empty keys and bad TTLs', async () => {
    const loader = async () => 1;
    await expect(cache.getOrLoad('Bad', 'k', loader, { ttlMs: 1 })).rejects.toThrow(/invalid namespace/);
    await expect(cache.getOrLoad('ok', '', loader, { ttlMs: 1 })).rejects.toThrow(/key/);
    await expect(cache.getOrLoad('ok', 'k', loader, { ttlMs: 0 })).rejects.toThrow(/ttlMs/);
  });

  it('invalidates one key, and a whole namespace in both layers without touching its neighbours', async () => {
    const namespace = ns('inv');
    const neighbour = `${namespace}-x`; // shares the prefix of the Redis pattern, must survive
    for (const key of ['a', 'b', 'c:d', 'e*']) {
      await cache.getOrLoad(namespace, key, async () => key, { ttlMs: MINUTE });
    }
    await cache.getOrLoad(neighbour, 'a', async () => 'n', { ttlMs: MINUTE });

    await cache.invalidate(namespace, 'a');
    expect((await cache.getOrLoad(namespace, 'a', async () => 'a2', { ttlMs: MINUTE })).source).toBe(
      'origin',
    );

    expect(await cache.invalidateNamespace(namespace)).toEqual({ deletedEntries: 4, deletedRedisKeys: 4 });
    for (const key of ['a', 'b', 'c:d', 'e*']) {
      expect(await redis.exists(cache.redisKey(namespace, key))).toBe(0);
    }
    expect((await cache.getOrLoad(namespace, 'b', async () => 'b2', { ttlMs: MINUTE })).source).toBe(
      'origin',
    );
    expect((await cache.getOrLoad(neighbour, 'a', async () => 'n2', { ttlMs: MINUTE })).source).toBe('redis');
    expect(await cache.invalidateNamespace(ns('empty'))).toEqual({ deletedEntries: 0, deletedRedisKeys: 0 });
  });

  it('purges only expired Mongo entries and logs the count', async () => {
    const namespace = ns('purge');
    const now = Date.now();
    await repository.set(namespace, 'expired-1', '1', 1000, new Date(now - 10_000));
    await repository.set(namespace, 'expired-2', '2', MINUTE, new Date(now - 2 * MINUTE));
    await repository.set(namespace, 'live', '3', MINUTE, new Date(now));

    const deleted = await t.app.get(CachePurgeJob).run();
    expect(deleted).toBeGreaterThanOrEqual(2); // other tests of this file may have left expired entries
    const later = new Date(now - 3 * MINUTE); // "now" before everything expired: shows what is still stored
    expect(await repository.get(namespace, 'expired-1', later)).toBeUndefined();
    expect(await repository.get(namespace, 'expired-2', later)).toBeUndefined();
    expect(await repository.get(namespace, 'live', new Date())).toMatchObject({ value: '3' });
    expect(t.logs.lines.some((line) => line.msg === 'cache: purged expired entries')).toBe(true);
  });

  it('reports entries, hits, misses and ages per namespace', async () => {
    const namespace = ns('stats');
    const now = Date.now();
    await repository.set(namespace, 'old', '"o"', 10 * MINUTE, new Date(now - 120_000));
    await repository.set(namespace, 'expired', '"x"', 1000, new Date(now - 10 * MINUTE));
    await cache.getOrLoad(namespace, 'old', async () => 'unused', { ttlMs: MINUTE }); // mongo hit
    await cache.getOrLoad(namespace, 'old', async () => 'unused', { ttlMs: MINUTE }); // redis hit
    await cache.getOrLoad(namespace, 'new', async () => 'n', { ttlMs: MINUTE }); // miss
    await cache
      .getOrLoad(namespace, 'boom', () => Promise.reject(new Error('x')), { ttlMs: MINUTE })
      .catch(() => undefined); // miss

    const countersOnly = ns('counters');
    await cache.getOrLoad(countersOnly, 'k', async () => 1, { ttlMs: MINUTE });
    await cache.invalidateNamespace(countersOnly);

    const { namespaces } = await t.app.get(CacheService).stats();
    const item = namespaces.find((s) => s.namespace === namespace);
    expect(item).toMatchObject({ namespace, entries: 2, hits: 2, misses: 2 });
    expect(item?.oldestAgeSeconds).toBeGreaterThanOrEqual(119);
    expect(item?.oldestAgeSeconds).toBeLessThan(130);
    expect(item?.newestAgeSeconds).toBeLessThan(5);
    expect(namespaces.find((s) => s.namespace === countersOnly)).toEqual({
      namespace: countersOnly,
      entries: 0,
      hits: 0,
      misses: 1,
      oldestAgeSeconds: null,
      newestAgeSeconds: null,
    });
    const names = namespaces.map((s) => s.namespace);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });
});
