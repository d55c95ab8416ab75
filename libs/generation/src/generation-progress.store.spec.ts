import { randomBytes } from 'node:crypto';

import { createClient, type RedisClientType } from '@keyv/redis';
import { Types } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { type AppConfig } from '@app/core';

import { GenerationProgressStore } from './generation-progress.store';

const at = new Date('2026-01-05T10:00:00.000Z');

describe('GenerationProgressStore (against the run’s Redis)', () => {
  let client: RedisClientType;
  let prefix: string;
  let store: GenerationProgressStore;
  let id: string;

  beforeAll(async () => {
    client = createClient({ url: inject('redisUrl') }) as RedisClientType;
    await client.connect();
  });
  afterAll(() => client.close());
  beforeEach(() => {
    prefix = `${inject('runId')}:unit:progress:${randomBytes(4).toString('hex')}`;
    store = new GenerationProgressStore(client, {
      redis: { url: '', keyPrefix: prefix },
      generation: { eventsTtlSeconds: 3600 },
    } as unknown as AppConfig);
    id = new Types.ObjectId().toHexString();
  });

  it('numbers events from 1, in order, across calls, and reads them after a number', async () => {
    expect(await store.lastSeq(id)).toBe(0);
    expect(await store.append(id, [{ type: 'queued', data: { status: 'queued' }, at }])).toBe(1);
    expect(
      await store.append(id, [
        { type: 'started', data: { attempt: 1 }, at },
        { type: 'step', data: { step: 'evidence', status: 'started' }, at },
      ]),
    ).toBe(3);
    expect(await store.lastSeq(id)).toBe(3);
    expect(await store.eventsAfter(id, 0)).toEqual([
      { seq: 1, type: 'queued', data: { status: 'queued' }, at },
      { seq: 2, type: 'started', data: { attempt: 1 }, at },
      { seq: 3, type: 'step', data: { step: 'evidence', status: 'started' }, at },
    ]);
    expect((await store.eventsAfter(id, 2)).map((event) => event.seq)).toEqual([3]);
    expect(await store.eventsAfter(id, 3)).toEqual([]);
    expect(await store.eventsAfter(new Types.ObjectId().toHexString(), 0)).toEqual([]);
  });

  it('gives concurrent appends distinct consecutive numbers', async () => {
    const seqs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.append(id, [{ type: 'step', data: { i }, at }])),
    );
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const events = await store.eventsAfter(id, 0);
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('sets, keeps and deletes the live state with the events, dates coming back as dates', async () => {
    const live = {
      status: 'running' as const,
      step: 'draft' as const,
      progress: 30,
      startedAt: at,
      timings: [{ step: 'evidence' as const, startedAt: at, durationMs: 2, attempt: 1 }],
      match: { score: 71 },
    };
    await store.append(id, [{ type: 'step', data: {}, at }], { set: live });
    expect(await store.live(id)).toEqual(live);
    await store.append(id, [{ type: 'step', data: {}, at }]);
    expect(await store.live(id)).toEqual(live);
    const other = new Types.ObjectId().toHexString();
    await store.append(other, [], { set: { status: 'running', progress: 10 } });
    const many = await store.liveOf([id, other, new Types.ObjectId().toHexString()]);
    expect([...many.keys()]).toEqual([id, other]);
    expect(many.get(other)).toEqual({ status: 'running', progress: 10 });
    expect(await store.append(other, [])).toBe(0); // no events: nothing appended, nothing expires early
    await store.append(id, [{ type: 'succeeded', data: { status: 'succeeded' }, at }], 'delete');
    expect(await store.live(id)).toBeNull();
    expect(await store.lastSeq(id)).toBe(3);
  });

  it('keeps both keys under the key prefix, in one hash slot, with the TTL renewed on every write', async () => {
    await store.append(id, [{ type: 'queued', data: {}, at }], { set: { status: 'running' } });
    const keys = (await client.keys(`${prefix}:*`)).sort();
    expect(keys).toEqual([`${prefix}:generation:{${id}}:events`, `${prefix}:generation:{${id}}:live`]);
    for (const key of keys) {
      await client.expire(key, 5);
    }
    await store.append(id, [{ type: 'step', data: {}, at }], { set: { status: 'running' } });
    for (const key of keys) {
      const ttl = await client.ttl(key);
      expect(ttl).toBeGreaterThan(3590);
      expect(ttl).toBeLessThanOrEqual(3600);
    }
  });
});
