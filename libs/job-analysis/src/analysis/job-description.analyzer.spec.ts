import { type SkillCategory, type SkillDefinition, type SkillMention } from '@app/skills';
import { describe, expect, it } from 'vitest';

import { type JobAnalysisResult } from './job-analysis.types';
import { JobDescriptionAnalyzer } from './job-description.analyzer';

/** A stand-in taxonomy: whole-word, case-sensitive matches of a few names (longest first). */
class FakeTaxonomy {
  private readonly skills: SkillDefinition[];
  private readonly pattern: RegExp;

  constructor(entries: Record<string, SkillCategory>) {
    this.skills = Object.entries(entries).map(([canonical, category]) => ({
      id: canonical.toLowerCase().replace(/[^a-z0-9+#]+/g, '-'),
      canonical,
      category,
      aliases: [],
      related: [],
      source: 'taxonomy',
    }));
    const names = Object.keys(entries)
      .sort((a, b) => b.length - a.length)
      .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.pattern = new RegExp(`(?<![\\w+#])(?:${names.join('|')})(?![\\w+#])`, 'g');
  }

  resolve(name: string): SkillDefinition | undefined {
    return this.skills.find((skill) => skill.canonical.toLowerCase() === name.toLowerCase());
  }

  findMentions(text: string): SkillMention[] {
    return [...text.matchAll(this.pattern)].map((match) => {
      const skill = this.resolve(match[0]) as SkillDefinition;
      const start = match.index ?? 0;
      return {
        id: skill.id,
        canonical: skill.canonical,
        category: skill.category,
        text: match[0],
        start,
        end: start + match[0].length,
      };
    });
  }
}

const taxonomy = new FakeTaxonomy({
  Go: 'language',
  Python: 'language',
  Rust: 'language',
  Java: 'language',
  JavaScript: 'language',
  Kafka: 'tool',
  Kubernetes: 'devops',
  Terraform: 'devops',
  PostgreSQL: 'database',
  Redis: 'database',
  Docker: 'devops',
  Slack: 'tool',
  Notion: 'tool',
  gRPC: 'framework',
  Communication: 'soft',
  Payments: 'domain',
});
const analyzer = new JobDescriptionAnalyzer(taxonomy);
const skill = (result: JobAnalysisResult, canonical: string) =>
  result.skills.find((s) => s.canonical === canonical);
const importances = (result: JobAnalysisResult) =>
  Object.fromEntries(result.skills.map((s) => [s.canonical, s.importance]));

const POSTING = `Senior Backend Engineer

About Ledgerline
Ledgerline moves money for lenders. Our platform runs on Kubernetes and Redis.

The role
You will own Go services end to end.

What you'll do
- Build Go services that write to PostgreSQL
- Publish events through Kafka
- Mentor two engineers

Requirements
- 5+ years of professional backend development experience
- At least 3 years writing production Go
- Strong PostgreSQL skills
- Docker is required; Terraform is a plus
- BSc in Computer Science or equivalent experience
- Communication in English

Nice to have
- Kafka in production
- gRPC
- Rust (ideally)

What we offer
- We use Notion and Slack
- A Python-themed hackathon every year

Acme is an equal opportunity employer. We do not discriminate on the basis of Java skills.`;

describe('JobDescriptionAnalyzer', () => {
  const result = analyzer.analyze({ text: POSTING, title: 'Senior Backend Engineer (Go)' });

  it('finds skills with their importance from sections and inline cues; must wins over nice', () => {
    expect(importances(result)).toEqual({
      Go: 'must',
      PostgreSQL: 'must',
      Kafka: 'must', // a duty, and also under "Nice to have"
      Docker: 'must',
      Communication: 'must',
      Terraform: 'nice', // "is a plus"
      gRPC: 'nice',
      Rust: 'nice',
    });
    expect(result.skills.slice(0, 5).every((s) => s.importance === 'must')).toBe(true);
    expect(skill(result, 'Terraform')?.mentions[0].cue).toBe('is a plus');
    expect(skill(result, 'gRPC')?.mentions[0]).toMatchObject({ section: 'preferred', cue: 'Nice to have' });
  });

  it('leaves out skills named only about the company, its offer or in an EEO statement', () => {
    for (const name of ['Kubernetes', 'Redis', 'Notion', 'Slack', 'Python', 'Java']) {
      expect(skill(result, name)).toBeUndefined();
    }
  });

  it('counts a concrete skill named in the title', () => {
    const go = skill(result, 'Go');
    expect(go?.mentions[0]).toMatchObject({ source: 'title', text: 'Go' });
    expect(result.title?.slice(go?.mentions[0].start, go?.mentions[0].end)).toBe('Go');
  });

  it('reads years overall and per skill', () => {
    expect(result.minYears).toBe(5);
    expect(skill(result, 'Go')?.minYears).toBe(3);
    expect(result.years.map((y) => [y.text, y.min, y.skillIds])).toEqual([
      ['5+ years', 5, []],
      ['At least 3 years', 3, ['go']],
    ]);
  });

  it('decides seniority from the title, education and responsibilities', () => {
    expect(result.seniority).toEqual({ level: 'senior', source: 'title', decidedBy: ['Senior'] });
    expect(result.education).toEqual([
      expect.objectContaining({
        text: 'BSc in Computer Science or equivalent experience',
        level: 'bachelor',
        fields: ['Computer Science'],
        orEquivalentExperience: true,
        importance: 'must',
      }),
    ]);
    expect(result.responsibilities.map((r) => r.text)).toEqual([
      'Build Go services that write to PostgreSQL',
      'Publish events through Kafka',
      'Mentor two engineers',
    ]);
  });

  it('gives offsets into the returned text', () => {
    for (const s of result.skills) {
      for (const m of s.mentions) {
        const source = m.source === 'title' ? (result.title ?? '') : result.text;
        expect(source.slice(m.start, m.end)).toBe(m.text);
      }
    }
    for (const span of [...result.years, ...result.education, ...result.responsibilities]) {
      expect(result.text.slice(span.start, span.end)).toBe(span.text);
    }
    for (const keyword of result.keywords) {
      for (const m of keyword.mentions) expect(result.text.slice(m.start, m.end)).toBe(m.text);
    }
  });

  it('decides seniority from the body, years or duties when the title says nothing', () => {
    const body = analyzer.analyze({
      text: "We're hiring a junior developer.\n\nRequirements\n- Go",
      title: 'Developer',
    });
    expect(body.seniority).toMatchObject({ level: 'junior', source: 'description' });
    const years = analyzer.analyze({
      text: 'Requirements\n- 3+ years of Python experience',
      title: 'Developer',
    });
    expect(years.seniority).toEqual({ level: 'mid', source: 'years', decidedBy: ['3+ years'] });
    expect(skill(years, 'Python')?.minYears).toBe(3);
    const duties = analyzer.analyze({
      text: "What you'll do\n- Manage a team of six engineers",
      title: 'Engineer',
    });
    expect(duties.seniority).toMatchObject({ level: 'manager', source: 'responsibilities' });
  });

  it('handles prose without headings: role sentences count, company sentences do not', () => {
    const prose =
      'Our stack is built on Java and Redis. We are looking for an engineer with strong Python. ' +
      'You will deploy to Kubernetes; Kafka experience is a plus. Familiarity with Terraform would be nice.';
    const analysis = analyzer.analyze({ text: prose });
    expect(importances(analysis)).toEqual({
      Python: 'must',
      Kubernetes: 'must',
      Kafka: 'nice',
      Terraform: 'nice',
    });
  });

  it('strips HTML and keeps every offset true to the returned text', () => {
    const html =
      '<h2>Requirements</h2><ul><li>5+ years of <strong>Go</strong> &amp; PostgreSQL</li>' +
      '<li>Kafka&nbsp;is a plus</li></ul><h2>Bonus points</h2><p>Rust</p>' +
      '<h2>Benefits</h2><ul><li>Slack &amp; Notion</li></ul>';
    const analysis = analyzer.analyze({ text: html });
    expect(analysis.format).toBe('html');
    expect(analysis.text).toContain('- 5+ years of Go & PostgreSQL');
    expect(importances(analysis)).toEqual({ Go: 'must', PostgreSQL: 'must', Kafka: 'nice', Rust: 'nice' });
    expect(skill(analysis, 'Go')?.minYears).toBe(5);
    for (const s of analysis.skills) {
      for (const m of s.mentions) expect(analysis.text.slice(m.start, m.end)).toBe(m.text);
    }
  });

  it('does not count negated skills', () => {
    const analysis = analyzer.analyze({ text: 'Requirements\n- This is a Java role, not a JavaScript role' });
    expect(importances(analysis)).toEqual({ Java: 'must' });
  });

  it('returns an empty analysis for empty text', () => {
    const analysis = analyzer.analyze({ text: '   ' });
    expect(analysis).toMatchObject({ text: '', skills: [], years: [], education: [], responsibilities: [] });
    expect(analysis.seniority.level).toBe('mid');
  });
});
