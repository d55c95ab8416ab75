import { randomBytes } from 'node:crypto';

import { Logger } from '@nestjs/common';
import request, { type Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { RateLimitModule } from '@app/core/rate-limit/rate-limit.module';
import { type TestApp, createTestUser, startTestApp } from '@app/testing';
import { RedisServer, findExecutable } from '@app/testing/services';

import {
  FAKE_KEY_ID_HEADER,
  FakePrincipalModule,
  RateLimitRoutesModule,
} from './support/rate-limit-routes.module';

const PING = '/api/v1/test-only/rate-limit/ping';
const GENERATE = '/api/v1/test-only/rate-limit/generate';

/** Every app of one test shares this prefix (and so its counters); other tests and runs never see it. */
const uniquePrefix = () => `${inject('runId')}_rl_${randomBytes(4).toString('hex')}`;

/**
 * An app with the test routes and the rate limiter. Its guard runs after the auth guard, which AppModule
 * registers first. Once AppModule imports RateLimitModule itself, importing it here again is a no-op.
 */
const startLimitedApp = (env: Record<string, string>) =>
  startTestApp({ env, imports: [FakePrincipalModule, RateLimitRoutesModule, RateLimitModule] });

function expectRateLimitHeaders(res: Response, limit: number, remaining: number, windowSeconds = 60): void {
  expect(res.headers['ratelimit-limit']).toBe(String(limit));
  expect(res.headers['ratelimit-remaining']).toBe(String(remaining));
  const reset = Number(res.headers['ratelimit-reset']);
  expect(reset).toBeGreaterThanOrEqual(1);
  expect(reset).toBeLessThanOrEqual(windowSeconds);
}

function expectRateLimited(
  res: Response,
  bucket: string,
  limit: number,
  per: 'API key' | 'client IP address',
): void {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expectRateLimitHeaders(res, limit, 0);
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(res.body).toMatchObject({
    type: 'https://llmployable.dev/problems/rate-limited',
    title: 'Too many requests',
    status: 429,
    code: 'rate_limited',
    bucket,
    limit,
    windowSeconds: 60,
    resetSeconds: retryAfter,
    requestId: res.headers['x-request-id'],
  });
  expect(res.body.detail).toBe(
    `Rate limit exceeded for the "${bucket}" bucket: ${limit} requests per 60 seconds per ${per}. ` +
      `Retry in ${retryAfter} seconds.`,
  );
}

describe('rate limits shared by two API instances through one Redis', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const env = {
      REDIS_KEY_PREFIX: uniquePrefix(),
      RATE_LIMIT_READ: '5',
      RATE_LIMIT_WRITE: '3',
      RATE_LIMIT_GENERATE: '2',
    };
    [a, b] = await Promise.all([startLimitedApp(env), startLimitedApp(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('enforces one read limit across both: the 6th request, on either instance, is a 429 problem', async () => {
    const instances = [a, b, a, b, a];
    for (const [i, t] of instances.entries()) {
      const res = await request(t.server).get(PING).expect(200);
      expectRateLimitHeaders(res, 5, 4 - i);
    }
    expectRateLimited(await request(b.server).get(PING), 'read', 5, 'client IP address');
    expectRateLimited(await request(a.server).get(PING), 'read', 5, 'client IP address');
  });

  it('counts writes and generation in buckets of their own', async () => {
    for (const [i, t] of [b, a, b].entries()) {
      expectRateLimitHeaders(await request(t.server).post(PING).expect(201), 3, 2 - i);
    }
    expectRateLimited(await request(a.server).post(PING), 'write', 3, 'client IP address');

    await request(a.server).post(GENERATE).expect(201);
    expectRateLimitHeaders(await request(b.server).post(GENERATE).expect(201), 2, 0);
    expectRateLimited(await request(a.server).post(GENERATE), 'generate', 2, 'client IP address');
  });

  it('never limits the health probes or the API docs', async () => {
    for (let i = 0; i < 8; i++) {
      for (const path of ['/health', '/health/ready', '/api/v1/health', '/api/v1/health/detailed']) {
        const res = await request(a.server).get(path).expect(200);
        expect(res.headers['ratelimit-limit']).toBeUndefined();
      }
    }
    const docs = await request(a.server).get('/docs/openapi.json').expect(200);
    expect(docs.headers['ratelimit-limit']).toBeUndefined();
  });

  it('reports the limiter in detailed health: counting in Redis, not degraded', async () => {
    const res = await request(a.server).get('/api/v1/health/detailed').expect(200);
    expect(res.body.dependencies.rateLimiter).toEqual({ status: 'up', store: 'redis', degraded: false });
    const ready = await request(a.server).get('/api/v1/health').expect(200);
    expect(ready.body.dependencies.rateLimiter).toBeUndefined();
  });
});

describe('rate limits per API key, falling back to per client IP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startLimitedApp({
      REDIS_KEY_PREFIX: uniquePrefix(),
      RATE_LIMIT_READ: '3',
      TRUST_PROXY: 'true',
    });
  });
  afterAll(() => t?.close());

  it('tracks unauthenticated callers by client IP (X-Forwarded-For with TRUST_PROXY), IPv6 by /64', async () => {
    const from = (ip: string) => request(t.server).get(PING).set('x-forwarded-for', ip);
    for (let i = 0; i < 3; i++) await from('203.0.113.7').expect(200);
    expectRateLimited(await from('203.0.113.7'), 'read', 3, 'client IP address');
    expectRateLimitHeaders(await from('203.0.113.8').expect(200), 3, 2);

    await from('2001:db8:aa:bb::1').expect(200);
    expectRateLimitHeaders(await from('2001:db8:aa:bb:ffff::2').expect(200), 3, 1); // same /64
    expectRateLimitHeaders(await from('2001:db8:aa:cc::1').expect(200), 3, 2); // another /64
  });

  it('tracks authenticated callers by key id, apart from each other and from their IP', async () => {
    const as = (keyId: string) =>
      request(t.server).get(PING).set(FAKE_KEY_ID_HEADER, keyId).set('x-forwarded-for', '198.51.100.1');
    for (let i = 0; i < 3; i++) expectRateLimitHeaders(await as('key-a').expect(200), 3, 2 - i);
    expectRateLimited(await as('key-a'), 'read', 3, 'API key');
    expectRateLimitHeaders(await as('key-b').expect(200), 3, 2);
    const anonymous = await request(t.server).get(PING).set('x-forwarded-for', '198.51.100.1').expect(200);
    expectRateLimitHeaders(anonymous, 3, 2);
  });
});

