import { Inject, Injectable, Optional } from '@nestjs/common';
import { type RedisClientType } from '@keyv/redis';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig, Clock, REDIS_CLIENT, withTimeout } from '@app/core';

import { CacheEntryRepository } from './cache-entry.repository';
import {
  CACHE_LIB_OPTIONS,
  CACHE_NAMESPACE_PATTERN,
  type CacheLibOptions,
  resolveCacheLibOptions,
} from './cache.options';

export type CacheSource = 'redis' | 'mongo' | 'origin';

export interface GetOrLoadOptions {
  /** How long a loaded value stays cached (both layers). */
  ttlMs: number;
  /** Skip both cache reads, call the loader and store its value (still coalesced with concurrent refreshes). */
  refresh?: boolean;
}

export interface CacheResult<T> {
  value: T;
  /** Where the value came from: a cache layer, or the loader (`origin`). */
  source: CacheSource;
  /** How old the value is (0 right after loading). */
  ageMs: number;
  /** When the value was loaded from the origin. */
  cachedAt: Date;
}

/** Hits and misses of one namespace since the process started. */
export interface CacheCounters {
  hits: number;
  misses: number;
}

/** What `invalidateNamespace` removed. */
export interface NamespaceInvalidation {
  deletedEntries: number;
  deletedRedisKeys: number;
}

/** The Redis value: the JSON text of the value and when it was loaded (ms since epoch). */
interface RedisEnvelope {
  v: string;
  c: number;
}

interface Lookup {
  value: unknown;
  source: CacheSource;
  cachedAt: Date;
}

const SCAN_BATCH = 500;

/**
 * A two-layer read-through cache: Redis (fast, shared, may be away) in front of the Mongo collection
 * `cache_entries` (durable), in front of the origin (the loader). Values must survive `JSON.stringify`:
 * every caller receives the JSON round trip, whichever layer answered (a Date comes back as a string).
 *
 * Concurrent calls for one (namespace, key) in this process share one lookup and at most one loader
 * call; a loader error reaches every waiter and is not cached. Redis errors and timeouts are logged and
 * fall through to Mongo; Mongo errors are logged and fall through to the loader (serving from the origin
 * beats failing; coalescing keeps that to one loader call per key and process). Write-back errors are
 * logged and the loaded value is still returned.
 */
@Injectable()
export class LayeredCache {
  private readonly inFlight = new Map<string, Promise<Lookup>>();
  private readonly counters = new Map<string, CacheCounters>();
  private readonly options: CacheLibOptions;

  constructor(
    private readonly repository: CacheEntryRepository,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClientType,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectPinoLogger(LayeredCache.name) private readonly logger: PinoLogger,
    @Optional() @Inject(CACHE_LIB_OPTIONS) options?: Partial<CacheLibOptions>,
  ) {
    this.options = resolveCacheLibOptions(options);
  }

  async getOrLoad<T>(
    namespace: string,
    key: string,
    loader: () => Promise<T>,
    options: GetOrLoadOptions,
  ): Promise<CacheResult<T>> {
    assertNamespace(namespace);
    if (key.length === 0) throw new Error('cache: key must not be empty');
    if (!Number.isInteger(options.ttlMs) || options.ttlMs < 1) {
      throw new Error(`cache: ttlMs must be a positive integer (got ${options.ttlMs})`);
    }
    const refresh = options.refresh === true;
    const flightKey = `${refresh ? 'r' : 'g'}\u0000${namespace}\u0000${key}`;
    let lookup = this.inFlight.get(flightKey);
    if (!lookup) {
      lookup = this.lookup(namespace, key, loader, options.ttlMs, refresh).finally(() => {
        this.inFlight.delete(flightKey);
      });
      this.inFlight.set(flightKey, lookup);
    }
    const counters = this.countersOf(namespace);
    let found: Lookup;
    try {
      found = await lookup;
    } catch (error) {
      counters.misses++;
      throw error;
    }
    if (found.source === 'origin') counters.misses++;
    else counters.hits++;
    return {
      value: found.value as T,
      source: found.source,
      cachedAt: found.cachedAt,
      ageMs: Math.max(0, this.clock.now().getTime() - found.cachedAt.getTime()),
    };
  }

  /** Removes one key from both layers. */
  async invalidate(namespace: string, key: string): Promise<void> {
    assertNamespace(namespace);
    await this.repository.delete(namespace, key);
    await this.redis.unlink(this.redisKey(namespace, key));
  }

  /** Removes every entry of a namespace from both layers (Mongo first); throws when Redis fails. */
  async invalidateNamespace(namespace: string): Promise<NamespaceInvalidation> {
    assertNamespace(namespace);
    const deletedEntries = await this.repository.deleteNamespace(namespace);
    const deletedRedisKeys = await this.evictRedisNamespace(namespace);
    return { deletedEntries, deletedRedisKeys };
  }

