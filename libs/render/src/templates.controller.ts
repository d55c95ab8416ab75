import { Get, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { ApiProblemResponse, ApiV1Controller, RequireScopes } from '@app/core';

import { PAPER_SIZES, type TemplateListDto, TemplateListDto as TemplateList } from './dto/render.dto';
import { TemplatePreviewsService } from './template-previews.service';
import { TEMPLATE_IDS, TEMPLATES, type TemplateId } from './templates';

class TemplateParamsDto {
  @ApiProperty({ enum: TEMPLATE_IDS })
  @IsIn(TEMPLATE_IDS)
  id!: TemplateId;
}

/** The resume templates and a preview image of each. */
@ApiV1Controller('templates', 'templates')
export class TemplatesController {
  constructor(private readonly previews: TemplatePreviewsService) {}

  @Get()
  @RequireScopes('resumes:read')
  @ApiOperation({ summary: 'The resume templates, with their options and a preview image link' })
  @ApiOkResponse({ type: TemplateList })
  list(): TemplateListDto {
    return {
      items: TEMPLATES.map((template) => ({
        id: template.id,
        name: template.name,
        description: template.description,
        version: template.version,
        papers: [...PAPER_SIZES],
        accentColor: template.id === 'modern',
        previewUrl: `/api/v1/templates/${template.id}/preview.png`,
      })),
    };
  }

  @Get(':id/preview.png')
  @RequireScopes('resumes:read')
  @ApiOperation({
    summary: 'Page 1 of a sample resume in this template, as PNG (rendered on first use, cached)',
  })
  @ApiProduces('image/png')
  @ApiOkResponse({
    description: 'The PNG',
    content: { 'image/png': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblemResponse(400, 'Not a template id')
  async preview(
    @Param() params: TemplateParamsDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { png, etag } = await this.previews.preview(params.id);
    void reply.header('etag', etag).header('cache-control', 'private, max-age=86400');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.header('content-type', 'image/png').header('content-length', String(png.length)).send(png);
  }
}
