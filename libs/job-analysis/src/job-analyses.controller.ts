import { Body, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  ApiProblemResponse,
  ApiV1Controller,
  type CursorPage,
  CurrentPrincipal,
  type Principal,
  RequireScopes,
} from '@app/core';

import {
  CreateJobAnalysisDto,
  JobAnalysisIdParamsDto,
  ListJobAnalysesQueryDto,
} from './dto/job-analysis-request.dto';
import {
  JobAnalysisDto,
  JobAnalysisPageDto,
  type JobAnalysisSummaryDto,
} from './dto/job-analysis-response.dto';
import { JobAnalysesService } from './job-analyses.service';

/** Job-description analyses: skills with must/nice importance, seniority, years, education; deterministic. */
@ApiV1Controller('job-analyses', 'job-analyses')
export class JobAnalysesController {
  constructor(private readonly analyses: JobAnalysesService) {}

  @Post()
  @RequireScopes('generate')
  @ApiOperation({
    summary:
      'Analyse a job description (deterministic; cached by its normalised text) and store the analysis',
    description:
      'Returns skills with importance (must / nice, from sections such as "Nice to have" and cues such as ' +
      '"is a plus") and every mention’s offsets into `analysis.text`, seniority with the phrases that decided ' +
      'it, minimum years (overall and per skill), education, responsibilities and other keywords. ' +
      '`cached: true` when the same description (and title) was analysed before. The URL is stored, never fetched.',
  })
  @ApiCreatedResponse({ type: JobAnalysisDto })
  @ApiProblemResponse(
    422,
    'Not analysable text (`job_description_invalid`): control characters, fewer than 50 or more than 50,000 ' +
      'characters after HTML is stripped, or almost no words',
  )
  create(@CurrentPrincipal() caller: Principal, @Body() body: CreateJobAnalysisDto): Promise<JobAnalysisDto> {
    return this.analyses.create(caller.userId, body);
  }

  @Get()
  @RequireScopes('generate')
  @ApiOperation({ summary: 'List your job analyses, newest first' })
  @ApiOkResponse({ type: JobAnalysisPageDto })
  list(
    @CurrentPrincipal() caller: Principal,
    @Query() query: ListJobAnalysesQueryDto,
  ): Promise<CursorPage<JobAnalysisSummaryDto>> {
    return this.analyses.list(caller.userId, query);
  }

  @Get(':id')
  @RequireScopes('generate')
  @ApiOperation({ summary: 'A job analysis' })
  @ApiOkResponse({ type: JobAnalysisDto })
  @ApiProblemResponse(404, 'No such analysis (`job_analysis_not_found`)')
  get(
    @CurrentPrincipal() caller: Principal,
    @Param() params: JobAnalysisIdParamsDto,
  ): Promise<JobAnalysisDto> {
    return this.analyses.get(caller.userId, params.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScopes('generate')
  @ApiOperation({ summary: 'Delete a job analysis' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponse(404, 'No such analysis (`job_analysis_not_found`)')
  async delete(
    @CurrentPrincipal() caller: Principal,
    @Param() params: JobAnalysisIdParamsDto,
  ): Promise<void> {
    await this.analyses.delete(caller.userId, params.id);
  }
}
