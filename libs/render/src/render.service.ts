import { createHash } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { LayeredCache } from '@app/cache';
import { type AppConfig, APP_CONFIG, DomainError } from '@app/core';
import { canonicalJson, type ResumeDocument } from '@app/resumes/document';

import { ATS_TEXT_EXTRACTION, atsCheck, type AtsReport } from './ats';
import { LatexCompileError, LatexCompiler, MAX_TEX_BYTES } from './compile';
import { type PaperSize, type RenderReportDto, type RenderRequestDto } from './dto/render.dto';
import { PdfTools } from './pdf';
import {
  renderLatex,
  type RenderOptions,
  resolveRenderOptions,
  TEMPLATES,
  type TemplateId,
} from './templates';

/** Cache namespace of rendered PDFs (admin stats and purge: /api/v1/cache). */
export const RENDERS_NAMESPACE = 'renders';

/** Bytes of TeX one byte of a document's text can become at most (with margin), and a template's own source. */
const MAX_ESCAPE_GROWTH = 20;
const TEMPLATE_OVERHEAD_BYTES = 64 * 1024;

/** Bump when what a render stores changes shape (templates carry their own versions). */
const RENDER_FORMAT = 'r1';

export enum RenderErrorCode {
  RenderFailed = 'render_failed',
  RenderBusy = 'render_busy',
  RenderUnavailable = 'render_unavailable',
  DocumentTooLarge = 'document_too_large',
}

/** What is cached per (template version, options, document): everything but the page limit. */
interface StoredRender {
  tex: string;
  pdfBase64: string;
  pages: number;
  ats: AtsReport;
  compileMs: number;
}

export interface RenderedResume {
  tex: string;
  pdf: Buffer;
  options: RenderOptions;
  report: RenderReportDto;
}

const DEFAULTS = {
  template: 'classic' as TemplateId,
  paper: 'letter' as PaperSize,
  showEvidence: false,
  maxPages: 1,
};

/**
 * Document → LaTeX (our templates, every string escaped) → PDF (sandboxed pdflatex, bounded pool) → text
 * (pdftotext) → ATS check, with a compile cache keyed by the hash of (template version, options, document):
 * an identical render is answered without running pdflatex.
 */
@Injectable()
export class RenderService {
  private readonly logger = new Logger(RenderService.name);

