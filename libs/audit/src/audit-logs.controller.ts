import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  ApiProblemResponse,
  ApiV1Controller,
  CurrentPrincipal,
  type Principal,
  RequireScopes,
} from '@app/core';

import { AuditLogQueryDto, MyAuditLogQueryDto } from './audit-log-query.dto';
import { AuditLogPageDto } from './audit-log.dto';
import { AuditService } from './audit.service';

/** `GET /api/v1/audit-logs`: every user's audit entries, for admins. */
@ApiV1Controller('audit-logs', 'audit')
export class AuditLogsController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequireScopes('admin')
  @ApiOperation({
    summary: 'List audit log entries of every user, newest first (admin scope)',
    description:
      'Every mutating request (POST, PUT, PATCH, DELETE) is recorded: who (user and key prefix), what ' +
      '(action, resource), the outcome status and duration, and which fields it set (no secrets, no payloads). ' +
      'Entries appear within about a second (they are written in batches).',
  })
  @ApiOkResponse({ type: AuditLogPageDto, description: 'A page of audit entries, newest first' })
  @ApiProblemResponse(400, 'A filter is invalid')
  @ApiProblemResponse(401, 'Missing or invalid API key')
  @ApiProblemResponse(403, 'The API key lacks the admin scope')
  list(@Query() query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    return this.audit.list(query);
  }
}

/** `GET /api/v1/users/me/audit-logs`: the caller's own audit entries. */
@ApiV1Controller('users/me/audit-logs', 'audit')
export class MyAuditLogsController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary: 'List your own audit log entries, newest first',
    description: 'The mutating requests made with any of your API keys. Any valid key may read them.',
  })
  @ApiOkResponse({ type: AuditLogPageDto, description: 'A page of audit entries, newest first' })
  @ApiProblemResponse(400, 'A filter is invalid')
  @ApiProblemResponse(401, 'Missing or invalid API key')
  @ApiProblemResponse(403, 'Forbidden')
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: MyAuditLogQueryDto,
  ): Promise<AuditLogPageDto> {
    return this.audit.listMine(principal, query);
  }
}
