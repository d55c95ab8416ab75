import { type ThrottlerStorage } from '@nestjs/throttler';

import { type WindowRecord, windowRecord } from './window-record';

interface Window {
  hits: number;
  resetAt: number;
}

/**
 * Fixed-window counters in this process's memory: the fallback while Redis is unavailable (limits are
 * then per instance). Same semantics as the Redis store. Expired windows are swept at most once a window,
 * on the request path, so no timer is needed and memory stays bounded by the callers of one window.
 */
export class MemoryWindowStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private nextSweepAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** `ttl` is the window length in ms (the `ThrottlerStorage` convention); `blockDuration` is not used. */
  async increment(key: string, ttl: number, limit: number): Promise<WindowRecord> {
    const now = this.now();
    if (now >= this.nextSweepAt) this.sweep(now, ttl);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { hits: 0, resetAt: now + ttl };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return windowRecord(window.hits, window.resetAt - now, limit);
  }

  get size(): number {
    return this.windows.size;
  }

  clear(): void {
    this.windows.clear();
  }

  private sweep(now: number, ttl: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    this.nextSweepAt = now + ttl;
  }
}
