/**
 * The cache admin routes over HTTP: `GET /api/v1/cache/stats` and `DELETE /api/v1/cache/{namespace}`,
 * after real reads through `LayeredCache` (admin only; the namespace is validated).
 */
import { randomBytes } from 'node:crypto';

import { type RedisClientType } from '@keyv/redis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_CLIENT } from '@app/core';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';

import { LayeredCache } from '@app/cache';

interface NamespaceStatsBody {
  namespace: string;
  entries: number;
  hits: number;
  misses: number;
  oldestAgeSeconds: number | null;
  newestAgeSeconds: number | null;
}

const auth = (user: TestUser) => ({ authorization: `Bearer ${user.key}` });

describe('cache admin API', () => {
  let t: TestApp;
  let admin: TestUser;
  let alice: TestUser;
  let cache: LayeredCache;
  // Redis and its key prefix are shared by the whole run: a namespace of this spec's own.
  const namespace = `e2e-${randomBytes(4).toString('hex')}`;
  const other = `${namespace}-other`;
  const load = (ns: string, key: string) =>
    cache.getOrLoad(ns, key, async () => ({ key, at: Date.now() }), { ttlMs: 60_000 });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createTestUser(t, { role: 'admin' });
    alice = await createTestUser(t);
    cache = t.app.get(LayeredCache);
  });
  afterAll(() => t.close());

  it('shows entries, hits, misses and ages per namespace to an admin', async () => {
    await load(namespace, 'octocat'); // miss
    await load(namespace, 'octocat'); // hit
    await load(namespace, 'hubot'); // miss
    await load(other, 'octocat'); // miss

    const res = await request(t.server).get('/api/v1/cache/stats').set(auth(admin));
    expect(res.status, res.text).toBe(200);
    const items = (res.body as { namespaces: NamespaceStatsBody[] }).namespaces;
    const mine = items.find((item) => item.namespace === namespace);
    expect(mine).toMatchObject({ namespace, entries: 2, hits: 1, misses: 2 });
    expect(mine?.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(mine?.oldestAgeSeconds).toBeLessThan(10);
    expect(mine?.newestAgeSeconds).toBeLessThanOrEqual(mine?.oldestAgeSeconds ?? 0);
    expect(items.find((item) => item.namespace === other)).toMatchObject({ entries: 1, hits: 0, misses: 1 });
  });

  it('deletes a namespace in Mongo and Redis; the next read is a miss', async () => {
    const res = await request(t.server).delete(`/api/v1/cache/${namespace}`).set(auth(admin));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ namespace, deletedEntries: 2, deletedRedisKeys: 2 });

    const redis = t.app.get<RedisClientType>(REDIS_CLIENT);
    expect(await redis.exists(cache.redisKey(namespace, 'octocat'))).toBe(0);
    expect((await load(namespace, 'octocat')).source).toBe('origin');
    expect((await load(other, 'octocat')).source).toBe('redis'); // the neighbour is untouched

    const stats = await request(t.server).get('/api/v1/cache/stats').set(auth(admin));
    const mine = (stats.body as { namespaces: NamespaceStatsBody[] }).namespaces.find(
      (item) => item.namespace === namespace,
    );
    expect(mine).toMatchObject({ entries: 1, hits: 1, misses: 3 });

    const again = await request(t.server).delete(`/api/v1/cache/${namespace}-none`).set(auth(admin));
    expect(again.status, again.text).toBe(200);
    expect(again.body).toMatchObject({ deletedEntries: 0, deletedRedisKeys: 0 });
  });

  it('refuses callers without the admin scope', async () => {
    for (const req of [
      request(t.server).get('/api/v1/cache/stats'),
      request(t.server).delete(`/api/v1/cache/${other}`),
    ]) {
      const res = await req.set(auth(alice));
      expect(res.status, res.text).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await request(t.server).get('/api/v1/cache/stats')).status).toBe(401);
    expect((await load(other, 'octocat')).source).toBe('redis'); // nothing was deleted
  });

  it('rejects an invalid namespace with 400', async () => {
    for (const bad of ['Upper', '1abc', 'has_underscore', `a${'b'.repeat(41)}`, 'a%2A']) {
      const res = await request(t.server).delete(`/api/v1/cache/${bad}`).set(auth(admin));
      expect(res.status, `${bad}: ${res.text}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 400, code: 'validation_failed' });
    }
  });
});
