import { DomainError } from '@app/core';

export enum CacheErrorCode {
  RedisUnavailable = 'cache_redis_unavailable',
}

export function redisUnavailable(namespace: string, deletedEntries: number, cause: unknown): DomainError {
  return new DomainError({
    status: 503,
    code: CacheErrorCode.RedisUnavailable,
    title: 'Cache Redis unavailable',
    detail:
      `Deleted ${deletedEntries} stored entries of namespace "${namespace}", but Redis could not be cleared; ` +
      'its copies expire with their TTL. Retry to clear them now.',
    headers: { 'Retry-After': '5' },
    cause,
  });
}
