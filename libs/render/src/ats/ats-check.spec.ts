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
    expect(containsTerm('we use go.', 'go')).toBe(true);
  });

  it('counts + # & always, and . - between letters, as part of a word', () => {
    expect(containsTerm('c++, c#, objective-c', 'c')).toBe(false);
    expect(containsTerm('c++, c#, c', 'c')).toBe(true);
    expect(containsTerm('c/c++', 'c')).toBe(true);
    expect(containsTerm('r&d, python', 'r')).toBe(false);
    expect(containsTerm('a go-to tool', 'go')).toBe(false);
    expect(containsTerm('node.js', 'node')).toBe(false);
    expect(containsTerm('c++', 'c++')).toBe(true);
  });
});

describe('atsCheck', () => {
  const text = `Jane
Skills
Languages: Go, C#, .NET, Java 3
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
Certifications
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
    expect(atsCheck(d, 'SKILLS\nGo, Ştefan')).toEqual({ checked: 2, recovered: 2, missing: [] });
    expect(droppedByRenderer(d)).toEqual([
      { path: 'skills[0].items[0].name', characters: ['🚀'] },
      { path: 'skills[0].items[1].name', characters: ['日', '本', '語'] },
      { path: 'skills[0].items[2].name', characters: ['Ș'] },
    ]);
  });
});

describe('atsCheck: each fact where it belongs', () => {
  const bare = (over: Partial<ResumeDocument>): ResumeDocument =>
    doc({ skills: [], experience: [], projects: [], education: [], certifications: [], ...over });
  const skills = (...names: string[]) => [{ name: 'L', items: names.map((name) => ({ name })) }];

  it('finds C, R and Go only as whole terms (not in C++, C#, Objective-C, R&D, go-to, Google)', () => {
    const d = bare({ skills: skills('C', 'R', 'Go') });
    const text = 'Skills\nC++, C#, Objective-C, R&D, go-to tooling, Google Cloud\nExperience\n';
    expect(atsCheck(d, text).missing).toEqual([
      { kind: 'skill', value: 'C' },
      { kind: 'skill', value: 'R' },
      { kind: 'skill', value: 'Go' },
    ]);
    expect(atsCheck(d, 'Skills\nC++, C, R&D, R, Go').missing).toEqual([]);
  });

  it('looks for skills in the Skills section only', () => {
    const d = bare({
      summary: 'Go and Rust.',
      skills: skills('Go', 'Rust'),
      experience: [{ company: 'Acme', position: 'Go developer', bullets: [{ text: 'Rust' }] }],
    });
    const text = 'Jane\nSummary\nGo and Rust.\nExperience\nAcme\nGo developer\n• Rust';
    expect(atsCheck(d, text).missing).toEqual([
      { kind: 'skill', value: 'Go' },
      { kind: 'skill', value: 'Rust' },
    ]);
    expect(atsCheck(d, text.replace('Experience', 'Skills\nGo, Rust\nExperience')).missing).toEqual([]);
  });

  it('counts every occurrence: the same date range in two entries, one removed, is reported', () => {
    const d = bare({
      experience: [
        { company: 'Acme', position: 'Engineer', startDate: '2019', endDate: '2020', bullets: [] },
        { company: 'Beta', position: 'Engineer', startDate: '2019', endDate: '2020', bullets: [] },
      ],
    });
    expect(atsFacts(d).filter((f) => f.kind === 'date')).toHaveLength(2);
    const both = 'Experience\nAcme 2019 – 2020\nEngineer\nBeta 2019 – 2020\nEngineer\n';
    expect(atsCheck(d, both)).toEqual({ checked: 6, recovered: 6, missing: [] });
    for (const text of [
      'Experience\nAcme 2019 – 2020\nEngineer\nBeta\nEngineer\n',
      'Experience\nAcme\nEngineer\nBeta 2019 – 2020\nEngineer\n',
    ]) {
      expect(atsCheck(d, text).missing).toEqual([{ kind: 'date', value: '2019 – 2020' }]);
    }
    expect(atsCheck(d, 'Experience\nAcme 2019 – 2020\nEngineer\nBeta 2019 – 2020\n').missing).toEqual([
      { kind: 'title', value: 'Engineer' },
    ]);
  });

  it('finds an entry title before or after its employer, dates after it, never in bullets', () => {
    const d = bare({
      experience: [
        { company: 'Acme', position: 'Lead', startDate: '2021-03', bullets: [] },
        { company: 'Beta', position: 'Engineer', startDate: '2018', endDate: '2021', bullets: [] },
      ],
    });
    const titleFirst = 'EXPERIENCE\nLead\nAcme • Mar 2021 – Present\nEngineer\nBeta • 2018 – 2021\n';
    expect(atsCheck(d, titleFirst).missing).toEqual([]);
    // The dates of Beta printed under Acme only (before Beta) are not Beta's.
    expect(atsCheck(d, 'EXPERIENCE\nAcme 2018 – 2021\nLead\nBeta\nEngineer\n').missing).toEqual([
      { kind: 'date', value: 'Mar 2021 – Present' },
      { kind: 'date', value: '2018 – 2021' },
    ]);
    expect(atsCheck(d, 'EXPERIENCE\nAcme\nLead\n• Engineer, 2018 – 2021, Beta\n').missing).toEqual([
      { kind: 'date', value: 'Mar 2021 – Present' },
      { kind: 'employer', value: 'Beta' },
      { kind: 'title', value: 'Engineer' },
      { kind: 'date', value: '2018 – 2021' },
    ]);
  });

  it('does not take a year for one end of a longer range', () => {
    const d = bare({ education: [{ institution: 'TU Berlin', startDate: '2015', endDate: '2015' }] });
    expect(atsCheck(d, 'Education\nTU Berlin 2011 – 2015\n').missing).toEqual([
      { kind: 'date', value: '2015' },
    ]);
    expect(atsCheck(d, 'Education\nTU Berlin 2015\n').missing).toEqual([]);
  });

  it('reports the facts of a section whose heading is gone', () => {
    const text = 'Jane\nExperience\nAT&T\nSoftware Engineer Mar 2021 – Present\n';
    const report = atsCheck(doc({ projects: [], education: [], certifications: [] }), text);
    expect(report.missing.map((m) => m.kind)).toEqual(['skill', 'skill', 'skill', 'skill']);
  });
});
