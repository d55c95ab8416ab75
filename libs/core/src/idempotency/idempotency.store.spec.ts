import { randomBytes } from 'node:crypto';

import { type RedisClientType, createClient } from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { type StoredResponse } from './idempotency';
import { IdempotencyStore } from './idempotency.store';

describe('IdempotencyStore (against the run’s Redis)', () => {
  let client: RedisClientType;
  let store: IdempotencyStore;
  const key = () => `${inject('runId')}:unit:idem:${randomBytes(4).toString('hex')}`;
  const response: StoredResponse = {
    status: 201,
    headers: { 'content-type': 'application/json' },
    body: '{"id":"1"}',
    encoding: 'utf8',
  };

  beforeAll(async () => {
    client = createClient({ url: inject('redisUrl') }) as RedisClientType;
    await client.connect();
    store = new IdempotencyStore(client, { lockTtlMs: 5000, responseTtlSeconds: 60 });
  });
  afterAll(() => client.close());

  it('locks the first request, answers a retry in progress, then replays the kept response', async () => {
    const k = key();
    const first = await store.begin(k, 'fp');
    expect(first.kind).toBe('acquired');
    expect(await client.pTTL(k)).toBeGreaterThan(4000);
    expect(await store.begin(k, 'fp')).toEqual({ kind: 'in_progress' });
    expect(await store.begin(k, 'other')).toEqual({ kind: 'mismatch' });
    expect(await store.complete(k, (first as { lock: string }).lock, response)).toBe(true);
    expect(await store.begin(k, 'fp')).toEqual({ kind: 'replay', response });
    expect(await store.begin(k, 'other')).toEqual({ kind: 'mismatch' });
    const ttl = await client.ttl(k);
    expect(ttl).toBeGreaterThan(50);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('releases the key when the response is not kept, so a retry runs again', async () => {
    const k = key();
    const first = (await store.begin(k, 'fp')) as { lock: string };
    expect(await store.complete(k, first.lock, undefined)).toBe(true);
    expect(await client.exists(k)).toBe(0);
    expect((await store.begin(k, 'fp')).kind).toBe('acquired');
  });

  it('does not touch a key whose lock expired and was taken by another request', async () => {
    const short = new IdempotencyStore(client, { lockTtlMs: 50 });
    const k = key();
    const first = (await short.begin(k, 'fp')) as { lock: string };
    await new Promise((resolve) => setTimeout(resolve, 120));
    const second = (await short.begin(k, 'fp')) as { kind: string; lock: string };
    expect(second.kind).toBe('acquired');
    expect(await short.complete(k, first.lock, response)).toBe(false);
    expect(await client.get(k)).toBe(second.lock);
  });

  it('fails fast (rejects) when Redis cannot be reached', async () => {
    const offline = createClient({
      url: 'redis://127.0.0.1:1',
      disableOfflineQueue: true,
    }) as RedisClientType;
    const down = new IdempotencyStore(offline);
    expect(down.ready).toBe(false);
    await expect(down.begin(key(), 'fp')).rejects.toThrow();
  });
});
