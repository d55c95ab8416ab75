import { describe, expect, it } from 'vitest';

import { CACHE_NAMESPACE_PATTERN, DEFAULT_CACHE_LIB_OPTIONS, resolveCacheLibOptions } from './cache.options';

describe('cache options', () => {
  it('defaults every option and keeps the given ones', () => {
    expect(resolveCacheLibOptions()).toEqual(DEFAULT_CACHE_LIB_OPTIONS);
    expect(resolveCacheLibOptions({ purgeIntervalMs: 1000 })).toEqual({
      ...DEFAULT_CACHE_LIB_OPTIONS,
      purgeIntervalMs: 1000,
    });
  });

  it('refuses non-positive or fractional values, naming the option', () => {
    expect(() => resolveCacheLibOptions({ purgeIntervalMs: 0 })).toThrow(/purgeIntervalMs/);
    expect(() => resolveCacheLibOptions({ redisTimeoutMs: 1.5 })).toThrow(/redisTimeoutMs/);
  });

  it('accepts code-defined namespace names only', () => {
    for (const ok of ['a', 'github-profile', 'job-analysis-v2', `a${'b'.repeat(40)}`]) {
      expect(CACHE_NAMESPACE_PATTERN.test(ok), ok).toBe(true);
    }
    for (const bad of ['', 'A', '1a', '-a', 'a_b', 'a:b', 'a*', `a${'b'.repeat(41)}`]) {
      expect(CACHE_NAMESPACE_PATTERN.test(bad), bad).toBe(false);
    }
  });
});