// Real keys through the real auth guard (libs/users: createTestUser, GET /api/v1/users/me).
describe('rate limits per real API key (auth guard, then rate-limit guard)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startLimitedApp({
      REDIS_KEY_PREFIX: uniquePrefix(),
      RATE_LIMIT_READ: '3',
      RATE_LIMIT_AUTH_FAILURES: '2',
    });
  });
  afterAll(() => t?.close());

  it('limits each key on its own and leaves the IP bucket alone', async () => {
    const alice = await createTestUser(t, { scopes: ['resumes:read'] });
    const bob = await createTestUser(t, { scopes: ['resumes:read'] });
    const me = (key: string) =>
      request(t.server).get('/api/v1/users/me').set('authorization', `Bearer ${key}`);
    for (let i = 0; i < 3; i++) expectRateLimitHeaders(await me(alice.key).expect(200), 3, 2 - i);
    expectRateLimited(await me(alice.key), 'read', 3, 'API key');
    expectRateLimitHeaders(await me(bob.key).expect(200), 3, 2);
    expectRateLimitHeaders(await request(t.server).get(PING).expect(200), 3, 2);
    // Failed authentications are counted per IP in a bucket of their own: past it, 429 instead of 401.
    await me('llm_test_00000000_notavalidkeynotavalidkey').expect(401);
    await request(t.server).get('/api/v1/users/me').expect(401);
    const blocked = await me(`${alice.keyPrefix}_${'x'.repeat(43)}`);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ code: 'rate_limited', bucket: 'auth', limit: 2 });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Valid keys are unaffected: they are counted per key.
    expectRateLimitHeaders(await me(bob.key).expect(200), 3, 1);
  });
});

// Needs a redis-server of its own to stop and restart; CI and `npm test` always install one.
describe.skipIf(!findExecutable('redis-server', process.env))(
  'rate limits when Redis goes away mid-run',
  () => {
    let redis: RedisServer;
    let t: TestApp;

    const detailed = () => request(t.server).get('/api/v1/health/detailed');
    // The switch happens on the connection's events, outside any request, and nestjs-pino sends such lines to
    // the first app created in the process (a module-level logger); so count the calls themselves.
    const warn = vi.spyOn(Logger.prototype, 'warn');
    const log = vi.spyOn(Logger.prototype, 'log');
    const logged = (spy: typeof warn, text: string) =>
      spy.mock.calls.filter(([message]) => String(message).includes(text));

    beforeAll(async () => {
      redis = await RedisServer.start();
      t = await startLimitedApp({
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: uniquePrefix(),
        HEALTH_CHECK_TIMEOUT_MS: '500',
        RATE_LIMIT_READ: '3',
      });
    });
    afterAll(async () => {
      await t?.close();
      await redis?.stop();
    });

    it('keeps answering, limited in memory, reports the limiter degraded, and goes back to Redis after a restart', async () => {
      expectRateLimitHeaders(await request(t.server).get(PING).expect(200), 3, 2);
      expect((await detailed().expect(200)).body.dependencies.rateLimiter).toMatchObject({ store: 'redis' });

      await redis.stop();
      // Counting starts afresh in this instance's memory; requests succeed, and the limit still holds.
      for (let i = 0; i < 3; i++)
        expectRateLimitHeaders(await request(t.server).get(PING).expect(200), 3, 2 - i);
      expectRateLimited(await request(t.server).get(PING), 'read', 3, 'client IP address');

      const down = await detailed().expect(503);
      expect(down.body.dependencies).toMatchObject({
        redis: { status: 'down' },
        rateLimiter: { status: 'up', store: 'memory', degraded: true },
      });
      expect(logged(warn, 'Rate limiter degraded')).toHaveLength(1);

      await redis.start();
      const deadline = Date.now() + 15_000;
      let body: { dependencies?: { rateLimiter?: { store: string } } } = {};
      while (Date.now() < deadline) {
        const res = await detailed();
        body = res.body;
        if (res.status === 200 && body.dependencies?.rateLimiter?.store === 'redis') break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(body.dependencies?.rateLimiter).toEqual({ status: 'up', store: 'redis', degraded: false });
      expect(logged(log, 'Rate limiter recovered')).toHaveLength(1);
      // The restarted Redis is empty: counting starts over there.
      expectRateLimitHeaders(await request(t.server).get(PING).expect(200), 3, 2);
      expect(logged(warn, 'Rate limiter degraded')).toHaveLength(1);
    });
  },
);
