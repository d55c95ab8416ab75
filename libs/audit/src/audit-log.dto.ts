import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPageMetaDto } from '@app/core';

export class AuditActorDto {
  @ApiPropertyOptional({
    description: 'The user the API key belongs to',
    example: '665f1c2e9b1d8a3f4c2e1a0b',
  })
  userId?: string;

  @ApiPropertyOptional({
    description: 'The visible prefix of the API key used',
    example: 'llm_live_ab12cd34',
  })
  keyPrefix?: string;

  @ApiPropertyOptional({ enum: ['admin', 'user'], description: 'The user’s role at the time' })
  role?: 'admin' | 'user';
}

export class AuditResourceDto {
  @ApiProperty({ description: 'Resource type', example: 'api_key' })
  type!: string;

  @ApiPropertyOptional({ description: 'Resource id, when known', example: '665f1c2e9b1d8a3f4c2e1a0b' })
  id?: string;
}

export class AuditFieldChangeDto {
  @ApiProperty({ description: 'Dotted path of a field the request set', example: 'profile.headline' })
  field!: string;

  @ApiPropertyOptional({
    description: 'The value, only for small scalar fields that are not secret',
    // OpenAPI 3.0 has no `null` type: null is allowed through the first branch.
    oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }],
    example: 'Backend engineer',
  })
  value?: string | number | boolean | null;

  @ApiPropertyOptional({
    description: 'True when the value was withheld because it looks secret',
    example: true,
  })
  redacted?: boolean;

  @ApiPropertyOptional({
    description: 'Instead of the value: a long string’s length, an array’s items, a deep object’s keys',
    example: 3,
  })
  size?: number;
}

export class AuditChangesDto {
  @ApiProperty({ type: [AuditFieldChangeDto], description: 'The fields the request set (at most 50)' })
  fields!: AuditFieldChangeDto[];

  @ApiPropertyOptional({
    description: 'Request body size in bytes, when the client sent Content-Length',
    example: 84,
  })
  bodyBytes?: number;

  @ApiProperty({ description: 'True when fields were left out (too many, or a large body)', example: false })
  truncated!: boolean;
}

/** One audited request. */
export class AuditLogDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' })
  id!: string;

  @ApiProperty({ format: 'date-time', example: '2026-01-15T10:30:00.000Z' })
  createdAt!: string;

  @ApiProperty({ type: AuditActorDto, description: 'Who; empty when no valid API key was presented' })
  actor!: AuditActorDto;

  @ApiProperty({
    description: 'A declared action (`api_key.rotate`) or the method and route pattern',
    example: 'POST /api/v1/api-keys/:id/revoke',
  })
  action!: string;

  @ApiProperty({ type: AuditResourceDto })
  resource!: AuditResourceDto;

  @ApiProperty({ description: 'The request id (X-Request-Id)', example: 'a1b2c3d4' })
  requestId!: string;

  @ApiProperty({ example: '203.0.113.7' })
  ip!: string;

  @ApiPropertyOptional({ description: 'User-Agent, cut to 256 characters', example: 'llmployable-cli/1.2' })
  userAgent?: string;

  @ApiProperty({ enum: ['POST', 'PUT', 'PATCH', 'DELETE'], example: 'POST' })
  method!: string;

  @ApiProperty({ description: 'Route pattern', example: '/api/v1/api-keys/:id/revoke' })
  route!: string;

  @ApiProperty({
    description: 'Concrete path, without the query string',
    example: '/api/v1/api-keys/665f…/revoke',
  })
  path!: string;

  @ApiProperty({ description: 'HTTP status of the response', example: 200 })
  status!: number;

  @ApiProperty({ description: 'Time to respond, in milliseconds', example: 12 })
  durationMs!: number;

  @ApiPropertyOptional({
    type: AuditChangesDto,
    description: 'What the request body set; absent without a body',
  })
  changes?: AuditChangesDto;
}

/** A page of audit entries, newest first. */
export class AuditLogPageDto extends CursorPageMetaDto {
  @ApiProperty({ type: [AuditLogDto] })
  items!: AuditLogDto[];
}
