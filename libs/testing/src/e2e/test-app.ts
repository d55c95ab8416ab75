/**
 * Boots the whole API in-process, exactly as production builds it (`createApiApp`), against the run's real
 * MongoDB and Redis, with its own database and logs captured. Tests call it over HTTP with supertest.
 */
import { randomBytes } from 'node:crypto';

import { type ModuleMetadata } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Connection } from 'mongoose';
import { inject } from 'vitest';
import { type AppConfig, loadConfig } from '@app/core';

import { type ApiApp, createApiApp } from '../../../../apps/api/src/bootstrap';
import { LogCapture } from './log-capture';

export interface TestAppOptions {
  /** Environment variables on top of the test defaults (services from the run, a fresh database). */
  env?: Record<string, string>;
  imports?: ModuleMetadata['imports'];
}

export interface TestApp extends ApiApp {
  config: AppConfig;
  logs: LogCapture;
  /** The raw Node server, for supertest. */
  server: NestFastifyApplication['getHttpServer'] extends () => infer S ? S : never;
  close(): Promise<void>;
}

/** The environment a test app runs with: the run's services and a database of its own. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    MONGODB_URI: inject('mongoUri'),
    REDIS_URL: inject('redisUrl'),
    MONGODB_DB: `${inject('runId')}_${randomBytes(4).toString('hex')}`,
    REDIS_KEY_PREFIX: inject('runId'),
    // Every test app shares the run's key prefix and 127.0.0.1: default limits would throttle parallel specs.
    // Specs about rate limiting set their own limits and prefix.
    RATE_LIMIT_READ: '1000000',
    RATE_LIMIT_WRITE: '1000000',
    RATE_LIMIT_GENERATE: '1000000',
    RATE_LIMIT_AUTH_FAILURES: '1000000',
    ...extra,
  };
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig(testEnv(options.env));
  const logs = new LogCapture();
  const { app, logger, shutdown } = await createApiApp(config, {
    logDestination: logs,
    imports: options.imports,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    logger,
    shutdown,
    config,
    logs,
    server: app.getHttpServer(),
    close: async () => {
      const connection = app.get<Connection>(getConnectionToken());
      if (connection.readyState === 1) await connection.dropDatabase();
      await app.close();
    },
  };
}
