import { Body, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller, CurrentPrincipal, type Principal, RequireScopes } from '@app/core';

import { UpdateMeDto } from './dto/update-user.dto';
import { UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

/** The caller's own user: readable with any valid key. */
@ApiV1Controller('users/me', 'users')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Your user: profile, preferences, role' })
  @ApiOkResponse({ type: UserDto })
  get(@CurrentPrincipal() caller: Principal): Promise<UserDto> {
    return this.users.me(caller);
  }

  @Patch()
  @RequireScopes('profile:write')
  @ApiOperation({ summary: 'Update your name, profile or preferences' })
  @ApiOkResponse({ type: UserDto })
  update(@CurrentPrincipal() caller: Principal, @Body() body: UpdateMeDto): Promise<UserDto> {
    return this.users.updateMe(caller, body);
  }
}
