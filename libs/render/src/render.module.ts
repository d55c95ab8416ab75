import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { type AppConfig, APP_CONFIG, LatexProbe } from '@app/core';

import { LatexCompiler } from './compile';
import { LatexProbeService } from './latex.probe.service';
import { PdfTools } from './pdf';
import { RenderService } from './render.service';
import { TemplatePreviewsService } from './template-previews.service';
import { TemplatesController } from './templates.controller';

/**
 * Rendering: templates, the sandboxed compiler pool (RENDER_* variables), PDF tools, the compile cache,
 * template previews, and the `latex` health probe. Global so the health module finds the probe.
 */
@Global()
@Module({
  controllers: [TemplatesController],
  providers: [
    {
      provide: LatexCompiler,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new LatexCompiler({
          timeoutMs: config.render.timeoutMs,
          maxOutputBytes: config.render.maxPdfBytes,
          maxQueue: config.render.queueMax,
          ...(config.render.concurrency > 0 ? { maxConcurrency: config.render.concurrency } : {}),
        }),
    },
    { provide: PdfTools, useFactory: () => new PdfTools() },
    RenderService,
    TemplatePreviewsService,
    LatexProbeService,
    { provide: LatexProbe, useExisting: LatexProbeService },
  ],
  exports: [RenderService, LatexProbe, LatexCompiler, PdfTools],
})
export class RenderModule implements OnApplicationShutdown {
  constructor(
    private readonly compiler: LatexCompiler,
    private readonly pdfTools: PdfTools,
  ) {}

  /** Kills any pdflatex/poppler process still running and removes its temp dir. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.compiler.close(), this.pdfTools.close()]);
  }
}
