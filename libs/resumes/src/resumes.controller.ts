import {
  Body,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
} from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import {
  ApiProblemResponse,
  ApiV1Controller,
  type CursorPage,
  CursorPageQueryDto,
  CurrentPrincipal,
  type Principal,
  RequireScopes,
} from '@app/core';
import { RenderRequestDto } from '@app/render';

import { sendDownload } from './download';
import { IfMatch } from './if-match.decorator';
import {
  ArtifactParamsDto,
  CreateResumeDto,
  DeleteResumeQueryDto,
  DiffParamsDto,
  ImportJsonResumeDto,
  ListResumesQueryDto,
  ResumeIdParamsDto,
  UpdateResumeDto,
  VersionParamsDto,
} from './dto/resume-request.dto';
import {
  ArtifactDto,
  ImportedResumeDto,
  ResumeDiffDto,
  ResumeDto,
  ResumePageDto,
  ResumeSummaryDto,
  ResumeVersionDto,
  ResumeVersionPageDto,
  RenderedVersionDto,
  ResumeVersionSummaryDto,
} from './dto/resume-response.dto';
import { EtagHeaderInterceptor } from './etag-header.interceptor';
import { ResumesService } from './resumes.service';

const TOO_LARGE = 'The document is too large to typeset in every template (`document_too_large`): shorten it';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag of the version this edit is based on; a stale one is a 412 (optimistic concurrency)',
};

/** Resumes, their immutable versions, diffs and downloadable artifacts; all scoped to the caller. */
@ApiV1Controller('resumes', 'resumes')
@UseInterceptors(EtagHeaderInterceptor)
export class ResumesController {
  constructor(private readonly resumes: ResumesService) {}

  @Post()
  @RequireScopes('resumes:write')
  @ApiOperation({ summary: 'Create a resume from a document (its version 1)' })
  @ApiCreatedResponse({ type: ResumeDto })
  @ApiProblemResponse(422, TOO_LARGE)
  create(@CurrentPrincipal() caller: Principal, @Body() body: CreateResumeDto): Promise<ResumeDto> {
    return this.resumes.create(caller, body);
  }

  @Post('import/json-resume')
  @RequireScopes('resumes:write')
  @ApiOperation({
    summary: 'Create a resume from a JSON Resume (jsonresume.org v1); lists what was not kept',
  })
  @ApiCreatedResponse({ type: ImportedResumeDto })
  @ApiProblemResponse(
    422,
    'Not a valid JSON Resume; `errors` lists each path (`invalid_json_resume`); or too large to typeset (`document_too_large`)',
  )
  importJsonResume(
    @CurrentPrincipal() caller: Principal,
    @Body() body: ImportJsonResumeDto,
  ): Promise<ImportedResumeDto> {
    return this.resumes.importJsonResume(caller, body);
  }

  @Get()
  @RequireScopes('resumes:read')
  @ApiOperation({ summary: 'List your resumes, newest first' })
  @ApiOkResponse({ type: ResumePageDto })
  list(
    @CurrentPrincipal() caller: Principal,
    @Query() query: ListResumesQueryDto,
  ): Promise<CursorPage<ResumeSummaryDto>> {
    return this.resumes.list(caller.userId, query);
  }

  @Get(':id')
  @RequireScopes('resumes:read')
  @ApiOperation({
    summary: 'Read a resume with the document of its latest version (ETag header: that version)',
  })
  @ApiOkResponse({ type: ResumeDto })
  @ApiProblemResponse(404, 'No such resume (`resume_not_found`)')
  get(@CurrentPrincipal() caller: Principal, @Param() params: ResumeIdParamsDto): Promise<ResumeDto> {
    return this.resumes.get(caller.userId, params.id);
  }

