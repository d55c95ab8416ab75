import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';

import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { ProblemDto } from '../errors/problem.dto';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status!: 'ok';

  @ApiProperty({ description: 'Seconds since the process started', example: 42.5 })
  uptimeSeconds!: number;
}

export class DependencyStatusDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: 'up' | 'down';

  @ApiProperty({ description: 'How long the check took, in milliseconds', example: 1.3 })
  latencyMs!: number;

  @ApiPropertyOptional({ description: 'Why the dependency is down', example: 'redis health check timed out' })
  message?: string;

  @ApiPropertyOptional({ description: 'Server version (detailed check only)', example: '7.0.15' })
  version?: string;

  @ApiPropertyOptional({
    enum: ['mongod', 'ferretdb'],
    description: 'Which MongoDB server answered (mongo, detailed check only)',
  })
  backend?: 'mongod' | 'ferretdb';

  @ApiPropertyOptional({ description: "FerretDB's own version, when FerretDB answered", example: 'v1.24.2' })
  ferretdbVersion?: string;
}

export class DependenciesDto {
  @ApiProperty({ type: DependencyStatusDto })
  mongo!: DependencyStatusDto;

  @ApiProperty({ type: DependencyStatusDto })
  redis!: DependencyStatusDto;
}

export class RateLimiterStatusDto {
  @ApiProperty({
    enum: ['up'],
    example: 'up',
    description: 'Always up: without Redis the limiter counts in memory rather than failing requests',
  })
  status!: 'up';

  @ApiProperty({
    enum: ['redis', 'memory'],
    example: 'redis',
    description: 'Where request counts live: redis (shared by every instance) or memory (this instance only)',
  })
  store!: 'redis' | 'memory';

  @ApiProperty({
    description: 'True while Redis is unavailable and each instance enforces the limits on its own',
    example: false,
  })
  degraded!: boolean;
}

export class DetailedDependenciesDto extends DependenciesDto {
  @ApiPropertyOptional({
    type: DependencyStatusDto,
    description:
      'pdflatex present and a tiny document compiles (checked at most every 30 s); down makes detailed health ' +
      'a 503, readiness does not depend on it',
  })
  latex?: DependencyStatusDto;

  @ApiPropertyOptional({
    type: RateLimiterStatusDto,
    description: 'The rate limiter (when the API rate-limits); reported, never a reason for a 503',
  })
  rateLimiter?: RateLimiterStatusDto;
}

export class ReadinessDto {
  @ApiProperty({
    enum: ['ok'],
    example: 'ok',
    description: 'Always ok in a 200; a failing dependency gives a 503 problem',
  })
  status!: 'ok';

  @ApiProperty({ type: DependenciesDto })
  dependencies!: DependenciesDto;
}

/** The readiness body plus versions, uptime and the rate limiter (not a subclass: `dependencies` is wider). */
export class DetailedHealthDto {
  @ApiProperty({
    enum: ['ok'],
    example: 'ok',
    description: 'Always ok in a 200; a failing dependency gives a 503 problem',
  })
  status!: 'ok';

  @ApiProperty({ type: DetailedDependenciesDto })
  dependencies!: DetailedDependenciesDto;

  @ApiProperty({ description: 'Service version', example: '0.1.0' })
  version!: string;

  @ApiProperty({ description: 'Node.js version', example: 'v20.20.2' })
  node!: string;

  @ApiProperty({ enum: ['development', 'test', 'staging', 'production'] })
  environment!: string;

  @ApiProperty({ description: 'Seconds since the process started', example: 42.5 })
  uptimeSeconds!: number;

  @ApiProperty({ description: 'When the checks ran', example: '2026-11-28T12:00:00.000Z' })
  checkedAt!: string;
}

/** The 503 body: a problem that still lists every dependency and its status. */
export class DependencyProblemDto extends ProblemDto {
  @ApiProperty({ type: DetailedDependenciesDto, description: 'Each dependency; the ones down say why' })
  dependencies!: DetailedDependenciesDto;
}

/** Documents the 503 a readiness check answers when MongoDB or Redis is down. */
export const ApiDependencyProblemResponse = () =>
  applyDecorators(
    ApiExtraModels(DependencyProblemDto),
    ApiResponse({
      status: 503,
      description: 'A dependency is down (`dependency_unavailable`); `dependencies` says which',
      headers: {
        'Retry-After': { description: 'Seconds to wait before checking again', schema: { type: 'integer' } },
      },
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(DependencyProblemDto) } } },
    }),
  );
