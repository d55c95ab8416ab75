import { randomUUID } from 'node:crypto';

import { type RedisClientType } from '@keyv/redis';
import request from 'supertest';
import { AuditLogRepository, AuditWriterService } from '@app/audit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_CLIENT } from '@app/core';
import { IdempotencyModule } from '@app/core/idempotency/idempotency.module';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';
import { RedisServer, findExecutable } from '@app/testing/services';

import { IdempotencyRoutesModule } from './support/idempotency-routes.module';

describe('Idempotency-Key on POST', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ imports: [IdempotencyModule, IdempotencyRoutesModule] });
    alice = await createTestUser(t);
    bob = await createTestUser(t);
  });
  afterAll(() => t.close());

  const as = (who: TestUser) => ({ 'x-api-key': who.key });
  const keyCount = async (who: TestUser): Promise<number> => {
    const res = await request(t.server).get('/api/v1/api-keys?limit=100').set(as(who)).expect(200);
    return (res.body.items as unknown[]).length;
  };
  const createKey = (who: TestUser, idempotencyKey: string | undefined, name = 'ci') => {
    const req = request(t.server).post('/api/v1/api-keys').set(as(who));
    if (idempotencyKey !== undefined) void req.set('idempotency-key', idempotencyKey);
    return req.send({ name, scopes: ['resumes:read'] });
  };

  it('a retry of a key creation creates nothing more and never shows the secret again', async () => {
    const before = await keyCount(alice);
    const idem = randomUUID();
    const first = await createKey(alice, idem).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.body.key).toMatch(/^llm_/);
    // The response held a secret shown once: it is not kept, so the retry says what was created instead.
    const retry = await createKey(alice, idem).expect(409);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toMatchObject({
      code: 'idempotency_response_not_replayable',
      resourceId: first.body.id,
    });
    expect(JSON.stringify(retry.body)).not.toContain(first.body.key.slice(18));
    expect(await keyCount(alice)).toBe(before + 1);
    const redis = t.app.get<RedisClientType>(REDIS_CLIENT);
    for (const key of await redis.keys(`${t.config.redis.keyPrefix}:idem:*`)) {
      expect(await redis.get(key)).not.toContain(first.body.key.slice(18));
    }
    // Both are in the audit log; the replay is marked as one.
    await t.app.get(AuditWriterService).flush();
    const entries = await t.app.get(AuditLogRepository).list({}, { limit: 100 });
    const byRequest = new Map(entries.items.map((entry) => [entry.requestId, entry]));
    expect(byRequest.get(first.headers['x-request-id'])?.status).toBe(201);
    expect(byRequest.get(retry.headers['x-request-id'])?.action).toMatch(/ \(replay\)$/);
  });

  it('the same key with a different request is a 422 problem', async () => {
    const idem = randomUUID();
    await createKey(alice, idem, 'one').expect(201);
    const res = await createKey(alice, idem, 'two').expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 422,
      code: 'idempotency_key_reused',
      instance: '/api/v1/api-keys',
    });
    // a different path with the same key is a different request too
    await request(t.server)
      .post('/api/v1/test-only/idempotency/located')
      .set(as(alice))
      .set('idempotency-key', idem)
      .send({ tag: 'x' })
      .expect(422);
  });

  it('two concurrent requests with one key create exactly one API key', async () => {
    const before = await keyCount(alice);
    const idem = randomUUID();
    const [a, b] = await Promise.all([createKey(alice, idem), createKey(alice, idem)]);
    const statuses = [a.status, b.status].sort();
    if (statuses[1] === 409) {
      expect(statuses).toEqual([201, 409]);
      const conflict = a.status === 409 ? a : b;
      // Still running (in progress), or already done and not replayable (its response held a secret).
      expect(['idempotency_key_in_progress', 'idempotency_response_not_replayable']).toContain(
        conflict.body.code,
      );
    } else {
      expect(statuses).toEqual([201, 201]);
      expect(a.body).toEqual(b.body);
    }
    expect(await keyCount(alice)).toBe(before + 1);
    // after both, a retry names the one key that was made (without its secret)
    const replay = await createKey(alice, idem).expect(409);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.resourceId).toBe((a.status === 201 ? a : b).body.id);
  });

  it('different users with the same Idempotency-Key do not collide', async () => {
    const idem = randomUUID();
    const [aliceBefore, bobBefore] = [await keyCount(alice), await keyCount(bob)];
    const forAlice = await createKey(alice, idem).expect(201);
    const forBob = await createKey(bob, idem).expect(201);
    expect(forBob.headers['idempotent-replayed']).toBeUndefined();
    expect(forBob.body.id).not.toBe(forAlice.body.id);
    expect(await keyCount(alice)).toBe(aliceBefore + 1);
    expect(await keyCount(bob)).toBe(bobBefore + 1);
  });

  it('a malformed Idempotency-Key is a 400 problem and runs nothing', async () => {
    const before = await keyCount(alice);
    for (const bad of ['has space', 'x'.repeat(256)]) {
      const res = await createKey(alice, bad).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'invalid_idempotency_key' });
    }
    expect(await keyCount(alice)).toBe(before);
  });

  it('an unauthenticated request with the header is still a 401', async () => {
    const res = await request(t.server)
      .post('/api/v1/api-keys')
      .set('idempotency-key', 'bad key')
      .send({ name: 'x', scopes: ['resumes:read'] })
      .expect(401);
    expect(res.body.code).not.toBe('invalid_idempotency_key');
  });

  it('POSTs without the header are unaffected: every one runs', async () => {
    const before = await keyCount(alice);
    const a = await createKey(alice, undefined).expect(201);
    const b = await createKey(alice, undefined).expect(201);
    expect(a.body.id).not.toBe(b.body.id);
    expect(a.headers['idempotent-replayed']).toBeUndefined();
    expect(await keyCount(alice)).toBe(before + 2);
  });

  it('replays Location and ETag with the body', async () => {
    const idem = randomUUID();
    const post = () =>
      request(t.server)
        .post('/api/v1/test-only/idempotency/located')
        .set(as(alice))
        .set('idempotency-key', idem)
        .send({ tag: idem });
    const first = await post().expect(201);
    const retry = await post().expect(201);
    expect(first.body).toEqual({ calls: 1 });
    expect(retry.body).toEqual({ calls: 1 });
    expect(retry.headers.location).toBe(`/api/v1/things/${idem}-1`);
    expect(retry.headers.etag).toBe('"v1"');
  });

  it('a 5xx is not kept: the retry runs again and its success is kept', async () => {
    const idem = randomUUID();
    const post = () =>
      request(t.server)
        .post('/api/v1/test-only/idempotency/flaky')
        .set(as(alice))
        .set('idempotency-key', idem)
        .send({ tag: idem });
    await post().expect(500);
    const second = await post().expect(201);
    expect(second.body).toEqual({ tag: idem, calls: 2 });
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    const third = await post().expect(201);
    expect(third.body).toEqual({ tag: idem, calls: 2 });
    expect(third.headers['idempotent-replayed']).toBe('true');
  });

  it('a 4xx is kept and replayed (the retry would only fail the same way)', async () => {
    const idem = randomUUID();
    const bad = () =>
      request(t.server)
        .post('/api/v1/test-only/idempotency/validated')
        .set(as(alice))
        .set('idempotency-key', idem)
        .send({ name: '' });
    const first = await bad().expect(400);
    const retry = await bad().expect(400);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
  });

  it('public routes are not tracked, even with a valid key and the header', async () => {
    const idem = randomUUID();
    const post = () =>
      request(t.server)
        .post('/api/v1/test-only/idempotency-public/count')
        .set(as(alice))
        .set('idempotency-key', idem)
        .send({ tag: idem });
    expect((await post().expect(201)).body).toEqual({ calls: 1 });
    const second = await post().expect(201);
    expect(second.body).toEqual({ calls: 2 });
    expect(second.headers['idempotent-replayed']).toBeUndefined();
  });

  it('keeps the record in Redis under the configured prefix for 24 h, without the API key', async () => {
    const idem = randomUUID();
    await createKey(alice, idem).expect(201);
    const redis = t.app.get<RedisClientType>(REDIS_CLIENT);
    const keys = await redis.keys(`${t.config.redis.keyPrefix}:idem:${alice.keyId}:*`);
    expect(keys.length).toBeGreaterThan(0);
    const ttls = await Promise.all(keys.map((k) => redis.ttl(k)));
    expect(Math.max(...ttls)).toBeGreaterThan(24 * 3600 - 60);
    expect(Math.max(...ttls)).toBeLessThanOrEqual(24 * 3600);
    const values = await Promise.all(keys.map((k) => redis.get(k)));
    expect(values.join('')).not.toContain(alice.key);
  });
});

// Needs a redis-server of its own to stop; CI and `npm test` always install one.
describe.skipIf(!findExecutable('redis-server', process.env))('Idempotency-Key while Redis is down', () => {
  let redis: RedisServer;
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    redis = await RedisServer.start();
    t = await startTestApp({ env: { REDIS_URL: redis.url }, imports: [IdempotencyModule] });
    user = await createTestUser(t);
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('requests run without idempotency (not failed) and a warning is logged', async () => {
    await redis.stop();
    const idem = randomUUID();
    const post = () =>
      request(t.server)
        .post('/api/v1/api-keys')
        .set('x-api-key', user.key)
        .set('idempotency-key', idem)
        .send({ name: 'ci', scopes: ['resumes:read'] });
    const first = await post().expect(201);
    const second = await post().expect(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(t.logs.lines.some((line) => /idempotency: Redis unavailable/.test(String(line.msg)))).toBe(true);
  });
});
