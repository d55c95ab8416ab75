import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';

import { Global, Logger, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createClient, type RedisClientType } from '@keyv/redis';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { APP_CONFIG, Clock, REDIS_CLIENT } from '@app/core';
import { FakeGithubServer } from '@app/testing/fakes/github';

import { DEFAULT_GITHUB_CLIENT_OPTIONS } from './github-client.options';
import { type GithubCachedResponse, GITHUB_CACHED_VALUE_VERSION, GithubEtagStore } from './github-etag.store';
import { RedisGithubEtagStore, type RedisGithubEtagStoreOptions } from './github-etag.redis-store';
import { GithubClient } from './github.client';
import { GithubModule } from './github.module';

const entry = (value: unknown, extra: Partial<GithubCachedResponse> = {}): GithubCachedResponse => ({
  etag: 'W/"abc"',
  value,
  storedAt: 1_767_225_600_000,
  ...extra,
});

describe('RedisGithubEtagStore (against the run’s Redis)', () => {
  let client: RedisClientType;
  let prefix: string;
  const store = (options: Partial<RedisGithubEtagStoreOptions> = {}, redis = client) =>
    new RedisGithubEtagStore(redis, { keyPrefix: prefix, ttlSeconds: 3600, maxValueBytes: 4096, ...options });

  beforeAll(async () => {
    Logger.overrideLogger(['fatal', 'error']);
    client = createClient({ url: inject('redisUrl') }) as RedisClientType;
    await client.connect();
  });
  afterAll(() => client.close());
  beforeEach(() => {
    prefix = `${inject('runId')}:unit:gh:etag:${randomBytes(4).toString('hex')}:`;
  });

  it('keeps an entry as JSON under the prefix, with the TTL, and reads it back', async () => {
    const s = store();
    const stored = entry({ login: 'dev', repos: [1, 2] }, { link: '<https://x/page=2>; rel="next"' });
    await s.set('GET https://api.github.com/users/dev application/json', stored);
    const key = s.redisKey('GET https://api.github.com/users/dev application/json');
    expect(key.startsWith(prefix)).toBe(true);
    expect(key.length).toBeLessThan(prefix.length + 50);
    expect(JSON.parse((await client.get(key)) ?? '')).toEqual(stored);
    const ttl = await client.ttl(key);
    expect(ttl).toBeGreaterThan(3590);
    expect(ttl).toBeLessThanOrEqual(3600);
    expect(await s.get('GET https://api.github.com/users/dev application/json')).toEqual(stored);
    expect(await s.get('GET https://api.github.com/users/other application/json')).toBeUndefined();
    expect(s.stats).toEqual({ hits: 1, misses: 1, writes: 1, skippedTooLarge: 0, errors: 0 });
  });

  it('renews the TTL on every read (entries in use do not expire)', async () => {
    const s = store();
    await s.set('k', entry('v'));
    await client.expire(s.redisKey('k'), 5);
    expect(await s.get('k')).toBeDefined();
    expect(await client.ttl(s.redisKey('k'))).toBeGreaterThan(3590);
  });

  it('keeps a remembered missing README (empty ETag, null value)', async () => {
    const s = store();
    await s.set('MISSING readme dev/x main 2024', entry(null, { etag: '' }));
    expect(await s.get('MISSING readme dev/x main 2024')).toEqual(entry(null, { etag: '' }));
  });

  it('skips an answer larger than maxValueBytes instead of failing', async () => {
    const s = store({ maxValueBytes: 1024 });
    await expect(s.set('big', entry('x'.repeat(2000)))).resolves.toBeUndefined();
    expect(await client.exists(s.redisKey('big'))).toBe(0);
    expect(await s.get('big')).toBeUndefined();
    // Multi-byte text counts in bytes: 600 × "é" is 600 characters but 1200 bytes.
    await s.set('accents', entry('é'.repeat(600)));
    expect(await client.exists(s.redisKey('accents'))).toBe(0);
    expect(s.stats.skippedTooLarge).toBe(2);
  });

  it('treats a value that is not an entry as a miss', async () => {
    const s = store();
    await client.set(s.redisKey('garbage'), 'not json');
    await client.set(s.redisKey('other'), JSON.stringify({ etag: 1, value: 'x' }));
    expect(await s.get('garbage')).toBeUndefined();
    expect(await s.get('other')).toBeUndefined();
  });

  it('is shared: what one process stored, another reads', async () => {
    const second = createClient({ url: inject('redisUrl') }) as RedisClientType;
    await second.connect();
    try {
      await store().set('shared', entry({ n: 1 }));
      expect(await store({}, second).get('shared')).toEqual(entry({ n: 1 }));
    } finally {
      await second.close();
    }
  });

  describe('a Redis outage degrades to "no ETag", never to a failure', () => {
    let silent: Server;
    const sockets = new Set<Socket>();
    let silentUrl: string;
    beforeAll(async () => {
      // Accepts connections and never answers: Redis hung.
      silent = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const address = silent.address();
      silentUrl = `redis://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    const offlineClient = (url: string) => {
      const redis = createClient({
        url,
        disableOfflineQueue: true,
        socket: { connectTimeout: 200, reconnectStrategy: () => 50 },
      }) as RedisClientType;
      redis.on('error', () => undefined);
      return redis;
    };

    it('nothing listening: reads miss and writes are dropped, at once', async () => {
      const redis = offlineClient('redis://127.0.0.1:1');
      redis.connect().catch(() => undefined);
      try {
        const s = store({}, redis);
        const started = Date.now();
        expect(await s.get('k')).toBeUndefined();
        await expect(s.set('k', entry('v'))).resolves.toBeUndefined();
        expect(Date.now() - started).toBeLessThan(100);
        expect(s.stats).toMatchObject({ hits: 0, misses: 1, writes: 0, errors: 2 });
      } finally {
        redis.destroy();
      }
    });

    it('a closed connection: the same', async () => {
      const redis = createClient({ url: inject('redisUrl') }) as RedisClientType;
      await redis.connect();
      const s = store({}, redis);
      await s.set('k', entry('v'));
      expect(await s.get('k')).toBeDefined();
      await redis.close();
      expect(await s.get('k')).toBeUndefined();
      await expect(s.set('k', entry('w'))).resolves.toBeUndefined();
    });

    it('Redis not answering: each command gives up after the timeout', async () => {
      const redis = offlineClient(silentUrl);
      redis.connect().catch(() => undefined);
      try {
        // Connected or still in the handshake: either way no answer comes.
        await new Promise((resolve) => setTimeout(resolve, 50));
        const s = store({ timeoutMs: 100 }, redis);
        const started = Date.now();
        expect(await s.get('k')).toBeUndefined();
        await expect(s.set('k', entry('v'))).resolves.toBeUndefined();
        expect(Date.now() - started).toBeLessThan(500);
      } finally {
        redis.destroy();
      }
    });

    it('the GitHub client then asks GitHub unconditionally and still answers', async () => {
      const github = await new FakeGithubServer().start();
      const redis = offlineClient('redis://127.0.0.1:1');
      redis.connect().catch(() => undefined);
      try {
        github.addUser({ login: 'dev' });
        const c = new GithubClient(
          { ...DEFAULT_GITHUB_CLIENT_OPTIONS, apiUrl: github.url, retryDelayUnitMs: 1 },
          store({}, redis),
          new Clock(),
        );
        expect((await c.getUser('dev')).login).toBe('dev');
        expect((await c.getUser('dev')).login).toBe('dev');
        expect(github.calls.map((call) => [call.status, call.conditional])).toEqual([
          [200, false],
          [200, false],
        ]);
      } finally {
        redis.destroy();
        await github.stop();
      }
    });
  });

  it('lets a second client (another process) revalidate everything with 304s', async () => {
    const github = await new FakeGithubServer().start();
    const second = createClient({ url: inject('redisUrl') }) as RedisClientType;
    await second.connect();
    try {
      github.addUser({ login: 'dev' });
      github.addRepos('dev', 120);
      const clientOver = (redis: RedisClientType) =>
        new GithubClient(
          { ...DEFAULT_GITHUB_CLIENT_OPTIONS, apiUrl: github.url, token: 't', retryDelayUnitMs: 1 },
          store({ maxValueBytes: 1024 * 1024 }, redis),
          new Clock(),
        );
      const first = await clientOver(client).listOwnedRepos('dev');
      const used = github.rateLimit.used;
      github.resetCalls();
      expect(await clientOver(second).listOwnedRepos('dev')).toEqual(first);
      expect(github.calls.map((call) => call.status)).toEqual([304, 304]);
      expect(github.rateLimit.used).toBe(used);
    } finally {
      await second.close();
      await github.stop();
    }
  });
});

describe('GithubModule ETag store binding', () => {
  it('binds the Redis store when the app’s Redis client is there, keyed by prefix, version and README size', async () => {
    const redis = createClient({ url: inject('redisUrl') }) as RedisClientType;
    @Global()
    @Module({
      providers: [
        { provide: REDIS_CLIENT, useValue: redis },
        { provide: APP_CONFIG, useValue: { redis: { keyPrefix: 'app-prefix' } } },
        Clock,
      ],
      exports: [REDIS_CLIENT, APP_CONFIG, Clock],
    })
    class FakeCoreModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [
        FakeCoreModule,
        GithubModule.forRootAsync({
          useFactory: () => ({ ...DEFAULT_GITHUB_CLIENT_OPTIONS, readmeMaxBytes: 512 }),
        }),
      ],
    }).compile();
    const store = moduleRef.get(GithubEtagStore);
    expect(store).toBeInstanceOf(RedisGithubEtagStore);
    expect((store as RedisGithubEtagStore).redisKey('k')).toMatch(
      new RegExp(`^app-prefix:gh:etag:v${GITHUB_CACHED_VALUE_VERSION}:r512:[A-Za-z0-9_-]{43}$`),
    );
  });
});
