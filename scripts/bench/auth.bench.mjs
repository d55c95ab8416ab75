#!/usr/bin/env node
// `npm run bench:auth`: what API-key verification adds to a request. In one run, on this machine:
//   1. in-process: ApiKeysService.verify() on a warm cache and on a cold one (every call reads MongoDB);
//   2. over HTTP (1 connection, so latency is per request, not queueing): the public GET /health against
//      GET /api/v1/users/me/key (authenticated, no database work of its own), warm cache and cache off.
// Uses the built app (npm run build) and provisioned MongoDB/Redis (or MONGODB_URI / REDIS_URL).
//   BENCH_DURATION=seconds per HTTP case (default 5), BENCH_VERIFY_CALLS (default 20000)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
require('reflect-metadata');
const autocannon = require('autocannon');
const { default: pino } = await import('pino');
const { loadConfig } = require(join(root, 'dist/libs/core/src'));
const { createApiApp } = require(join(root, 'dist/apps/api/src/bootstrap'));
const { ApiKeysService, UsersService } = require(join(root, 'dist/libs/users/src'));
const { describeServices, startServices } = require(join(root, 'dist/libs/testing/src/services'));

const duration = Number(process.env.BENCH_DURATION ?? 5);
const verifyCalls = Number(process.env.BENCH_VERIFY_CALLS ?? 20_000);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const us = (ms) => `${(ms * 1000).toFixed(1)} µs`;

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
  return { app, base: `http://127.0.0.1:${app.getHttpServer().address().port}` };
}

async function issueKey(app) {
  const user = await app
    .get(UsersService)
    .create({ email: `bench-${Date.now()}@example.com`, name: 'Bench' });
  const issuer = { userId: user.id, role: 'admin', keyId: '', keyPrefix: '', scopes: ['admin'] };
  return (await app.get(ApiKeysService).create(issuer, user.id, { name: 'bench', scopes: ['resumes:read'] }))
    .key;
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

async function http(url, headers) {
  await autocannon({ url, headers, connections: 1, duration: 1 }); // warm-up
  const r = await autocannon({ url, headers, connections: 1, duration });
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx };
}

const services = await startServices({ repoRoot: root, env: process.env, log: () => undefined });
console.log(describeServices(services));
const db = `bench_auth_${Date.now()}`;
try {
  const warm = await startApp(services, db, {});
  const cold = await startApp(services, db, { AUTH_CACHE_TTL_MS: '0' });
  const key = await issueKey(warm.app);

  const warmVerify = await timeVerify(warm.app.get(ApiKeysService), key, verifyCalls);
  const coldVerify = await timeVerify(cold.app.get(ApiKeysService), key, Math.min(verifyCalls, 2000));
  console.log(`\nApiKeysService.verify(), in-process:`);
  console.log(
    `  warm cache (${verifyCalls} calls):   p50 ${us(percentile(warmVerify, 50))}  p99 ${us(percentile(warmVerify, 99))}`,
  );
  console.log(
    `  cache off  (${coldVerify.length} calls):    p50 ${us(percentile(coldVerify, 50))}  p99 ${us(percentile(coldVerify, 99))}`,
  );

  const auth = { 'x-api-key': key };
  const rows = [
    ['GET /health (public, baseline)', await http(`${warm.base}/health`)],
    ['GET /api/v1/users/me/key, warm cache', await http(`${warm.base}/api/v1/users/me/key`, auth)],
    ['GET /api/v1/users/me/key, cache off', await http(`${cold.base}/api/v1/users/me/key`, auth)],
  ];
  console.log(`\nHTTP, 1 connection, ${duration} s per case (latency in ms, autocannon's 1 ms resolution):`);
  console.log(
    'case'.padEnd(40),
    'req/s'.padStart(7),
    'p50'.padStart(5),
    'p99'.padStart(5),
    'non-2xx'.padStart(8),
  );
  for (const [name, r] of rows) {
    console.log(
      name.padEnd(40),
      String(r.rps).padStart(7),
      String(r.p50).padStart(5),
      String(r.p99).padStart(5),
      String(r.non2xx).padStart(8),
    );
  }
  const [base, hot] = [rows[0][1], rows[1][1]];
  console.log(
    `\nadded per request by key verification (warm): ${us(1000 / hot.rps - 1000 / base.rps)} (from req/s at 1 connection)`,
  );
  await warm.app.close();
  await cold.app.close();
} finally {
  await services.stop();
}
