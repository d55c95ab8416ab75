import { Logger } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { MemoryWindowStorage } from './memory-window.storage';
import { REDIS_RETRY_INTERVAL_MS, RateLimitStorage } from './rate-limit.storage';
import { type SharedWindowStorage } from './redis-window.storage';
import { windowRecord } from './window-record';

/** A stand-in for Redis: counts in its own map, can be made unready or failing, and fires availability events. */
class FakeShared implements SharedWindowStorage {
  ready = true;
  failWith: Error | undefined;
  calls = 0;
  private readonly counts = new Map<string, number>();
  private listener?: (available: boolean, reason: string) => void;

  onAvailability(listener: (available: boolean, reason: string) => void): void {
    this.listener = listener;
  }

  emit(available: boolean): void {
    this.ready = available;
    this.listener?.(available, available ? 'connection ready' : 'connection closed');
  }

  async increment(key: string, _ttl: number, limit: number) {
    this.calls += 1;
    if (this.failWith) throw this.failWith;
    const hits = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, hits);
    return windowRecord(hits, 30_000, limit);
  }
}

describe('RateLimitStorage', () => {
  afterEach(() => vi.restoreAllMocks());

  const setup = (ready = true) => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const log = vi.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const shared = new FakeShared();
    shared.ready = ready;
    const memory = new MemoryWindowStorage();
    const time = { now: 0 };
    const storage = new RateLimitStorage(shared, memory, () => time.now);
    const hit = () => storage.increment('k', 60_000, 10, 60_000, 'read');
    return { storage, shared, memory, time, warn, log, hit };
  };

  it('counts in Redis while it answers', async () => {
    const { storage, shared, memory, hit } = setup();
    await hit();
    expect((await hit()).totalHits).toBe(2);
    expect(shared.calls).toBe(2);
    expect(memory.size).toBe(0);
    expect(storage.status()).toEqual({ store: 'redis', degraded: false });
  });

  it('answers from memory when a Redis command fails, logs the switch once, and says so in status', async () => {
    const { storage, shared, memory, warn, hit } = setup();
    shared.failWith = new Error('Command timed out');
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await hit()).toMatchObject({ totalHits: 2 });
    expect(memory.size).toBe(1);
    expect(storage.status()).toEqual({ store: 'memory', degraded: true });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain('Command timed out');
  });

  it('does not ask Redis at all while the connection is down, and goes back at once when it is ready', async () => {
    const { storage, shared, memory, warn, log, hit } = setup();
    shared.emit(false);
    expect(storage.status().store).toBe('memory');
    await hit();
    await hit();
    expect(shared.calls).toBe(0);
    shared.emit(false); // repeated close events while reconnecting: still one log line
    expect(warn).toHaveBeenCalledTimes(1);

    shared.emit(true);
    expect(storage.status()).toEqual({ store: 'redis', degraded: false });
    expect(memory.size).toBe(0);
    expect(log).toHaveBeenCalledTimes(1);
    expect((await hit()).totalHits).toBe(1);
    expect(shared.calls).toBe(1);
  });

  it('on a live but failing connection, retries Redis with one request per interval until it answers', async () => {
    const { storage, shared, time, log, hit } = setup();
    shared.failWith = new Error('READONLY');
    await hit(); // fails, degrades
    expect(shared.calls).toBe(1);
    time.now += REDIS_RETRY_INTERVAL_MS - 1;
    await hit();
    expect(shared.calls).toBe(1); // not yet
    time.now += 1;
    await hit(); // retried, still failing
    expect(shared.calls).toBe(2);
    await hit();
    expect(shared.calls).toBe(2);

    shared.failWith = undefined;
    time.now += REDIS_RETRY_INTERVAL_MS;
    expect((await hit()).totalHits).toBe(1);
    expect(storage.status().store).toBe('redis');
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('starts in memory when Redis was not ready at startup', () => {
    const { storage, warn } = setup(false);
    expect(storage.status()).toEqual({ store: 'memory', degraded: true });
    expect(String(warn.mock.calls[0][0])).toContain('not connected at startup');
  });

  it('ignores the connection closing once stopped (shutdown)', () => {
    const { storage, shared, warn } = setup();
    storage.stop();
    shared.emit(false);
    expect(storage.status().store).toBe('redis');
    expect(warn).not.toHaveBeenCalled();
  });
});
