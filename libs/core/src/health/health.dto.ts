import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

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

export class DetailedHealthDto extends ReadinessDto {
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