  constructor(
    private readonly compiler: LatexCompiler,
    private readonly pdfTools: PdfTools,
    private readonly cache: LayeredCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The full options of a request, defaults filled in. */
  optionsOf(request: RenderRequestDto = {}): RenderOptions & { maxPages: number } {
    return {
      template: request.template ?? DEFAULTS.template,
      paper: request.paper ?? DEFAULTS.paper,
      showEvidence: request.showEvidence ?? DEFAULTS.showEvidence,
      ...(request.accentColor ? { accentColor: request.accentColor.toLowerCase() } : {}),
      maxPages: request.maxPages ?? DEFAULTS.maxPages,
    };
  }

  /**
   * Refuses a document no template could typeset within the compiler's input limit (escaping grows text:
   * a backslash becomes 16 characters), so every stored version can be rendered.
   */
  assertRenderable(document: ResumeDocument): void {
    // Escaping makes at most ~16 bytes of TeX from one byte of text (a backslash): a document far below the limit
    // divided by that cannot exceed it, and is not typeset here (the common case, kept off the write path).
    if (
      Buffer.byteLength(JSON.stringify(document)) * MAX_ESCAPE_GROWTH + TEMPLATE_OVERHEAD_BYTES <
      MAX_TEX_BYTES
    ) {
      return;
    }
    for (const template of TEMPLATES) {
      const bytes = Buffer.byteLength(
        renderLatex(document, { template: template.id, paper: 'letter', showEvidence: true }),
      );
      if (bytes > MAX_TEX_BYTES) {
        throw new DomainError({
          status: 422,
          code: RenderErrorCode.DocumentTooLarge,
          detail: `The document is too large to typeset (${bytes} bytes of LaTeX in the ${template.id} template; the limit is ${MAX_TEX_BYTES}): shorten it.`,
          extensions: { template: template.id, texBytes: bytes, limit: MAX_TEX_BYTES },
        });
      }
    }
  }

  async render(document: ResumeDocument, request: RenderRequestDto = {}): Promise<RenderedResume> {
    const { maxPages, ...requested } = this.optionsOf(request);
    const template = TEMPLATES.find((candidate) => candidate.id === requested.template);
    if (!template) throw new Error(`Unknown template ${requested.template}`);
    // Options as the template uses them: an accent colour a template ignores, or its case, makes no new render.
    const { accentHex, ...options } = resolveRenderOptions(requested);
    const key = createHash('sha256')
      .update(
        canonicalJson({
          format: RENDER_FORMAT,
          templateVersion: template.version,
          options: { ...options, accentHex },
          document,
        }),
      )
      .digest('hex');
    const cached = await this.cache.getOrLoad<StoredRender>(
      RENDERS_NAMESPACE,
      key,
      () => this.compileAndCheck(document, options),
      { ttlMs: this.config.render.cacheTtlMs },
    );
    const stored = cached.value;
    return {
      tex: stored.tex,
      pdf: Buffer.from(stored.pdfBase64, 'base64'),
      options,
      report: {
        template: options.template,
        templateVersion: template.version,
        paper: options.paper,
        showEvidence: options.showEvidence,
        pages: stored.pages,
        maxPages,
        overflow: stored.pages > maxPages,
        ats: stored.ats,
        cached: cached.source !== 'origin',
        compileMs: stored.compileMs,
      },
    };
  }

  private async compileAndCheck(document: ResumeDocument, options: RenderOptions): Promise<StoredRender> {
    const tex = renderLatex(document, options);
    try {
      const compiled = await this.compiler.compile(tex);
      const text = await this.pdfTools.extractText(compiled.pdf, ATS_TEXT_EXTRACTION);
      return {
        tex,
        pdfBase64: compiled.pdf.toString('base64'),
        pages: compiled.pages,
        ats: atsCheck(document, text),
        compileMs: Math.round(compiled.durationMs),
      };
    } catch (error) {
      throw this.asProblem(error);
    }
  }

  private asProblem(error: unknown): unknown {
    if (!(error instanceof LatexCompileError)) return error;
    switch (error.code) {
      case 'latex_busy':
        return new DomainError({
          status: 503,
          code: RenderErrorCode.RenderBusy,
          detail: 'Every PDF compiler is busy and the queue is full; try again shortly.',
          headers: { 'retry-after': '5' },
        });
      case 'latex_closed':
        return new DomainError({
          status: 503,
          code: RenderErrorCode.RenderUnavailable,
          detail: 'This server is shutting down; try again.',
          headers: { 'retry-after': '5' },
        });
      case 'latex_unavailable':
        this.logger.error(`pdflatex is unavailable: ${error.message}`);
        return new DomainError({
          status: 503,
          code: RenderErrorCode.RenderUnavailable,
          detail: 'PDF rendering is unavailable on this server right now.',
          headers: { 'retry-after': '30' },
        });
      default:
        // Our templates escape every string, so a failure is a document too large for the limits or a bug of
        // ours: either way the client learns what happened (line and message, no paths) and nothing is stored.
        this.logger.warn(`render failed (${error.code}): ${error.message}`);
        return new DomainError({
          status: 422,
          code: RenderErrorCode.RenderFailed,
          detail:
            error.code === 'latex_timeout'
              ? 'The PDF took longer than the compile limit allows; shorten the document.'
              : error.code === 'latex_output_too_large'
                ? 'The PDF is larger than the compile limit allows; shorten the document.'
                : 'The document could not be compiled to PDF.',
          extensions: {
            reason: error.code,
            compileErrors: error.errors.slice(0, 10).map((entry) => ({ ...entry })),
          },
        });
    }
  }
}
