/** Injection token of the cache module's options (`CacheLibModule.forRoot` / `forRootAsync`). */
export const CACHE_LIB_OPTIONS = Symbol('CACHE_LIB_OPTIONS');

export interface CacheLibOptions {
  /** How often expired Mongo entries are deleted (also once at start). */
  purgeIntervalMs: number;
  /** A Redis read or write slower than this is abandoned: reads fall through to Mongo, writes are skipped. */
  redisTimeoutMs: number;
}

export const DEFAULT_CACHE_LIB_OPTIONS: Readonly<CacheLibOptions> = {
  purgeIntervalMs: 10 * 60 * 1000,
  redisTimeoutMs: 250,
};

/** Namespaces are code-defined names such as `github-profile`; also validated on the admin route. */
export const CACHE_NAMESPACE_PATTERN = /^[a-z][a-z0-9-]{0,40}$/;

export function resolveCacheLibOptions(options: Partial<CacheLibOptions> = {}): CacheLibOptions {
  const resolved = { ...DEFAULT_CACHE_LIB_OPTIONS, ...options };
  for (const name of ['purgeIntervalMs', 'redisTimeoutMs'] as const) {
    if (!Number.isInteger(resolved[name]) || resolved[name] < 1) {
      throw new Error(`cache: ${name} must be a positive integer (got ${resolved[name]})`);
    }
  }
  return resolved;
}
