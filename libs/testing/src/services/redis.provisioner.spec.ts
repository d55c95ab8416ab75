import { createClient } from '@redis/client';
import { describe, expect, it } from 'vitest';
import { isPortOpen } from './free-port';
import { pingRedis, provisionRedis, RedisServer } from './redis.provisioner';

const envWithoutRedisUrl = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.REDIS_URL;
  return env;
};
const portOf = (url: string): number => Number(new URL(url).port);

describe('provisionRedis', () => {
  it('starts a real redis-server that answers PING, and stop() closes its port', async () => {
    const redis = await provisionRedis({ env: envWithoutRedisUrl() });
    expect(redis.kind).toBe('redis-server');
    expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    const client = createClient({ url: redis.url });
    await client.connect();
    expect(await client.ping()).toBe('PONG');
    await client.set('k', 'v');
    expect(await client.get('k')).toBe('v');
    client.destroy();
    await redis.stop();
    expect(await isPortOpen(portOf(redis.url))).toBe(false);
  });

  it('uses REDIS_URL as given and leaves that server alone on stop()', async () => {
    const server = await RedisServer.start();
    try {
      const redis = await provisionRedis({ env: { ...envWithoutRedisUrl(), REDIS_URL: server.url } });
      expect(redis).toMatchObject({ kind: 'external', url: server.url });
      await redis.stop();
      await expect(pingRedis(server.url)).resolves.toBeUndefined();
    } finally {
      await server.stop();
    }
  });

  it('fails clearly when REDIS_URL does not answer, or redis-server is missing', async () => {
    const server = await RedisServer.start();
    await server.stop(); // a port that is certainly closed now
    await expect(
      provisionRedis({ env: { REDIS_URL: server.url.replace('//', '//:secret@') }, startTimeoutMs: 300 }),
    ).rejects.toThrow(/^REDIS_URL \(redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\) was not ready within 300 ms/);
    await expect(provisionRedis({ env: { PATH: '/nonexistent' } })).rejects.toThrow(
      /redis-server not found on PATH/,
    );
  });
});

describe('RedisServer', () => {
  it('stops and starts again on the same port, with an empty data set', async () => {
    const server = await RedisServer.start();
    try {
      const { port, url } = server;
      const client = createClient({ url });
      await client.connect();
      await client.set('k', 'v');
      client.destroy();

      await server.stop();
      expect(server.running).toBe(false);
      expect(await isPortOpen(port)).toBe(false);
      await expect(pingRedis(url, 300)).rejects.toThrow();

      await server.start();
      expect(server.running).toBe(true);
      expect(server.port).toBe(port);
      expect(server.url).toBe(url);
      const again = createClient({ url });
      await again.connect();
      expect(await again.get('k')).toBeNull();
      again.destroy();
    } finally {
      await server.stop();
    }
  });
});
