import { type SkillCategory } from '@app/skills';

import { type JobAnalysisResult, type SkillImportance, type TextSpan } from '../analysis/job-analysis.types';

/** A skill an enricher (an LLM) found that the deterministic analysis did not. */
export interface EnrichedSkill {
  canonical: string;
  category: SkillCategory | 'other';
  importance: SkillImportance;
  /** Where the description names it; spans that do not slice to `text` exactly are dropped. */
  mentions: TextSpan[];
}

/**
 * Optional enrichment of a deterministic analysis, e.g. by an LLM (through the LLM interface of the
 * generation work, when a provider is configured). It may only add skills the taxonomy lacks: the merge
 * (enrichment.merge.ts) never removes or changes a deterministic finding.
 */
export abstract class JobAnalysisEnricher {
  /** Provider name reported in the analysis (`offline` adds nothing). */
  abstract readonly provider: string;
  abstract enrich(analysis: JobAnalysisResult): Promise<EnrichedSkill[]>;
}

/** The default: no LLM, nothing added. The analysis stays fully deterministic and explainable. */
export class OfflineJobAnalysisEnricher extends JobAnalysisEnricher {
  readonly provider = 'offline';

  async enrich(): Promise<EnrichedSkill[]> {
    return [];
  }
}
