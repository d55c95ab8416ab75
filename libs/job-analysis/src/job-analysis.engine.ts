import { type SkillTaxonomy } from '@app/skills';

import { type JobDescriptionAnalyzer } from './analysis/job-description.analyzer';
import { type JobAnalysisInput } from './analysis/job-analysis.types';
import { type JobAnalysisResultDto } from './dto/job-analysis-response.dto';
import { mergeEnrichment } from './enrichment/enrichment.merge';
import { type JobAnalysisEnricher } from './enrichment/job-analysis.enricher';

/**
 * Version of what an analysis contains: part of the cache key, so a change to the analyser, the taxonomy or
 * the result shape must bump it (old cached analyses are then simply not found).
 */
export const JOB_ANALYSIS_VERSION = 'ja-1';

/** The deterministic analysis, then the enrichment's additions (never removing a finding). */
export class JobAnalysisEngine {
  constructor(
    private readonly analyzer: JobDescriptionAnalyzer,
    private readonly enricher: JobAnalysisEnricher,
    private readonly taxonomy: Pick<SkillTaxonomy, 'resolve'>,
  ) {}

  /** Identifies the analyser and enrichment that produce a result (goes into the cache key). */
  get version(): string {
    return `${JOB_ANALYSIS_VERSION}:${this.enricher.provider}`;
  }

  async analyze(input: JobAnalysisInput): Promise<JobAnalysisResultDto> {
    const analysis = this.analyzer.analyze(input);
    const extra = await this.enricher.enrich(analysis);
    const skills = mergeEnrichment(analysis, extra, this.taxonomy);
    return JSON.parse(
      JSON.stringify({
        ...analysis,
        skills,
        enrichment: {
          provider: this.enricher.provider,
          added: skills.filter((skill) => skill.origin === 'enrichment').length,
        },
      }),
    ) as JobAnalysisResultDto;
  }
}
