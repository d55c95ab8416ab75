import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

import { CACHE_NAMESPACE_PATTERN } from './cache.options';

export class CacheNamespaceParamsDto {
  @ApiProperty({ pattern: CACHE_NAMESPACE_PATTERN.source, example: 'github-profile' })
  @Matches(CACHE_NAMESPACE_PATTERN, {
    message: 'namespace must be a lowercase letter followed by up to 40 lowercase letters, digits or dashes',
  })
  namespace!: string;
}

export class CacheNamespaceStatsDto {
  @ApiProperty({ example: 'github-profile' })
  namespace!: string;

  @ApiProperty({ description: 'Unexpired entries stored in MongoDB', example: 12 })
  entries!: number;

  @ApiProperty({ description: 'Reads answered by Redis or MongoDB since this instance started', example: 40 })
  hits!: number;

  @ApiProperty({ description: 'Reads that went to the origin since this instance started', example: 12 })
  misses!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Age of the oldest unexpired entry, in whole seconds; null without entries',
    example: 3540,
  })
  oldestAgeSeconds!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Age of the newest unexpired entry, in whole seconds; null without entries',
    example: 12,
  })
  newestAgeSeconds!: number | null;
}

export class CacheStatsDto {
  @ApiProperty({
    type: [CacheNamespaceStatsDto],
    description: 'One item per namespace with stored entries or counted reads, sorted by namespace',
  })
  namespaces!: CacheNamespaceStatsDto[];
}

export class CacheNamespaceDeletedDto {
  @ApiProperty({ example: 'github-profile' })
  namespace!: string;

  @ApiProperty({ description: 'Entries deleted from MongoDB (expired or not)', example: 12 })
  deletedEntries!: number;

  @ApiProperty({ description: 'Keys deleted from Redis', example: 10 })
  deletedRedisKeys!: number;
}
