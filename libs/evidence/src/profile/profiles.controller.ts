import {
  applyDecorators,
  Body,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import {
  ApiProblemResponse,
  ApiV1Controller,
  type CursorPage,
  CurrentPrincipal,
  type Principal,
  RequireScopes,
} from '@app/core';

import {
  CreateProfileDto,
  ListProfilesQueryDto,
  ProfileIdParamsDto,
  ProfileViewQueryDto,
  UpdateProfileDto,
} from '../dto/profile-request.dto';
import { ProfileDto, ProfilePageDto, type ProfileSummaryDto } from '../dto/profile-response.dto';
import { ApiLinkedInArchiveUpload, readLinkedInArchive } from '../linkedin/linkedin-upload';
import { ProfilesService } from './profiles.service';

const GITHUB_PROBLEMS = [
  [422, 'Invalid JSON Resume (errors per path), or not a valid GitHub username (`github_username_invalid`)'],
  [404, 'No such profile (`profile_not_found`) or no such GitHub user (`github_user_not_found`)'],
  [502, 'GitHub failed or timed out after retries (`github_unavailable`)'],
  [503, 'GitHub’s rate limit is used up (`github_rate_limited`); Retry-After says when'],
] as const;

const ApiGithubProblems = () =>
  applyDecorators(...GITHUB_PROBLEMS.map(([status, description]) => ApiProblemResponse(status, description)));

/** Stored candidate profiles: built from GitHub, a LinkedIn export and a JSON Resume, every fact cited. */
@ApiV1Controller('profiles', 'profiles')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Post()
  @RequireScopes('generate')
  @ApiOperation({
    summary: 'Build and store a candidate profile from GitHub and/or a JSON Resume',
    description:
      'GitHub data comes through the GitHub cache (1 h by default). Attach a LinkedIn export with ' +
      '`PUT /api/v1/profiles/{id}/linkedin`. Merge rules, skill strength and project relevance: see the README.',
  })
  @ApiCreatedResponse({ type: ProfileDto })
  @ApiGithubProblems()
  create(@CurrentPrincipal() caller: Principal, @Body() body: CreateProfileDto): Promise<ProfileDto> {
    return this.profiles.create(caller.userId, body);
  }

  @Get()
  @RequireScopes('generate')
  @ApiOperation({ summary: 'List your profiles, newest first' })
  @ApiOkResponse({ type: ProfilePageDto })
  list(
    @CurrentPrincipal() caller: Principal,
    @Query() query: ListProfilesQueryDto,
  ): Promise<CursorPage<ProfileSummaryDto>> {
    return this.profiles.list(caller.userId, query);
  }

  @Get(':id')
  @RequireScopes('generate')
  @ApiOperation({ summary: 'A profile with its skills, projects, positions and the facts they cite' })
  @ApiOkResponse({ type: ProfileDto })
  @ApiProblemResponse(404, 'No such profile (`profile_not_found`)')
  get(
    @CurrentPrincipal() caller: Principal,
    @Param() params: ProfileIdParamsDto,
    @Query() query: ProfileViewQueryDto,
  ): Promise<ProfileDto> {
    return this.profiles.get(caller.userId, params.id, { withoutEvidence: query.withoutEvidence === true });
  }

  @Patch(':id')
  @RequireScopes('generate')
  @ApiOperation({
    summary: 'Change the label, or replace or remove (`null`) the GitHub or JSON Resume source',
  })
  @ApiOkResponse({ type: ProfileDto })
  @ApiProblemResponse(409, 'Rebuilt by another request meanwhile (`profile_busy`)')
  @ApiGithubProblems()
  update(
    @CurrentPrincipal() caller: Principal,
    @Param() params: ProfileIdParamsDto,
    @Body() body: UpdateProfileDto,
  ): Promise<ProfileDto> {
    return this.profiles.update(caller.userId, params.id, body);
  }

  @Post(':id/refresh')
  @HttpCode(200)
  @RequireScopes('generate')
  @ApiOperation({ summary: 'Fetch GitHub again (bypassing the cache) and rebuild the profile' })
  @ApiOkResponse({ type: ProfileDto })
  @ApiProblemResponse(409, 'Rebuilt by another request meanwhile (`profile_busy`)')
  @ApiGithubProblems()
  refresh(@CurrentPrincipal() caller: Principal, @Param() params: ProfileIdParamsDto): Promise<ProfileDto> {
    return this.profiles.refresh(caller.userId, params.id);
  }

  @Put(':id/linkedin')
  @RequireScopes('generate')
  @ApiOperation({
    summary: 'Attach (or replace) a LinkedIn "Download your data" archive and rebuild the profile',
    description: 'Same archive rules and limits as `POST /api/v1/evidence/linkedin`.',
  })
  @ApiLinkedInArchiveUpload()
  @ApiOkResponse({ type: ProfileDto })
  @ApiProblemResponse(404, 'No such profile (`profile_not_found`)')
  @ApiProblemResponse(409, 'Rebuilt by another request meanwhile (`profile_busy`)')
  async attachLinkedIn(
    @CurrentPrincipal() caller: Principal,
    @Param() params: ProfileIdParamsDto,
    @Req() request: FastifyRequest,
  ): Promise<ProfileDto> {
    return this.profiles.attachLinkedIn(caller.userId, params.id, await readLinkedInArchive(request));
  }

  @Delete(':id/linkedin')
  @RequireScopes('generate')
  @ApiOperation({ summary: 'Remove the LinkedIn export from the profile and rebuild it' })
  @ApiOkResponse({ type: ProfileDto })
  @ApiProblemResponse(404, 'No such profile (`profile_not_found`)')
  @ApiProblemResponse(409, 'Rebuilt by another request meanwhile (`profile_busy`)')
  detachLinkedIn(
    @CurrentPrincipal() caller: Principal,
    @Param() params: ProfileIdParamsDto,
  ): Promise<ProfileDto> {
    return this.profiles.detachLinkedIn(caller.userId, params.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScopes('generate')
  @ApiOperation({ summary: 'Delete a profile and the source data stored with it' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponse(404, 'No such profile (`profile_not_found`)')
  async delete(@CurrentPrincipal() caller: Principal, @Param() params: ProfileIdParamsDto): Promise<void> {
    await this.profiles.delete(caller.userId, params.id);
  }
}
