import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TestApp, startTestApp } from '@app/testing';
import { RedisServer, findExecutable } from '@app/testing/services';

describe('health', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GET /health is liveness: 200 without touching a dependency', async () => {
    const res = await request(t.server).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
  });

  it.each(['/health/ready', '/api/v1/health'])('GET %s reports mongo and redis up', async (path) => {
    const res = await request(t.server).get(path).expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      dependencies: { mongo: { status: 'up' }, redis: { status: 'up' } },
    });
    expect(res.body.dependencies.mongo.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('GET /api/v1/health/detailed names the MongoDB backend that answered, with versions and latency', async () => {
    const res = await request(t.server).get('/api/v1/health/detailed').expect(200);
    const { mongo, redis } = res.body.dependencies;
    expect(mongo.backend).toBe(inject('mongoBackend'));
    expect(mongo.version).toMatch(/^\d+\.\d+/);
    // Embedded FerretDB reports its version as 'unknown' (the module lacks its version file), but reports it.
    if (mongo.backend === 'ferretdb') expect(mongo.ferretdbVersion).toEqual(expect.any(String));
    expect(redis.version).toMatch(/^\d+\.\d+\.\d+$/);
    // pdflatex is present and a tiny document compiles (the render library's self-test).
    expect(res.body.dependencies.latex).toMatchObject({
      status: 'up',
      version: expect.stringMatching(/^pdfTeX/),
    });
    expect(res.body).toMatchObject({ status: 'ok', environment: 'test', node: process.version });
    expect(Date.parse(res.body.checkedAt)).not.toBeNaN();
  });
});

describe('health without the healthDetails flag', () => {
  it('still checks every dependency but reveals no versions or backend', async () => {
    const t = await startTestApp({ env: { FEATURE_FLAGS: '-healthDetails' } });
    try {
      const res = await request(t.server).get('/api/v1/health/detailed').expect(200);
      expect(res.body.dependencies.mongo).toEqual({ status: 'up', latencyMs: expect.any(Number) });
      expect(res.body.dependencies.redis).toEqual({ status: 'up', latencyMs: expect.any(Number) });
    } finally {
      await t.close();
    }
  });
});

// Needs a redis-server of its own to stop and restart; CI and `npm test` always install one.
describe.skipIf(!findExecutable('redis-server', process.env))('health when Redis goes away mid-run', () => {
  let redis: RedisServer;
  let t: TestApp;

  beforeAll(async () => {
    redis = await RedisServer.start();
    t = await startTestApp({ env: { REDIS_URL: redis.url, HEALTH_CHECK_TIMEOUT_MS: '500' } });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('is 503 with redis down while Redis is stopped, then 200 again after it restarts', async () => {
    await request(t.server).get('/api/v1/health').expect(200);

    await redis.stop();
    const down = await request(t.server).get('/api/v1/health').expect(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.body).toMatchObject({
      status: 503,
      code: 'dependency_unavailable',
      detail: 'Not ready: redis is down.',
      dependencies: { mongo: { status: 'up' }, redis: { status: 'down' } },
    });
    expect(down.body.dependencies.redis.message).toEqual(expect.any(String));
    await request(t.server).get('/health/ready').expect(503);
    await request(t.server).get('/health').expect(200); // liveness does not depend on Redis

    await redis.start();
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await request(t.server).get('/api/v1/health')).status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
  });
});
