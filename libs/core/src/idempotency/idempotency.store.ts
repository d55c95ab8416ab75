import { randomUUID } from 'node:crypto';

import { type RedisClientType } from '@keyv/redis';

import {
  IDEMPOTENCY_LOCK_TTL_MS,
  IDEMPOTENCY_RESPONSE_TTL_SECONDS,
  type IdempotencyRecord,
  type StoredResponse,
  parseIdempotencyRecord,
} from './idempotency';

/** What a request with an Idempotency-Key does next. */
export type IdempotencyBegin =
  /** First of its kind: run it; `lock` is the pending record to hand back to `complete`. */
  | { readonly kind: 'acquired'; readonly lock: string }
  /** Done before with the same request: send this again. */
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  /** The key was used for a different request. */
  | { readonly kind: 'mismatch' }
  /** The same request is still running. */
  | { readonly kind: 'in_progress' };

/**
 * Ends a request that held the key, only if it still does (its lock did not expire and get taken by a
 * retry): ARGV[2] empty → release the key (DEL), else keep the response (SET ... EX ARGV[3]).
 */
const COMPLETE_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then return redis.call('DEL', KEYS[1]) end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1
`;

export interface IdempotencyStoreOptions {
  lockTtlMs?: number;
  responseTtlSeconds?: number;
}

/**
 * One record per (API key, Idempotency-Key) in Redis: `pending` (a lock, SET NX with a short TTL) while
 * the first request runs, then `done` with its response for 24 h, or deleted when the response is not
 * kept (so a retry runs again). Commands fail fast while Redis is away; callers decide what that means.
 */
export class IdempotencyStore {
  private readonly lockTtlMs: number;
  private readonly responseTtlSeconds: number;

  constructor(
    private readonly client: RedisClientType,
    options: IdempotencyStoreOptions = {},
  ) {
    this.lockTtlMs = options.lockTtlMs ?? IDEMPOTENCY_LOCK_TTL_MS;
    this.responseTtlSeconds = options.responseTtlSeconds ?? IDEMPOTENCY_RESPONSE_TTL_SECONDS;
  }

  get ready(): boolean {
    return this.client.isReady;
  }

  async begin(key: string, fingerprint: string): Promise<IdempotencyBegin> {
    const pending: IdempotencyRecord = { state: 'pending', fingerprint, token: randomUUID() };
    const lock = JSON.stringify(pending);
    // Twice at most: a record that expires between the SET and the GET is simply gone.
    for (let attempt = 0; attempt < 2; attempt++) {
      const set = await this.client.set(key, lock, {
        condition: 'NX',
        expiration: { type: 'PX', value: this.lockTtlMs },
      });
      if (set === 'OK') return { kind: 'acquired', lock };
      const existing = parseIdempotencyRecord(await this.client.get(key));
      if (!existing) continue;
      if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
      return existing.state === 'done'
        ? { kind: 'replay', response: existing.response }
        : { kind: 'in_progress' };
    }
    return { kind: 'in_progress' };
  }

  /** Keeps `response` for replay, or (undefined) releases the key; a no-op when the lock is no longer ours. */
  async complete(key: string, lock: string, response: StoredResponse | undefined): Promise<boolean> {
    const pending = parseIdempotencyRecord(lock);
    const done: IdempotencyRecord | undefined =
      response && pending ? { state: 'done', fingerprint: pending.fingerprint, response } : undefined;
    const result = await this.client.eval(COMPLETE_SCRIPT, {
      keys: [key],
      arguments: [lock, done ? JSON.stringify(done) : '', String(this.responseTtlSeconds)],
    });
    return Number(result) === 1;
  }
}
