import { Body, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller, CurrentPrincipal, type Principal, RequireScopes } from '@app/core';

import { UpdateMeDto } from './dto/update-user.dto';
import { CurrentKeyDto, UserDto } from './dto/user.dto';
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

  @Get('key')
  @ApiOperation({
    summary: 'The API key making this request: its prefix, scopes and owner (never its secret)',
  })
  @ApiOkResponse({ type: CurrentKeyDto })
  currentKey(@CurrentPrincipal() caller: Principal): CurrentKeyDto {
    return this.users.currentKey(caller);
  }

  @Patch()
  @RequireScopes('profile:write')
  @ApiOperation({ summary: 'Update your name, profile or preferences' })
  @ApiOkResponse({ type: UserDto })
  update(@CurrentPrincipal() caller: Principal, @Body() body: UpdateMeDto): Promise<UserDto> {
    return this.users.updateMe(caller, body);
  }
}
