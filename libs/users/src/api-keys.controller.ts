import { Body, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  ApiProblemResponse,
  ApiV1Controller,
  type CursorPage,
  CurrentPrincipal,
  type Principal,
  RequireScopes,
} from '@app/core';

import { ApiKeysService } from './api-keys.service';
import {
  ApiKeyDto,
  ApiKeyPageDto,
  CreateApiKeyDto,
  CreatedApiKeyDto,
  ListApiKeysQueryDto,
} from './dto/api-key.dto';

/** The caller's own API keys. */
@ApiV1Controller('api-keys', 'api-keys')
@RequireScopes('keys:manage')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Create an API key; the secret is in this response only' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiProblemResponse(403, 'A requested scope is not yours to grant (`scope_not_grantable`)')
  @ApiProblemResponse(409, 'Too many active keys (`too_many_api_keys`)')
  create(@CurrentPrincipal() caller: Principal, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(caller, caller.userId, body);
  }

  @Get()
  @ApiOperation({ summary: 'List your API keys, newest first' })
  @ApiOkResponse({ type: ApiKeyPageDto })
  list(
    @CurrentPrincipal() caller: Principal,
    @Query() query: ListApiKeysQueryDto,
  ): Promise<CursorPage<ApiKeyDto>> {
    return this.apiKeys.list(caller.userId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one of your API keys (never its secret)' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiProblemResponse(404, 'No such API key (`api_key_not_found`)')
  get(@CurrentPrincipal() caller: Principal, @Param('id') id: string): Promise<ApiKeyDto> {
    return this.apiKeys.get(caller.userId, id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API key: it stops working at once (idempotent)' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiProblemResponse(404, 'No such API key (`api_key_not_found`)')
  revoke(@CurrentPrincipal() caller: Principal, @Param('id') id: string): Promise<ApiKeyDto> {
    return this.apiKeys.revoke(caller, caller.userId, id);
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Rotate an API key: a new secret in this response; the old one stops working at once',
  })
  @ApiOkResponse({ type: CreatedApiKeyDto })
  @ApiProblemResponse(404, 'No such API key (`api_key_not_found`)')
  @ApiProblemResponse(409, 'The key is revoked or expired (`api_key_revoked`)')
  rotate(@CurrentPrincipal() caller: Principal, @Param('id') id: string): Promise<CreatedApiKeyDto> {
    return this.apiKeys.rotate(caller, caller.userId, id);
  }
}
