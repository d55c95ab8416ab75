#!/usr/bin/env node
// `npm run bench:auth`: what API-key verification adds to a request, measured in one run:
//   1. in-process: ApiKeysService.verify() with a warm cache and with the cache off (every call reads MongoDB);
//   2. over HTTP, one request at a time on a keep-alive connection, each timed with performance.now():
//      the public GET /health (the unauthenticated baseline) against GET /api/v1/users/me/key (authenticated,
//      no database work of its own), with the rate limiter off so the difference is authentication alone,
//      then with the limiter on (its Redis round trip) and with the key cache off.
// Uses the built app (npm run build) and provisioned MongoDB/Redis (or MONGODB_URI / REDIS_URL).
//   BENCH_REQUESTS per HTTP case (default 3000), BENCH_VERIFY_CALLS (default 20000)
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
require('reflect-metadata');
const { default: pino } = await import('pino');
const { loadConfig } = require(join(root, 'dist/libs/core/src'));
const { createApiApp } = require(join(root, 'dist/apps/api/src/bootstrap'));
const { ApiKeysService, UsersService } = require(join(root, 'dist/libs/users/src'));
const { describeServices, startServices } = require(join(root, 'dist/libs/testing/src/services'));

const requests = Number(process.env.BENCH_REQUESTS ?? 3000);
const verifyCalls = Number(process.env.BENCH_VERIFY_CALLS ?? 20_000);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const us = (ms) => `${(ms * 1000).toFixed(0)} µs`.padStart(8);

async function startApp(services, dbName, extraEnv) {
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: '0',
    MONGODB_URI: services.mongo.uri,
    MONGODB_DB: dbName,
    REDIS_URL: services.redis.url,
    REDIS_KEY_PREFIX: dbName,
    CORS_ORIGINS: 'https://app.example.com',
    RATE_LIMIT_READ: '1000000',
    ...extraEnv,
  });
  const { app } = await createApiApp(config, { logDestination: pino.destination('/dev/null') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, port: app.getHttpServer().address().port };
}

async function timeVerify(service, key, calls) {
  const samples = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    await service.verify(key);
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b);
}

/** Sequential GETs on one keep-alive connection; returns sorted per-request times (ms). */
async function timeHttp(port, path, headers) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - started)
            : reject(new Error(`${path}: ${res.statusCode}`)),
        );
      });
      req.on('error', reject);
      req.end();
    });
  for (let i = 0; i < 300; i++) await once(); // warm-up
  const samples = [];
  for (let i = 0; i < requests; i++) samples.push(await once());
  agent.destroy();
  return samples.sort((a, b) => a - b);
}

const services = await startServices({ repoRoot: root, env: process.env, log: () => undefined });
console.log(describeServices(services));
const db = `bench_auth_${Date.now()}`;
try {
  const plain = await startApp(services, db, { FEATURE_FLAGS: '-rateLimit' });
  const limited = await startApp(services, db, {});
  const uncached = await startApp(services, db, { FEATURE_FLAGS: '-rateLimit', AUTH_CACHE_TTL_MS: '0' });
  const user = await plain.app
    .get(UsersService)
    .create({ email: `bench-${Date.now()}@example.com`, name: 'Bench' });
  const issuer = { userId: user.id, role: 'admin', keyId: '', keyPrefix: '', scopes: ['admin'] };
  const { key } = await plain.app
    .get(ApiKeysService)
    .create(issuer, user.id, { name: 'bench', scopes: ['resumes:read'] });

  const warmVerify = await timeVerify(plain.app.get(ApiKeysService), key, verifyCalls);
  const coldVerify = await timeVerify(uncached.app.get(ApiKeysService), key, Math.min(verifyCalls, 2000));
  console.log('\nApiKeysService.verify(), in-process                  p50       p99');
  console.log(
    `  warm cache (${verifyCalls} calls)                   ${us(percentile(warmVerify, 50))}  ${us(percentile(warmVerify, 99))}`,
  );
  console.log(
    `  cache off  (${coldVerify.length} calls, reads MongoDB)     ${us(percentile(coldVerify, 50))}  ${us(percentile(coldVerify, 99))}`,
  );

  const auth = { 'x-api-key': key };
  const cases = [
    ['GET /health (public, baseline)', await timeHttp(plain.port, '/health', {})],
    ['GET /api/v1/users/me/key, warm key cache', await timeHttp(plain.port, '/api/v1/users/me/key', auth)],
    ['  ... with the rate limiter on (Redis)', await timeHttp(limited.port, '/api/v1/users/me/key', auth)],
    ['  ... with the key cache off (MongoDB)', await timeHttp(uncached.port, '/api/v1/users/me/key', auth)],
  ];
  const [baseline] = cases;
  console.log(`\nHTTP, ${requests} sequential requests per case      p50       p99   added p50   added p99`);
  for (const [name, samples] of cases) {
    const added = (p) => us(percentile(samples, p) - percentile(baseline[1], p));
    console.log(
      `  ${name.padEnd(42)} ${us(percentile(samples, 50))}  ${us(percentile(samples, 99))}   ${added(50)}   ${added(99)}`,
    );
  }
  for (const { app } of [plain, limited, uncached]) await app.close();
} finally {
  await services.stop();
}
