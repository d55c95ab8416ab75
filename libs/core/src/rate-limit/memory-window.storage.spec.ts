import { describe, expect, it } from 'vitest';

import { MemoryWindowStorage } from './memory-window.storage';

describe('MemoryWindowStorage', () => {
  const clock = () => {
    const state = { now: 1_000_000 };
    return { state, now: () => state.now };
  };

  it('counts hits in a fixed window and blocks over the limit until it resets', async () => {
    const { state, now } = clock();
    const store = new MemoryWindowStorage(now);
    expect(await store.increment('k', 60_000, 2)).toEqual({
      totalHits: 1,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    state.now += 20_500;
    expect(await store.increment('k', 60_000, 2)).toMatchObject({ totalHits: 2, timeToExpire: 40 });
    expect(await store.increment('k', 60_000, 2)).toEqual({
      totalHits: 3,
      timeToExpire: 40,
      isBlocked: true,
      timeToBlockExpire: 40,
    });
    state.now += 39_500; // exactly at the reset
    expect(await store.increment('k', 60_000, 2)).toMatchObject({
      totalHits: 1,
      isBlocked: false,
      timeToExpire: 60,
    });
  });

  it('keeps keys apart', async () => {
    const store = new MemoryWindowStorage();
    await store.increment('a', 60_000, 1);
    await store.increment('a', 60_000, 1);
    expect(await store.increment('b', 60_000, 1)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('never reports less than one second left', async () => {
    const { state, now } = clock();
    const store = new MemoryWindowStorage(now);
    await store.increment('k', 1000, 5);
    state.now += 999;
    expect(await store.increment('k', 1000, 5)).toMatchObject({ totalHits: 2, timeToExpire: 1 });
  });

  it('sweeps expired windows at most once a window, so memory stays bounded', async () => {
    const { state, now } = clock();
    const store = new MemoryWindowStorage(now);
    for (let i = 0; i < 100; i++) await store.increment(`ip:${i}`, 1000, 5);
    expect(store.size).toBe(100);
    state.now += 1000;
    await store.increment('ip:new', 1000, 5);
    expect(store.size).toBe(1);
    store.clear();
    expect(store.size).toBe(0);
  });
});
