import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SkillTaxonomy } from '@app/skills';
import { describe, expect, it } from 'vitest';

import { JobDescriptionAnalyzer } from './job-description.analyzer';

const FIXTURES = join(__dirname, '../../../../test/fixtures/jobs');
const fixtures = existsSync(FIXTURES)
  ? readdirSync(FIXTURES).filter((name) => /^\d+-.+\.txt$/.test(name))
  : [];

/** The labelled descriptions, with the shipped taxonomy: offsets and structure must hold on real postings. */
describe.skipIf(fixtures.length === 0)('JobDescriptionAnalyzer on the labelled job descriptions', () => {
  const analyzer = new JobDescriptionAnalyzer(SkillTaxonomy.shipped());

  it.each(fixtures)('%s: every offset is true to the returned text and sections partition it', (name) => {
    const text = readFileSync(join(FIXTURES, name), 'utf8');
    const { title } = JSON.parse(
      readFileSync(join(FIXTURES, name.replace(/\.txt$/, '.expected.json')), 'utf8'),
    );
    const result = analyzer.analyze({ text, title });

    for (const skill of result.skills) {
      expect(skill.mentions.length).toBeGreaterThan(0);
      for (const mention of skill.mentions) {
        const source = mention.source === 'title' ? (result.title ?? '') : result.text;
        expect(source.slice(mention.start, mention.end)).toBe(mention.text);
      }
    }
    for (const span of [...result.years, ...result.education, ...result.responsibilities]) {
      expect(result.text.slice(span.start, span.end)).toBe(span.text);
    }
    for (const keyword of result.keywords) {
      for (const mention of keyword.mentions)
        expect(result.text.slice(mention.start, mention.end)).toBe(mention.text);
    }
    expect(result.sections[0].start).toBe(0);
    for (let i = 1; i < result.sections.length; i++) {
      expect(result.sections[i].start).toBe(result.sections[i - 1].end);
    }
    expect(result.sections[result.sections.length - 1].end).toBe(result.text.length);
    if (text.trimStart().startsWith('<')) {
      expect(result.format).toBe('html');
      expect(result.text).not.toMatch(/<\/?(?:p|li|ul|h\d|strong)\b|&(?:amp|nbsp|rsquo);/);
    }
    expect(analyzer.analyze({ text, title })).toEqual(result);
  });
});
