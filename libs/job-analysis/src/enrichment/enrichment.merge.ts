import { type SkillTaxonomy } from '@app/skills';

import { type JobAnalysisResult, type JobSkillRequirement } from '../analysis/job-analysis.types';
import { type EnrichedSkill } from './job-analysis.enricher';

/** A skill of an analysis as the API returns it: from the taxonomy, or added by an enricher. */
export type AnalysedSkill = JobSkillRequirement & { origin: 'taxonomy' | 'enrichment' };

/**
 * The deterministic skills, unchanged, followed by the enricher's additions that are new: a skill the
 * taxonomy resolves, or that has the same name as a deterministic one, is already covered and dropped, and so
 * are mentions that do not quote the text exactly. Nothing deterministic is ever removed or altered.
 */
export function mergeEnrichment(
  analysis: JobAnalysisResult,
  extra: readonly EnrichedSkill[],
  taxonomy: Pick<SkillTaxonomy, 'resolve'>,
): AnalysedSkill[] {
  const skills: AnalysedSkill[] = analysis.skills.map((skill) => ({ ...skill, origin: 'taxonomy' }));
  const known = new Set(analysis.skills.flatMap((skill) => [skill.id, skill.canonical.toLowerCase()]));
  for (const candidate of extra) {
    const name = candidate.canonical.trim();
    if (!name || known.has(name.toLowerCase()) || taxonomy.resolve(name)) continue;
    const mentions = candidate.mentions.filter(
      (span) =>
        span.start >= 0 &&
        span.end <= analysis.text.length &&
        analysis.text.slice(span.start, span.end) === span.text,
    );
    known.add(name.toLowerCase());
    skills.push({
      id: `enriched:${name.toLowerCase().replace(/\s+/g, '-')}`,
      canonical: name,
      category: candidate.category === 'other' ? 'domain' : candidate.category,
      importance: candidate.importance,
      mentions: mentions.map((span) => ({
        ...span,
        source: 'text',
        section: 'other',
        importance: candidate.importance,
      })),
      origin: 'enrichment',
    });
  }
  // Must skills first, then nice (a stable sort keeps each group in its order).
  return skills.sort((a, b) => Number(a.importance === 'nice') - Number(b.importance === 'nice'));
}
