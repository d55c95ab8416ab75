import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CursorPageQueryDto } from '@app/core';

/** Filters of `GET /api/v1/users/me/audit-logs` (the caller's own entries) and a cursor page. */
export class MyAuditLogQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({
    description:
      'Only this action: a declared one (`api_key.rotate`) or a derived one (`POST /api/v1/api-keys`)',
    example: 'POST /api/v1/api-keys',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  action?: string;

  @ApiPropertyOptional({
    description: 'Only this resource type',
    example: 'api_key',
    pattern: '^[a-z0-9_]{1,64}$',
  })
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,64}$/, { message: 'resourceType must be 1-64 lower-case letters, digits or "_"' })
  resourceType?: string;

  @ApiPropertyOptional({
    description: 'Only this resource id',
    example: '665f1c2e9b1d8a3f4c2e1a0b',
    maxLength: 128,
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  resourceId?: string;

  @ApiPropertyOptional({
    description: 'Only this response status (`404`) or status class (`4xx`)',
    example: '4xx',
    pattern: '^(?:[1-5][0-9]{2}|[1-5]xx)$',
  })
  @IsOptional()
  @Matches(/^(?:[1-5][0-9]{2}|[1-5]xx)$/, {
    message: 'status must be a status code like 404 or a class like 4xx',
  })
  status?: string;

  @ApiPropertyOptional({
    description: 'Only entries at or after this instant (ISO 8601)',
    example: '2026-01-01T00:00:00Z',
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from?: string;

  @ApiPropertyOptional({
    description: 'Only entries before this instant (ISO 8601)',
    example: '2026-02-01T00:00:00Z',
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;
}

/** Filters of `GET /api/v1/audit-logs` (admins: every user's entries) and a cursor page. */
export class AuditLogQueryDto extends MyAuditLogQueryDto {
  @ApiPropertyOptional({
    description: 'Only entries by this user',
    example: '665f1c2e9b1d8a3f4c2e1a0b',
    maxLength: 64,
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'actorUserId must be a user id' })
  actorUserId?: string;

  @ApiPropertyOptional({
    description: 'Only entries made with this API key (its prefix)',
    example: 'llm_live_ab12cd34',
  })
  @IsOptional()
  @Matches(/^llm_(?:live|test)_[0-9a-f]{8}$/, {
    message: 'actorKeyPrefix must be an API key prefix like llm_live_ab12cd34',
  })
  actorKeyPrefix?: string;
}
