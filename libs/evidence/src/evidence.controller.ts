import { Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblemResponse, ApiV1Controller, RequireScopes } from '@app/core';

import { GithubPreviewDto, GithubPreviewParamsDto, GithubPreviewQueryDto } from './dto/github-preview.dto';
import { LinkedInExportDto } from './dto/linkedin-export.dto';
import { EvidenceService } from './evidence.service';
import { ApiLinkedInArchiveUpload, readLinkedInArchive } from './linkedin/linkedin-upload';

/** Candidate evidence from outside sources. */
@ApiV1Controller('evidence', 'evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get('github/:username')
  @RequireScopes('generate')
  @ApiOperation({
    summary:
      'Preview what GitHub says about a user (profile, owned repositories, languages, READMEs); nothing is stored',
  })
  @ApiOkResponse({ type: GithubPreviewDto })
  @ApiProblemResponse(404, 'No such GitHub user (`github_user_not_found`)')
  @ApiProblemResponse(422, 'Not a valid GitHub username (`github_username_invalid`); GitHub was not called')
  @ApiProblemResponse(502, 'GitHub failed or timed out after retries (`github_unavailable`)')
  @ApiProblemResponse(
    503,
    'GitHub’s rate limit is used up (`github_rate_limited`); `resetAt` and Retry-After say when',
  )
  previewGithub(
    @Param() params: GithubPreviewParamsDto,
    @Query() query: GithubPreviewQueryDto,
  ): Promise<GithubPreviewDto> {
    return this.evidence.previewGithub(params.username, {
      includeForks: query.includeForks === true,
      refresh: query.refresh === true,
    });
  }

  @Post('linkedin')
  @HttpCode(200)
  @RequireScopes('generate')
  @ApiOperation({
    summary: 'Read a LinkedIn "Download your data" archive (ZIP) and return what it says; nothing is stored',
    description:
      'Reads Profile, Positions, Education, Skills, Certifications, Languages, Projects and Email Addresses ' +
      '(any may be missing; columns are matched by name). Limits: 20 MiB archive, 200 entries, 10 MiB per ' +
      'CSV, 50 MiB in all, compression ratio 100:1; entries with unsafe names refuse the whole archive.',
  })
  @ApiLinkedInArchiveUpload()
  @ApiOkResponse({ type: LinkedInExportDto })
  async importLinkedIn(@Req() request: FastifyRequest): Promise<LinkedInExportDto> {
    return this.evidence.previewLinkedIn(await readLinkedInArchive(request));
  }
}