  /** Deletes a namespace's Redis keys: found with SCAN (never KEYS), UNLINKed in batches. Returns how many. */
  async evictRedisNamespace(namespace: string): Promise<number> {
    assertNamespace(namespace);
    let deleted = 0;
    const match = `${escapeGlob(this.config.redis.keyPrefix)}:c:${namespace}:*`;
    for await (const keys of this.redis.scanIterator({ MATCH: match, COUNT: SCAN_BATCH })) {
      if (keys.length > 0) deleted += await this.redis.unlink(keys);
    }
    return deleted;
  }

  /** Hits and misses per namespace since start (a copy). */
  countersByNamespace(): Map<string, CacheCounters> {
    return new Map([...this.counters].map(([namespace, c]) => [namespace, { ...c }]));
  }

  /** The Redis key of an entry. */
  redisKey(namespace: string, key: string): string {
    return `${this.config.redis.keyPrefix}:c:${namespace}:${key}`;
  }

  private async lookup(
    namespace: string,
    key: string,
    loader: () => Promise<unknown>,
    ttlMs: number,
    refresh: boolean,
  ): Promise<Lookup> {
    if (!refresh) {
      const fromRedis = await this.readRedis(namespace, key);
      if (fromRedis) return fromRedis;
      const entry = await this.readMongo(namespace, key);
      const parsed = entry && parseJson(entry.value);
      if (entry && parsed) {
        const remainingMs = entry.expiresAt.getTime() - this.clock.now().getTime();
        await this.writeRedis(namespace, key, entry.value, entry.createdAt, remainingMs);
        return { value: parsed.value, source: 'mongo', cachedAt: entry.createdAt };
      }
    }
    const loaded = await loader();
    const json = JSON.stringify(loaded) ?? 'null';
    const cachedAt = this.clock.now();
    try {
      await this.repository.set(namespace, key, json, ttlMs, cachedAt);
    } catch (error) {
      this.logger.warn({ err: error, namespace }, 'cache: mongo write failed; value served uncached');
    }
    await this.writeRedis(namespace, key, json, cachedAt, ttlMs);
    return { value: JSON.parse(json) as unknown, source: 'origin', cachedAt };
  }

  private async readMongo(namespace: string, key: string) {
    try {
      return await this.repository.get(namespace, key, this.clock.now());
    } catch (error) {
      this.logger.warn({ err: error, namespace }, 'cache: mongo read failed; loading from the origin');
      return undefined;
    }
  }

  private async readRedis(namespace: string, key: string): Promise<Lookup | undefined> {
    if (!this.redis.isReady) return undefined;
    try {
      const raw = await withTimeout(
        this.redis.get(this.redisKey(namespace, key)),
        this.options.redisTimeoutMs,
        'cache redis read',
      );
      if (raw === null || raw === undefined) return undefined;
      const envelope = parseJson(String(raw))?.value as RedisEnvelope | undefined;
      if (typeof envelope?.v !== 'string' || typeof envelope.c !== 'number') return undefined;
      const parsed = parseJson(envelope.v);
      if (!parsed) return undefined;
      return { value: parsed.value, source: 'redis', cachedAt: new Date(envelope.c) };
    } catch (error) {
      this.logger.warn({ err: error, namespace }, 'cache: redis read failed; falling back to mongo');
      return undefined;
    }
  }

  private async writeRedis(
    namespace: string,
    key: string,
    json: string,
    cachedAt: Date,
    ttlMs: number,
  ): Promise<void> {
    if (!this.redis.isReady || ttlMs < 1) return;
    const envelope: RedisEnvelope = { v: json, c: cachedAt.getTime() };
    try {
      await withTimeout(
        this.redis.set(this.redisKey(namespace, key), JSON.stringify(envelope), {
          expiration: { type: 'PX', value: Math.ceil(ttlMs) },
        }),
        this.options.redisTimeoutMs,
        'cache redis write',
      );
    } catch (error) {
      this.logger.warn({ err: error, namespace }, 'cache: redis write failed');
    }
  }

  private countersOf(namespace: string): CacheCounters {
    let counters = this.counters.get(namespace);
    if (!counters) {
      counters = { hits: 0, misses: 0 };
      this.counters.set(namespace, counters);
    }
    return counters;
  }
}

function assertNamespace(namespace: string): void {
  if (!CACHE_NAMESPACE_PATTERN.test(namespace)) {
    throw new Error(`cache: invalid namespace "${namespace}" (must match ${CACHE_NAMESPACE_PATTERN})`);
  }
}

/** The parsed JSON, or undefined when the text is not JSON (a corrupt entry is a miss). */
function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** Escapes Redis glob metacharacters so a key prefix matches literally. */
function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]^-]/g, (c) => `\\${c}`);
}
