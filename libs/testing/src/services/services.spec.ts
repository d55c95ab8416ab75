import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPortOpen } from './free-port';
import { pingMongo } from './mongo.provisioner';
import { pingRedis } from './redis.provisioner';
import { findRepoRoot } from './repo-root';
import { main } from './services.cli';
import { describeServices, startServices } from './services';

const repoRoot = findRepoRoot(__dirname);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PATH: (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !existsSync(join(dir, 'mongod')))
    .join(delimiter),
};
delete env.MONGODB_URI;
delete env.REDIS_URL;

describe('startServices', () => {
  it('starts MongoDB and Redis together and stops both', { timeout: 240_000 }, async () => {
    const services = await startServices({ repoRoot, env });
    expect(services.mongo).toMatchObject({ kind: 'ferretdb', backend: 'ferretdb' });
    expect(services.redis.kind).toBe('redis-server');
    expect(describeServices(services)).toMatch(
      /^services: MongoDB backend ferretdb \(ferretdb\) at .*; Redis \(redis-server\) at redis:/,
    );
    await expect(pingMongo(services.mongo.uri)).resolves.toBe('ferretdb');
    await expect(pingRedis(services.redis.url)).resolves.toBeUndefined();
    await services.stop();
    expect(await isPortOpen(Number(new URL(services.mongo.uri).port))).toBe(false);
    expect(await isPortOpen(Number(new URL(services.redis.url).port))).toBe(false);
  });

  it('stops the Redis it started when MongoDB cannot be provisioned', async () => {
    const error = await startServices({
      repoRoot,
      env: { ...env, MONGODB_URI: 'mongodb://127.0.0.1:1/' },
      startTimeoutMs: 300,
    }).catch((e) => e);
    expect(error.message).toMatch(/^MONGODB_URI .* was not ready/);
    expect(
      readdirSync(tmpdir()).filter((name) => name.startsWith(`llmployable-svc-redis-${process.pid}-`)),
    ).toEqual([]);
  });
});

describe('services CLI', () => {
  it(
    'runs a command with MONGODB_URI and REDIS_URL set and returns its exit code',
    { timeout: 240_000 },
    async () => {
      const check = [
        'const { MONGODB_URI: mongo, REDIS_URL: redis } = process.env;',
        'process.exit(/^mongodb:/.test(mongo) && /^redis:/.test(redis) ? 7 : 1);',
      ].join(' ');
      expect(await main(['run', '--', process.execPath, '-e', check], { repoRoot, env })).toBe(7);
    },
  );

  it('prints usage for unknown commands', async () => {
    expect(await main(['nope'], { repoRoot, env })).toBe(2);
    expect(await main(['run', '--'], { repoRoot, env })).toBe(2);
  });
});
