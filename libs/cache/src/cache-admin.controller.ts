import { Delete, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblemResponse, ApiV1Controller, RequireScopes } from '@app/core';

import { CacheNamespaceDeletedDto, CacheNamespaceParamsDto, CacheStatsDto } from './cache.dto';
import { CacheService } from './cache.service';

/** `/api/v1/cache`: cache statistics and namespace invalidation, for admins. */
@ApiV1Controller('cache', 'cache')
export class CacheAdminController {
  constructor(private readonly cache: CacheService) {}

  @Get('stats')
  @RequireScopes('admin')
  @ApiOperation({
    summary: 'Cache statistics per namespace (admin scope)',
    description:
      'Per namespace: unexpired entries stored in MongoDB with the age of the oldest and newest, and the hits ' +
      '(answered by Redis or MongoDB) and misses (loaded from the origin) counted by this instance since it started.',
  })
  @ApiOkResponse({ type: CacheStatsDto, description: 'Statistics per namespace, sorted by namespace' })
  @ApiProblemResponse(401, 'Missing or invalid API key')
  @ApiProblemResponse(403, 'The API key lacks the admin scope')
  stats(): Promise<CacheStatsDto> {
    return this.cache.stats();
  }

  @Delete(':namespace')
  @RequireScopes('admin')
  @ApiOperation({
    summary: 'Delete every cached entry of a namespace (admin scope)',
    description:
      'Deletes the namespace from MongoDB and Redis; the next read of any of its keys goes to the origin. ' +
      'Deleting an empty or unknown namespace succeeds with zero counts.',
  })
  @ApiOkResponse({ type: CacheNamespaceDeletedDto, description: 'What was deleted' })
  @ApiProblemResponse(400, 'The namespace is not a valid name')
  @ApiProblemResponse(401, 'Missing or invalid API key')
  @ApiProblemResponse(403, 'The API key lacks the admin scope')
  @ApiProblemResponse(503, 'Redis could not be cleared (MongoDB entries were deleted); retry')
  deleteNamespace(@Param() params: CacheNamespaceParamsDto): Promise<CacheNamespaceDeletedDto> {
    return this.cache.deleteNamespace(params.namespace);
  }
}
