import { Injectable } from '@nestjs/common';
import { Clock } from '@app/core';

import { CacheEntryRepository } from './cache-entry.repository';
import { type CacheNamespaceDeletedDto, type CacheNamespaceStatsDto, type CacheStatsDto } from './cache.dto';
import { redisUnavailable } from './cache.errors';
import { LayeredCache } from './layered-cache.service';

/** The admin side of the cache: stats and namespace invalidation. */
@Injectable()
export class CacheService {
  constructor(
    private readonly repository: CacheEntryRepository,
    private readonly cache: LayeredCache,
    private readonly clock: Clock,
  ) {}

  async stats(): Promise<CacheStatsDto> {
    const now = this.clock.now();
    const stored = await this.repository.statsByNamespace(now);
    const counters = this.cache.countersByNamespace();
    const ageSeconds = (date: Date) => Math.max(0, Math.floor((now.getTime() - date.getTime()) / 1000));
    const byNamespace = new Map<string, CacheNamespaceStatsDto>();
    for (const s of stored) {
      byNamespace.set(s.namespace, {
        namespace: s.namespace,
        entries: s.entries,
        hits: 0,
        misses: 0,
        oldestAgeSeconds: ageSeconds(s.oldestCreatedAt),
        newestAgeSeconds: ageSeconds(s.newestCreatedAt),
      });
    }
    for (const [namespace, { hits, misses }] of counters) {
      const item = byNamespace.get(namespace) ?? {
        namespace,
        entries: 0,
        hits: 0,
        misses: 0,
        oldestAgeSeconds: null,
        newestAgeSeconds: null,
      };
      item.hits = hits;
      item.misses = misses;
      byNamespace.set(namespace, item);
    }
    const namespaces = [...byNamespace.values()].sort((a, b) => a.namespace.localeCompare(b.namespace));
    return { namespaces };
  }

  async deleteNamespace(namespace: string): Promise<CacheNamespaceDeletedDto> {
    const deletedEntries = await this.repository.deleteNamespace(namespace);
    let deletedRedisKeys: number;
    try {
      deletedRedisKeys = await this.cache.evictRedisNamespace(namespace);
    } catch (error) {
      throw redisUnavailable(namespace, deletedEntries, error);
    }
    return { namespace, deletedEntries, deletedRedisKeys };
  }
}
