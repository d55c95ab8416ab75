import { createHash } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { LayeredCache } from '@app/cache';

import { PdfTools } from './pdf';
import { sampleResume } from './preview/sample-resume';
import { RenderService } from './render.service';
import { TEMPLATES, type TemplateId } from './templates';

/** Cache namespace of template preview PNGs (shared by every instance, keyed by template version). */
export const TEMPLATE_PREVIEWS_NAMESPACE = 'template-previews';

const PREVIEW_DPI = 72;
/** Part of the cache key and ETag: a new sample resume is a new preview. */
const SAMPLE_HASH = createHash('sha256').update(JSON.stringify(sampleResume())).digest('hex').slice(0, 12);
const PREVIEW_TTL_MS = 30 * 86_400_000;

export interface TemplatePreview {
  png: Buffer;
  /** Strong ETag: template id and version (a new version is a new image). */
  etag: string;
}

/** Page 1 of the sample resume in each template, as PNG: rendered on first use, then cached. */
@Injectable()
export class TemplatePreviewsService {
  constructor(
    private readonly render: RenderService,
    private readonly pdfTools: PdfTools,
    private readonly cache: LayeredCache,
  ) {}

  async preview(id: TemplateId): Promise<TemplatePreview> {
    const template = TEMPLATES.find((candidate) => candidate.id === id);
    if (!template) throw new Error(`Unknown template ${id}`);
    const cached = await this.cache.getOrLoad<string>(
      TEMPLATE_PREVIEWS_NAMESPACE,
      `${id}@${template.version}@${SAMPLE_HASH}`,
      async () => {
        const { pdf } = await this.render.render(sampleResume(), { template: id });
        const png = await this.pdfTools.toPng(pdf, { page: 1, dpi: PREVIEW_DPI });
        return png.toString('base64');
      },
      { ttlMs: PREVIEW_TTL_MS },
    );
    return { png: Buffer.from(cached.value, 'base64'), etag: `"${id}-${template.version}-${SAMPLE_HASH}"` };
  }
}
