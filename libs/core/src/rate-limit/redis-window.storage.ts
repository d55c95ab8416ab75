import { type ThrottlerStorage } from '@nestjs/throttler';
import { type Redis, type Result } from 'ioredis';

import { type WindowRecord, windowRecord } from './window-record';

/**
 * One round trip per hit: count it and return the count with the window's remaining milliseconds. The
 * window starts with the first hit (PEXPIRE); a key that somehow lost its expiry gets one again.
 */
const HIT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { hits, ttl }
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    rateLimitHit(key: string, windowMs: number): Result<[number, number], Context>;
  }
}

/** Whether the shared store can be asked now, and a way to hear when that changes. */
export interface SharedWindowStorage extends ThrottlerStorage {
  /** Connected and ready: worth trying (when false a command would fail at once anyway). */
  readonly ready: boolean;
  /** Called with `true` when the connection becomes ready, `false` (and why) when it closes. */
  onAvailability(listener: (available: boolean, reason: string) => void): void;
}

/**
 * Fixed-window counters in Redis, shared by every API instance. The script is sent once and then run
 * by its SHA (ioredis `defineCommand`). The client fails fast while Redis is away (see `createRateLimitRedis`).
 */
export class RedisWindowStorage implements SharedWindowStorage {
  constructor(private readonly client: Redis) {
    client.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  }

  get ready(): boolean {
    return this.client.status === 'ready';
  }

  onAvailability(listener: (available: boolean, reason: string) => void): void {
    this.client.on('ready', () => listener(true, 'connection ready'));
    this.client.on('close', () => listener(false, 'connection closed'));
  }

  /** `ttl` is the window length in ms (the `ThrottlerStorage` convention); `blockDuration` is not used. */
  async increment(key: string, ttl: number, limit: number): Promise<WindowRecord> {
    const [hits, msLeft] = await this.client.rateLimitHit(key, ttl);
    return windowRecord(hits, msLeft, limit);
  }
}
