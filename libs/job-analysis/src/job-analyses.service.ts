import { createHash } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { LayeredCache } from '@app/cache';
import { type AppConfig, APP_CONFIG, type CursorPage, toCursorPage } from '@app/core';

import { normalizeJobText, type NormalizedJobText, normalizeWhitespace } from './analysis/html-text';
import {
  type CreateJobAnalysisDto,
  MAX_DESCRIPTION_CHARS,
  MAX_RAW_DESCRIPTION_CHARS,
  MIN_DESCRIPTION_CHARS,
} from './dto/job-analysis-request.dto';
import {
  type JobAnalysisDto,
  type JobAnalysisResultDto,
  type JobAnalysisSummaryDto,
} from './dto/job-analysis-response.dto';
import { JobAnalysisEngine } from './job-analysis.engine';
import { invalidDescription, jobAnalysisNotFound } from './job-analysis.errors';
import { JobAnalysisRepository, type JobAnalysisSummaryRecord } from './job-analysis.repository';
import { type JobAnalysisSummary } from './job-analysis.schema';

/** Cache namespace of analyses by description hash (admin stats and purge: /api/v1/cache). */
export const JOB_ANALYSES_NAMESPACE = 'job-analyses';

/** Control characters other than tab, line feed and carriage return (C0, DEL, C1): binary, not text. */
const CONTROL = /[^\P{Cc}\t\n\r]/u;
/** A UTF-16 surrogate without its pair: not text either. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isText = (text: string) => !CONTROL.test(text) && !LONE_SURROGATE.test(text);
/** A description has words: at least this many runs of two or more letters. */
const MIN_WORDS = 5;

/**
 * Job-description analyses: validated text, analysed deterministically (plus the configured enrichment),
 * cached by a hash of the normalised text so the same description is analysed once (24 h by default), and
 * stored per owner.
 */
@Injectable()
export class JobAnalysesService {
  constructor(
    private readonly analyses: JobAnalysisRepository,
    private readonly engine: JobAnalysisEngine,
    private readonly cache: LayeredCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The cache key of a description's analysis (what `create` would answer it under), validating it. */
  hashOf(input: { description: string; title?: string }): string {
    return this.keyOf(input).textHash;
  }

  private keyOf(input: { description: string; title?: string }): { textHash: string; title: string } {
    const { text, format } = this.analysableText(input.description);
    const title = input.title ? normalizeWhitespace(input.title) : '';
    if (!isText(title)) {
      throw invalidDescription('text', 'title must be text: it contains control characters.', 'title');
    }
    const key = `${this.engine.version}\0${format}\0${title}\0${text}`;
    return { textHash: createHash('sha256').update(key).digest('hex'), title };
  }

  async create(ownerId: string, input: CreateJobAnalysisDto): Promise<JobAnalysisDto> {
    const { textHash, title } = this.keyOf(input);
    const cached = await this.cache.getOrLoad<JobAnalysisResultDto>(
      JOB_ANALYSES_NAMESPACE,
      textHash,
      () => this.engine.analyze({ text: input.description, ...(title ? { title } : {}) }),
      { ttlMs: this.config.cache.jobAnalysisTtlMs },
    );
    const analysis = cached.value;
    const record = await this.analyses.create(ownerId, {
      title: title || null,
      company: input.company?.trim() || null,
      url: input.url ?? null,
      textHash,
      cached: cached.source !== 'origin',
      resultJson: JSON.stringify(analysis),
      summary: summarise(analysis),
    });
    return { ...toSummaryDto(record), analysis };
  }

  async get(ownerId: string, id: string): Promise<JobAnalysisDto> {
    const record = await this.analyses.findById(ownerId, id);
    if (!record) throw jobAnalysisNotFound();
    return { ...toSummaryDto(record), analysis: JSON.parse(record.resultJson) as JobAnalysisResultDto };
  }

  async list(
    ownerId: string,
    page: { cursor?: string; limit: number },
  ): Promise<CursorPage<JobAnalysisSummaryDto>> {
    const rows = await this.analyses.list(ownerId, page);
    const { items, nextCursor } = toCursorPage(rows, page.limit);
    return { items: items.map(toSummaryDto), nextCursor };
  }

  async delete(ownerId: string, id: string): Promise<void> {
    if (!(await this.analyses.delete(ownerId, id))) throw jobAnalysisNotFound();
  }

  /** The normalised text and its format, or a 422 naming what makes the description unusable. */
  private analysableText(description: string): NormalizedJobText {
    if (description.length > MAX_RAW_DESCRIPTION_CHARS) {
      throw invalidDescription(
        'length',
        `description must be at most ${MAX_RAW_DESCRIPTION_CHARS} characters as sent (HTML included).`,
      );
    }
    const normalized = normalizeJobText(description);
    const { text } = normalized;
    // Checked after entities are decoded too: `&#27;` is as much a control character as the raw byte.
    if (!isText(description) || !isText(text)) {
      throw invalidDescription('text', 'description must be text: it contains control characters.');
    }
    const length = text.trim().length;
    if (length < MIN_DESCRIPTION_CHARS || length > MAX_DESCRIPTION_CHARS) {
      throw invalidDescription(
        'length',
        `description must be ${MIN_DESCRIPTION_CHARS} to ${MAX_DESCRIPTION_CHARS} characters of text after ` +
          `HTML is stripped and it is trimmed; it is ${length}.`,
      );
    }
    if ((text.match(/\p{L}{2,}/gu) ?? []).length < MIN_WORDS) {
      throw invalidDescription('text', 'description must be prose: it has almost no words.');
    }
    return normalized;
  }
}

function summarise(analysis: JobAnalysisResultDto): JobAnalysisSummary {
  const names = (importance: 'must' | 'nice') =>
    analysis.skills.filter((skill) => skill.importance === importance).map((skill) => skill.canonical);
  return {
    seniority: analysis.seniority.level,
    minYears: analysis.minYears ?? null,
    mustSkills: names('must'),
    niceSkills: names('nice'),
  };
}

function toSummaryDto(record: JobAnalysisSummaryRecord): JobAnalysisSummaryDto {
  return {
    id: record.id,
    title: record.title,
    company: record.company,
    url: record.url,
    seniority: record.summary.seniority as JobAnalysisSummaryDto['seniority'],
    minYears: record.summary.minYears,
    mustSkills: record.summary.mustSkills,
    niceSkills: record.summary.niceSkills,
    cached: record.cached,
    textHash: record.textHash,
    createdAt: record.createdAt.toISOString(),
  };
}
