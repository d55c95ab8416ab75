/**
 * The built entry points as real processes (`npm run build` first; the test command does it):
 * boot-time config rejection, a real SIGTERM, and the worker entry.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { testEnv } from '@app/testing';
import { RedisServer, getFreePort } from '@app/testing/services';

const root = join(__dirname, '..');
const apiMain = join(root, 'dist/apps/api/src/main.js');
const workerMain = join(root, 'dist/apps/worker/src/main.js');

interface Run {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function run(entry: string, env: Record<string, string>): Run {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: 'pipe',
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  ms = 30_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('api process', () => {
  it('refuses to boot on bad configuration and names every offending variable', async () => {
    const api = run(apiMain, { NODE_ENV: 'production', PORT: 'eighty', FEATURE_FLAGS: 'teleport' });
    expect(await api.exit).toBe(1);
    const output = api.output();
    expect(output).toContain('Invalid configuration');
    expect(output).toContain('MONGODB_URI is required when NODE_ENV=production');
    expect(output).toContain('REDIS_URL is required when NODE_ENV=production');
    expect(output).toContain('PORT must be an integer between 0 and 65535 (got "eighty")');
    expect(output).toContain('FEATURE_FLAGS names an unknown flag "teleport"');
    expect(output).not.toContain('listening');
  });

  it('serves, then on a real SIGTERM shuts down cleanly with exit code 0', async () => {
    const port = await getFreePort();
    const api = run(apiMain, testEnv({ PORT: String(port), LOG_LEVEL: 'info' }));
    try {
      await waitFor(async () => {
        const res = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
        return res?.status === 200;
      }, 'the API to become ready');
      expect(api.output()).toContain(`/docs`);
      api.child.kill('SIGTERM');
      expect(await api.exit).toBe(0);
      expect(api.output()).toContain('shutdown: complete');
    } finally {
      api.child.kill('SIGKILL');
    }
  });
});

describe('worker process', () => {
  it('connects to Redis, serves its probes on PORT, reports Redis down, and exits 0 on SIGTERM', async () => {
    const port = await getFreePort();
    const redis = await RedisServer.start();
    const worker = run(
      workerMain,
      testEnv({
        LOG_LEVEL: 'info',
        PORT: String(port),
        REDIS_URL: redis.url,
        HEALTH_CHECK_TIMEOUT_MS: '300',
      }),
    );
    try {
      await waitFor(() => worker.output().includes('worker ready'), 'the worker to report ready');
      const live = await fetch(`http://127.0.0.1:${port}/health`);
      expect(live.status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(await ready.json()).toEqual({ status: 'ok', dependencies: { redis: { status: 'up' } } });
      expect(ready.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const other = await fetch(`http://127.0.0.1:${port}/other`, { headers: { 'x-request-id': 'probe-1' } });
      expect(other.status).toBe(404);
      expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await other.json()).toMatchObject({
        status: 404,
        code: 'route_not_found',
        requestId: 'probe-1',
      });

      await redis.stop();
      const down = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({
        code: 'dependency_unavailable',
        dependencies: { redis: { status: 'down' } },
      });
      await redis.start();

      worker.child.kill('SIGTERM');
      expect(await worker.exit).toBe(0);
      expect(worker.output()).toContain('shutdown: complete');
    } finally {
      worker.child.kill('SIGKILL');
      await redis.stop();
    }
  });
});
