/**
 * Vitest globalSetup: provisions MongoDB and Redis once per test run (see ../services for the order of
 * choices), tells every test file where they are through `inject()`, and stops them afterwards.
 */
import { randomBytes } from 'node:crypto';

import { type TestProject } from 'vitest/node';

import { describeServices, findRepoRoot, startServices } from '../services';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    mongoBackend: 'mongod' | 'ferretdb';
    redisUrl: string;
    /** Unique per run: database names and key prefixes start with it, so runs never share data. */
    runId: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (message: string) => process.stdout.write(`[services] ${message}\n`);
  const services = await startServices({ repoRoot: findRepoRoot(__dirname), env: process.env, log });
  log(describeServices(services));
  project.provide('mongoUri', services.mongo.uri);
  project.provide('mongoBackend', services.mongo.backend);
  project.provide('redisUrl', services.redis.url);
  project.provide('runId', `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`);
  return async () => {
    await services.stop();
    log('services stopped');
  };
}
