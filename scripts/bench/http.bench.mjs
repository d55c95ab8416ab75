#!/usr/bin/env node
// `npm run bench:http`: requests/s and latency of our routes, against a bare NestJS-on-Fastify route
// measured in the same run on the same machine (the baseline), so the ratio is meaningful on a noisy host.
// Uses the built app (npm run build) and the provisioned MongoDB/Redis (or MONGODB_URI / REDIS_URL).
//   BENCH_DURATION=seconds per route (default 5), BENCH_CONNECTIONS (default 32)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
require('reflect-metadata');
const autocannon = require('autocannon');
const { NestFactory } = require('@nestjs/core');
const { Controller, Get, Module } = require('@nestjs/common');
const { FastifyAdapter } = require('@nestjs/platform-fastify');
const { loadConfig } = require(join(root, 'dist/libs/core/src'));
const { createApiApp } = require(join(root, 'dist/apps/api/src/bootstrap'));
const { describeServices, startServices } = require(join(root, 'dist/libs/testing/src/services'));

const duration = Number(process.env.BENCH_DURATION ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

/** The baseline: NestJS on Fastify with one route returning {"ok":true}, nothing else. */
async function bareNest() {
  class BareController {
    ok() {
      return { ok: true };
    }
  }
  Controller()(BareController);
  const descriptor = Object.getOwnPropertyDescriptor(BareController.prototype, 'ok');
  Get('ok')(BareController.prototype, 'ok', descriptor);
  class BareModule {}
  Module({ controllers: [BareController] })(BareModule);
  const app = await NestFactory.create(BareModule, new FastifyAdapter(), { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

async function measure(url) {
  await autocannon({ url, connections, duration: 1 }); // warm-up
  const result = await autocannon({ url, connections, duration });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const portOf = (app) => app.getHttpServer().address().port;

const services = await startServices({ repoRoot: root, env: process.env, log: () => undefined });
console.log(describeServices(services));
const rows = [];
try {
  const bare = await bareNest();
  const baseline = await measure(`http://127.0.0.1:${portOf(bare)}/ok`);
  rows.push({ route: 'bare Nest+Fastify GET /ok (baseline)', ...baseline });
  await bare.close();

  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: '0',
    MONGODB_URI: services.mongo.uri,
    MONGODB_DB: `bench_${Date.now()}`,
    REDIS_URL: services.redis.url,
    CORS_ORIGINS: 'https://app.example.com',
  });
  // Production logging (one JSON line per request), written to /dev/null so the terminal is not the bottleneck.
  const { default: pino } = await import('pino');
  const { app } = await createApiApp(config, { logDestination: pino.destination('/dev/null') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${portOf(app)}`;
  for (const [route, path] of [
    ['GET /health (liveness)', '/health'],
    ['GET /api/v1/health (mongo+redis)', '/api/v1/health'],
    ['GET /api/v1/nope (404 problem)', '/api/v1/nope'],
  ]) {
    rows.push({ route, ...(await measure(base + path)) });
  }
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  await app.close();

  console.log(`\n${connections} connections, ${duration} s per route, ${new Date().toISOString()}`);
  console.log(
    'route'.padEnd(40),
    'req/s'.padStart(8),
    'vs base'.padStart(8),
    'p50 ms'.padStart(7),
    'p99 ms'.padStart(7),
  );
  for (const row of rows) {
    const ratio = `${Math.round((row.rps / baseline.rps) * 100)}%`;
    console.log(
      row.route.padEnd(40),
      String(row.rps).padStart(8),
      ratio.padStart(8),
      String(row.p50).padStart(7),
      String(row.p99).padStart(7),
    );
  }
  console.log(`process RSS after the run: ${rssMb} MB`);
} finally {
  await services.stop();
}