  @Patch(':id')
  @RequireScopes('resumes:write')
  @ApiOperation({
    summary: 'Edit metadata and/or the document (merge patch); a document change is version N+1',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ResumeDto })
  @ApiProblemResponse(404, 'No such resume (`resume_not_found`)')
  @ApiProblemResponse(
    400,
    'The merged document is invalid (`invalid_document`) or nothing to update (`nothing_to_update`)',
  )
  @ApiProblemResponse(409, 'Without If-Match, other edits kept landing first (`edit_conflict`); retry')
  @ApiProblemResponse(412, 'If-Match names an older version (`stale_version`); `currentEtag` is the latest')
  @ApiProblemResponse(422, TOO_LARGE)
  update(
    @CurrentPrincipal() caller: Principal,
    @Param() params: ResumeIdParamsDto,
    @Body() body: UpdateResumeDto,
    @IfMatch() ifMatch?: string,
  ): Promise<ResumeDto> {
    return this.resumes.update(caller, params.id, body, ifMatch);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @RequireScopes('resumes:write')
  @ApiOperation({ summary: 'Archive a resume (kept, hidden from `archived=false` lists)' })
  @ApiOkResponse({ type: ResumeDto })
  archive(@CurrentPrincipal() caller: Principal, @Param() params: ResumeIdParamsDto): Promise<ResumeDto> {
    return this.resumes.setArchived(caller.userId, params.id, true);
  }

  @Post(':id/unarchive')
  @HttpCode(200)
  @RequireScopes('resumes:write')
  @ApiOperation({ summary: 'Unarchive a resume' })
  @ApiOkResponse({ type: ResumeDto })
  unarchive(@CurrentPrincipal() caller: Principal, @Param() params: ResumeIdParamsDto): Promise<ResumeDto> {
    return this.resumes.setArchived(caller.userId, params.id, false);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScopes('resumes:write')
  @ApiOperation({
    summary: 'Delete a resume: soft (restorable) by default; `permanent=true` purges versions and artifacts',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponse(404, 'No such resume (`resume_not_found`)')
  remove(
    @CurrentPrincipal() caller: Principal,
    @Param() params: ResumeIdParamsDto,
    @Query() query: DeleteResumeQueryDto,
  ): Promise<void> {
    return this.resumes.remove(caller.userId, params.id, query.permanent === true);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @RequireScopes('resumes:write')
  @ApiOperation({ summary: 'Restore a soft-deleted resume' })
  @ApiOkResponse({ type: ResumeDto })
  restore(@CurrentPrincipal() caller: Principal, @Param() params: ResumeIdParamsDto): Promise<ResumeDto> {
    return this.resumes.restore(caller.userId, params.id);
  }

  @Get(':id/versions')
  @RequireScopes('resumes:read')
  @ApiOperation({ summary: 'List the versions of a resume, newest first' })
  @ApiOkResponse({ type: ResumeVersionPageDto })
  listVersions(
    @CurrentPrincipal() caller: Principal,
    @Param() params: ResumeIdParamsDto,
    @Query() query: CursorPageQueryDto,
  ): Promise<CursorPage<ResumeVersionSummaryDto>> {
    return this.resumes.listVersions(caller.userId, params.id, query.cursor, query.limit);
  }

  @Get(':id/versions/:v')
  @RequireScopes('resumes:read')
  @ApiOperation({ summary: 'Read one version: always the same bytes' })
  @ApiOkResponse({ type: ResumeVersionDto })
  @ApiProblemResponse(404, 'No such resume or version')
  getVersion(
    @CurrentPrincipal() caller: Principal,
    @Param() params: VersionParamsDto,
  ): Promise<ResumeVersionDto> {
    return this.resumes.getVersion(caller.userId, params.id, params.v);
  }

  @Get(':id/versions/:a/diff/:b')
  @RequireScopes('resumes:read')
  @ApiOperation({
    summary: 'What changed from version a to version b: fields, bullets, and a unified Markdown diff',
  })
  @ApiOkResponse({ type: ResumeDiffDto })
  @ApiProblemResponse(404, 'No such resume or version')
  diff(@CurrentPrincipal() caller: Principal, @Param() params: DiffParamsDto): Promise<ResumeDiffDto> {
    return this.resumes.diff(caller.userId, params.id, params.a, params.b);
  }

  @Post(':id/versions/:v/render')
  @HttpCode(200)
  @RequireScopes('resumes:write')
  @ApiOperation({
    summary:
      'Render a version to TeX and PDF with a template and options, replacing its TeX and PDF artifacts',
    description:
      'Compiles with pdflatex in a sandbox (or answers from the compile cache when the template version, ' +
      'options and document are the same), checks the PDF text the way an ATS reads it, and reports the page ' +
      'count against `maxPages`. The version’s document never changes; only its renderings do.',
  })
  @ApiOkResponse({ type: RenderedVersionDto })
  @ApiProblemResponse(404, 'No such resume or version')
  @ApiProblemResponse(
    422,
    'The document could not be compiled within the limits (`render_failed`, with `reason`)',
  )
  @ApiProblemResponse(
    503,
    'Every compiler is busy (`render_busy`) or pdflatex is unavailable (`render_unavailable`)',
  )
  renderVersion(
    @CurrentPrincipal() caller: Principal,
    @Param() params: VersionParamsDto,
    @Body() body: RenderRequestDto,
  ): Promise<RenderedVersionDto> {
    return this.resumes.renderVersion(caller.userId, params.id, params.v, body);
  }

  @Get(':id/versions/:v/artifacts')
  @RequireScopes('resumes:read')
  @ApiOperation({
    summary:
      'The files of a version: Markdown, JSON Resume, and TeX and PDF (rendered by their first download)',
  })
  @ApiOkResponse({ type: [ArtifactDto] })
  listArtifacts(
    @CurrentPrincipal() caller: Principal,
    @Param() params: VersionParamsDto,
  ): Promise<ArtifactDto[]> {
    return this.resumes.listArtifacts(caller.userId, params.id, params.v);
  }

  @Get(':id/versions/:v/artifacts/:kind')
  @RequireScopes('resumes:read')
  @ApiOperation({ summary: 'Download a file of a version (strong ETag; If-None-Match gives 304)' })
  @ApiProduces('text/markdown', 'application/json', 'application/x-tex', 'application/pdf')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiProblemResponse(404, 'No such resume or version')
  @ApiProblemResponse(422, 'TeX/PDF: the document could not be compiled within the limits (`render_failed`)')
  @ApiProblemResponse(503, 'TeX/PDF: every compiler is busy (`render_busy`) or pdflatex is unavailable')
  async download(
    @CurrentPrincipal() caller: Principal,
    @Param() params: ArtifactParamsDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return sendDownload(
      request,
      reply,
      await this.resumes.artifact(caller.userId, params.id, params.v, params.kind),
    );
  }
}
