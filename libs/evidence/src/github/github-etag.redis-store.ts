import { createHash } from 'node:crypto';

import { Logger } from '@nestjs/common';
import { type RedisClientType } from '@keyv/redis';
import { withTimeout } from '@app/core';

import { type GithubCachedResponse, GithubEtagStore } from './github-etag.store';

export interface RedisGithubEtagStoreOptions {
  /** Prefix of every key, e.g. `llmployable:gh:etag:v1:16384:`; the request key's hash follows it. */
  readonly keyPrefix: string;
  /** An entry lives this long after it was last read or written (sliding, through GETEX). */
  readonly ttlSeconds: number;
  /** An answer whose JSON is larger than this is not stored (the next request asks without an ETag). */
  readonly maxValueBytes: number;
  /** A Redis command slower than this counts as failed: a read becomes "no ETag", a write is dropped. */
  readonly timeoutMs?: number;
}

/** What the store did since it was created (for tests and diagnostics). */
export interface RedisGithubEtagStoreStats {
  hits: number;
  misses: number;
  writes: number;
  /** Answers not stored because their JSON exceeded `maxValueBytes`. */
  skippedTooLarge: number;
  /** Reads and writes that failed or timed out (each degraded to a miss or a dropped write). */
  errors: number;
}

const DEFAULT_TIMEOUT_MS = 500;
/** While Redis is down every command fails: log at most one warning per this many milliseconds. */
const WARN_INTERVAL_MS = 30_000;

/**
 * ETags in Redis, shared by every API and worker process and kept across restarts, so a user fetched by
 * one instance is revalidated with 304s (no rate limit spent) by all the others. Values are the JSON of
 * the `GithubCachedResponse`, under `keyPrefix` + the SHA-256 of the request key, with a TTL renewed on
 * every read. Redis is an optimisation here and never a dependency: an error or a slow answer is logged
 * (at most every 30 s) and treated as "no ETag" (read) or skipped (write); nothing is thrown.
 */
export class RedisGithubEtagStore extends GithubEtagStore {
  private readonly logger = new Logger(RedisGithubEtagStore.name);
  private readonly timeoutMs: number;
  private lastWarnedAt = 0;
  private readonly counters: RedisGithubEtagStoreStats = {
    hits: 0,
    misses: 0,
    writes: 0,
    skippedTooLarge: 0,
    errors: 0,
  };

  constructor(
    private readonly redis: RedisClientType,
    private readonly options: RedisGithubEtagStoreOptions,
  ) {
    super();
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  get stats(): RedisGithubEtagStoreStats {
    return { ...this.counters };
  }

  /** The Redis key of a request key. */
  redisKey(key: string): string {
    return `${this.options.keyPrefix}${createHash('sha256').update(key).digest('base64url')}`;
  }

  async get(key: string): Promise<GithubCachedResponse | undefined> {
    if (!this.redis.isReady) return this.failed('read', new Error('Redis is not connected'));
    let raw: string | null;
    try {
      raw = await withTimeout(
        this.redis.getEx(this.redisKey(key), { type: 'EX', value: this.options.ttlSeconds }),
        this.timeoutMs,
        'GitHub ETag read',
      );
    } catch (error) {
      return this.failed('read', error);
    }
    const entry = raw === null ? undefined : parseEntry(raw);
    if (!entry) return this.miss();
    this.counters.hits++;
    return entry;
  }

  async set(key: string, entry: GithubCachedResponse): Promise<void> {
    const json = JSON.stringify(entry);
    if (Buffer.byteLength(json, 'utf8') > this.options.maxValueBytes) {
      this.counters.skippedTooLarge++;
      this.logger.debug(`GitHub answer of ${json.length} characters not kept for conditional requests`);
      return;
    }
    if (!this.redis.isReady) {
      this.failed('write', new Error('Redis is not connected'));
      return;
    }
    try {
      await withTimeout(
        this.redis.set(this.redisKey(key), json, {
          expiration: { type: 'EX', value: this.options.ttlSeconds },
        }),
        this.timeoutMs,
        'GitHub ETag write',
      );
      this.counters.writes++;
    } catch (error) {
      this.failed('write', error);
    }
  }

  private miss(): undefined {
    this.counters.misses++;
    return undefined;
  }

  private failed(what: 'read' | 'write', error: unknown): undefined {
    this.counters.errors++;
    if (what === 'read') this.counters.misses++;
    const now = Date.now();
    if (now - this.lastWarnedAt >= WARN_INTERVAL_MS) {
      this.lastWarnedAt = now;
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        `GitHub ETag store (Redis) ${what} failed, going on without it: ${message}` +
          (what === 'read' ? ' (GitHub is asked unconditionally)' : ''),
      );
    }
    return undefined;
  }
}

/** A stored entry, or undefined when the value is not one (another writer, a format change). */
function parseEntry(raw: string): GithubCachedResponse | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const entry = parsed as Partial<GithubCachedResponse> | null;
  if (
    !entry ||
    typeof entry !== 'object' ||
    typeof entry.etag !== 'string' ||
    typeof entry.storedAt !== 'number' ||
    !('value' in entry) ||
    (entry.link !== undefined && typeof entry.link !== 'string')
  ) {
    return undefined;
  }
  return entry as GithubCachedResponse;
}
