import { Body, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
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
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { ListUsersQueryDto, UserDto, UserPageDto } from './dto/user.dto';
import { UsersService } from './users.service';

/** Admin routes: users across the service, and API keys issued to them. */
@ApiV1Controller('users', 'users')
@RequireScopes('admin')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a user (admin)' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblemResponse(409, 'The email is already in use (`email_taken`)')
  create(@Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'List users, newest first (admin)' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQueryDto): Promise<CursorPage<UserDto>> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a user (admin)' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblemResponse(404, 'No such user (`user_not_found`)')
  get(@Param('id') id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Update a user's name, role, profile or preferences (admin)" })
  @ApiOkResponse({ type: UserDto })
  @ApiProblemResponse(404, 'No such user (`user_not_found`)')
  @ApiProblemResponse(409, 'Would demote the last active admin (`last_admin`)')
  update(@Param('id') id: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    return this.users.update(id, body);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate a user: their keys stop working at once; nothing is deleted (admin)' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblemResponse(404, 'No such user (`user_not_found`)')
  @ApiProblemResponse(409, 'The last active admin cannot be deactivated (`last_admin`)')
  deactivate(@Param('id') id: string): Promise<UserDto> {
    return this.users.deactivate(id);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a user; keys that are not revoked or expired work again (admin)' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblemResponse(404, 'No such user (`user_not_found`)')
  reactivate(@Param('id') id: string): Promise<UserDto> {
    return this.users.reactivate(id);
  }

  @Post(':id/api-keys')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Issue an API key to a user; the secret is in this response only (admin)' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiProblemResponse(404, 'No such user (`user_not_found`)')
  createKey(
    @CurrentPrincipal() caller: Principal,
    @Param('id') id: string,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(caller, id, body);
  }

  @Get(':id/api-keys')
  @ApiOperation({ summary: "List a user's API keys (admin)" })
  @ApiOkResponse({ type: ApiKeyPageDto })
  listKeys(@Param('id') id: string, @Query() query: ListApiKeysQueryDto): Promise<CursorPage<ApiKeyDto>> {
    return this.apiKeys.list(id, query);
  }

  @Post(':id/api-keys/:keyId/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: "Revoke one of a user's API keys (admin)" })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiProblemResponse(404, 'No such API key for this user (`api_key_not_found`)')
  revokeKey(
    @CurrentPrincipal() caller: Principal,
    @Param('id') id: string,
    @Param('keyId') keyId: string,
  ): Promise<ApiKeyDto> {
    return this.apiKeys.revoke(caller, id, keyId);
  }
}
