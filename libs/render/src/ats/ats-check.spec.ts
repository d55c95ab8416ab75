import type { ResumeDocument } from '@app/resumes/document';
import { describe, expect, it } from 'vitest';

import { atsCheck, atsFacts, containsTerm, droppedByRenderer, normalizeForAts } from './ats-check';

const doc = (over: Partial<ResumeDocument> = {}): ResumeDocument => ({
  basics: { name: 'Jane' },
  skills: [{ name: 'L', items: [{ name: 'Go' }, { name: 'C#' }, { name: '.NET' }, { name: 'Java' }] }],
  experience: [{ company: 'AT&T', position: 'Software Engineer', startDate: '2021-03', bullets: [] }],
  projects: [{ name: 'pgshard', bullets: [] }],
  education: [{ institution: 'TU Berlin', startDate: '2014', endDate: '2016' }],
  certifications: [{ name: 'CKA', date: '2023-06-01' }],
  languages: [],
  ...over,
});

describe('normalizeForAts', () => {
  it('folds ligatures, dashes, quotes, dotless i and case', () => {
    expect(normalizeForAts('ﬁnance ﬂow — – − ’ “x” ı̃ Straße')).toBe('finance flow - - - \' "x" ĩ straße');
    expect(normalizeForAts('a. . . b')).toBe('a... b');
  });
});

describe('containsTerm', () => {
  it('respects word boundaries but lets symbols touch punctuation', () => {
    expect(containsTerm('google cloud', 'go')).toBe(false);
    expect(containsTerm('javascript', 'java')).toBe(false);
    expect(containsTerm('skills: go, rust', 'go')).toBe(true);
    expect(containsTerm('c#, c++', 'c#')).toBe(true);
    expect(containsTerm('asp.net', '.net')).toBe(true);
    expect(containsTerm('typescript 1, go', 'typescript')).toBe(true);
  });
});

describe('atsCheck', () => {
  const text = `Jane
Skills: Go, C#, .NET, Java 3
Experience
AT&T
Mar 2021 – Present
Soft-
ware Engineer
Projects
pg-
shard
Education
TU Berlin 2014 – 2016
CKA Jun 2023`;

  it('recovers every fact across line breaks, hyphenation and dash styles', () => {
    expect(atsFacts(doc()).map((f) => `${f.kind}:${f.shown}`)).toEqual([
      'skill:Go',
      'skill:C#',
      'skill:.NET',
      'skill:Java',
      'employer:AT&T',
      'title:Software Engineer',
      'date:Mar 2021 – Present',
      'project:pgshard',
      'institution:TU Berlin',
      'date:2014 – 2016',
      'date:Jun 2023',
    ]);
    expect(atsCheck(doc(), text)).toEqual({ checked: 11, recovered: 11, missing: [] });
  });

  it('reports what is missing', () => {
    const report = atsCheck(doc(), text.replace('Java 3', 'JavaScript').replace('TU Berlin', 'TU'));
    expect(report.missing).toEqual([
      { kind: 'skill', value: 'Java' },
      { kind: 'institution', value: 'TU Berlin' },
    ]);
    expect(report.recovered).toBe(9);
  });

  it('compares with what the renderer meant to show', () => {
    const d = doc({
      skills: [{ name: 'L', items: [{ name: 'Go 🚀' }, { name: '日本語' }, { name: 'Ștefan' }] }],
      experience: [],
      projects: [],
      education: [],
      certifications: [],
    });
    expect(atsCheck(d, 'Go, Ştefan')).toEqual({ checked: 2, recovered: 2, missing: [] });
    expect(droppedByRenderer(d)).toEqual([
      { path: 'skills[0].items[0].name', characters: ['🚀'] },
      { path: 'skills[0].items[1].name', characters: ['日', '本', '語'] },
      { path: 'skills[0].items[2].name', characters: ['Ș'] },
    ]);
  });
});
