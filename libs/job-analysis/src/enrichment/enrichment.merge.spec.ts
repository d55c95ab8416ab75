import { SkillTaxonomy } from '@app/skills';
import { describe, expect, it } from 'vitest';

import { JobDescriptionAnalyzer } from '../analysis/job-description.analyzer';
import { type JobAnalysisResult } from '../analysis/job-analysis.types';
import { JobAnalysisEngine } from '../job-analysis.engine';
import { mergeEnrichment } from './enrichment.merge';
import { type EnrichedSkill, JobAnalysisEnricher, OfflineJobAnalysisEnricher } from './job-analysis.enricher';

const taxonomy = SkillTaxonomy.shipped();
const analyzer = new JobDescriptionAnalyzer(taxonomy);
const TEXT =
  'Backend Engineer\n\nRequirements:\n- 4+ years of Python and PostgreSQL\n- Experience with Acme Flux pipelines\n\n' +
  'Nice to have:\n- Kubernetes';

/** An enricher answering a fixed list, as an LLM provider might (including wrong and duplicate answers). */
class ListEnricher extends JobAnalysisEnricher {
  readonly provider = 'test-llm';
  constructor(private readonly answer: EnrichedSkill[]) {
    super();
  }
  async enrich(): Promise<EnrichedSkill[]> {
    return this.answer;
  }
}

const span = (analysis: JobAnalysisResult, text: string) => {
  const start = analysis.text.indexOf(text);
  return { text, start, end: start + text.length };
};

describe('mergeEnrichment', () => {
  const analysis = analyzer.analyze({ text: TEXT });

  it('adds only skills the analysis and the taxonomy lack, marked as enrichment', () => {
    const merged = mergeEnrichment(
      analysis,
      [
        {
          canonical: 'Acme Flux',
          category: 'tool',
          importance: 'must',
          mentions: [span(analysis, 'Acme Flux')],
        },
        { canonical: 'python', category: 'language', importance: 'nice', mentions: [] },
        { canonical: 'Golang', category: 'language', importance: 'must', mentions: [] },
      ],
      taxonomy,
    );
    const added = merged.filter((skill) => skill.origin === 'enrichment');
    expect(added.map((skill) => skill.canonical)).toEqual(['Acme Flux']);
    expect(added[0]).toMatchObject({ id: 'enriched:acme-flux', importance: 'must' });
    expect(added[0].mentions[0]).toMatchObject({ text: 'Acme Flux', source: 'text' });
  });

  it('never removes or changes a deterministic finding', () => {
    const merged = mergeEnrichment(
      analysis,
      [{ canonical: 'Python', category: 'language', importance: 'nice', mentions: [] }],
      taxonomy,
    );
    const deterministic = merged.filter((skill) => skill.origin === 'taxonomy');
    expect(deterministic.map(({ origin: _origin, ...skill }) => skill)).toEqual(analysis.skills);
    expect(merged.find((skill) => skill.canonical === 'Python')?.importance).toBe('must');
  });

  it('drops mentions that do not quote the text', () => {
    const merged = mergeEnrichment(
      analysis,
      [
        {
          canonical: 'Acme Flux',
          category: 'tool',
          importance: 'must',
          mentions: [{ text: 'Acme Flux', start: 0, end: 9 }],
        },
      ],
      taxonomy,
    );
    expect(merged.find((skill) => skill.origin === 'enrichment')?.mentions).toEqual([]);
  });
});

describe('JobAnalysisEngine', () => {
  it('reports the offline provider and adds nothing by default', async () => {
    const engine = new JobAnalysisEngine(analyzer, new OfflineJobAnalysisEnricher(), taxonomy);
    const result = await engine.analyze({ text: TEXT });
    expect(result.enrichment).toEqual({ provider: 'offline', added: 0 });
    expect(result.skills.map((skill) => skill.canonical)).toEqual(
      analyzer.analyze({ text: TEXT }).skills.map((skill) => skill.canonical),
    );
    expect(engine.version).toMatch(/:offline$/);
  });

  it('puts the provider in its version, so enriched analyses are cached apart', async () => {
    const engine = new JobAnalysisEngine(
      analyzer,
      new ListEnricher([{ canonical: 'Acme Flux', category: 'tool', importance: 'must', mentions: [] }]),
      taxonomy,
    );
    expect(engine.version).toMatch(/:test-llm$/);
    const result = await engine.analyze({ text: TEXT });
    expect(result.enrichment).toEqual({ provider: 'test-llm', added: 1 });
  });
});
