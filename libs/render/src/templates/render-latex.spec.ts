import type { ResumeDocument } from '@app/resumes/document';
import { describe, expect, it } from 'vitest';

import { RenderOptionsError, TEMPLATES, renderLatex, resolveRenderOptions } from './render-latex';
import { displayUrl, formatDateRange, formatLocation, formatResumeDate } from './resume-format';
import { TEMPLATE_IDS } from './template-design';

import typical from '../../test/fixtures/01-typical-backend.json';

const doc = () => structuredClone(typical) as ResumeDocument;

describe('formatResumeDate / formatDateRange', () => {
  it('shows months by name and ranges with an en dash', () => {
    expect(formatResumeDate('2021')).toBe('2021');
    expect(formatResumeDate('2021-03')).toBe('Mar 2021');
    expect(formatResumeDate('2021-12-31')).toBe('Dec 2021');
    expect(formatDateRange('2021-03', undefined)).toBe('Mar 2021 – Present');
    expect(formatDateRange('2018-01', '2021-02')).toBe('Jan 2018 – Feb 2021');
    expect(formatDateRange('2015', '2015')).toBe('2015');
    expect(formatDateRange(undefined, '2015')).toBe('2015');
    expect(formatDateRange(undefined, undefined)).toBeUndefined();
  });

  it('formats places and printed links', () => {
    expect(formatLocation({ address: 'Main St 1', city: 'Berlin', countryCode: 'DE' })).toBe('Berlin, DE');
    expect(formatLocation({})).toBeUndefined();
    expect(displayUrl('https://www.linkedin.com/in/jane/')).toBe('linkedin.com/in/jane');
  });
});

describe('renderLatex', () => {
  it('lists the three templates with versions and options', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
    for (const t of TEMPLATES) {
      expect(t.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(t.options.paper).toEqual(['letter', 'a4']);
    }
    expect(TEMPLATES.find((t) => t.id === 'modern')?.options.accentColor?.default).toMatch(/^#[0-9A-F]{6}$/);
  });

  it.each(TEMPLATE_IDS)('%s: a complete document with the required preamble', (template) => {
    const tex = renderLatex(doc(), { template, paper: 'a4', showEvidence: false });
    expect(tex).toMatch(/^\\documentclass/);
    expect(tex.trimEnd().endsWith('\\end{document}')).toBe(true);
    for (const line of [
      '\\pdfgentounicode=1',
      '\\input{glyphtounicode}',
      '\\usepackage[T1]{fontenc}',
      '\\usepackage{lmodern}',
      'a4paper',
    ]) {
      expect(tex).toContain(line);
    }
    expect(tex).toContain('\\href{mailto:jane.doe@example.com}');
    expect(tex).toContain('\\href{https://github.com/janedoe}');
    expect(tex).toContain('Mar 2021 – Present');
    expect(tex).not.toMatch(/\\write18|\\openin|\\immediate/);
    // Only the packages CI installs.
    const packages = [...tex.matchAll(/\\usepackage(?:\[[^\]]*\])?\{([^}]+)\}/g)].map((m) => m[1]);
    expect(new Set(packages)).toEqual(
      new Set(['fontenc', 'inputenc', 'lmodern', 'geometry', 'xcolor', 'enumitem', 'hyperref']),
    );
  });

  it('is deterministic', () => {
    const options = { template: 'modern', paper: 'letter', showEvidence: true } as const;
    expect(renderLatex(doc(), options)).toBe(renderLatex(doc(), options));
  });

  it('shows evidence as numbered links only when asked', () => {
    const without = renderLatex(doc(), { template: 'classic', paper: 'letter', showEvidence: false });
    expect(without).not.toContain('\\evmark{');
    const withEvidence = renderLatex(doc(), { template: 'classic', paper: 'letter', showEvidence: true });
    expect(withEvidence).toContain(
      'TypeScript\\evmark{\\href{https://github.com/janedoe?tab=repositories}{1}}',
    );
    expect(withEvidence).toContain('\\ressection{Evidence}');
    expect(withEvidence).toContain('\\item[\\hypertarget{ev-3}{}3.] github\\_\\allowbreak{}repo:');
  });

  it('escapes every user string and links only safe URLs', () => {
    const d = doc();
    d.basics.name = 'Eve \\input{/etc/passwd}';
    d.basics.url = 'javascript:alert(1)';
    d.experience[0].company = 'A & B_{x}';
    d.skills[0].items[0].name = '^^5c^^5c';
    const tex = renderLatex(d, { template: 'compact', paper: 'letter', showEvidence: false });
    expect(tex).not.toContain('\\input{/etc');
    expect(tex).toContain('Eve \\textbackslash{}input\\{/etc/passwd\\}');
    expect(tex).toContain('A \\& B\\_\\{x\\}');
    expect(tex).not.toContain('^^');
    expect(tex).not.toContain('\\href{javascript');
  });

  it('validates options', () => {
    const base = { template: 'modern', paper: 'letter', showEvidence: false } as const;
    expect(resolveRenderOptions({ ...base, accentColor: '#1f6feb' }).accentHex).toBe('1F6FEB');
    expect(resolveRenderOptions(base).accentHex).toBe('1F4E79');
    for (const bad of [
      { ...base, accentColor: 'red' },
      { ...base, accentColor: '#12345}' },
      { ...base, template: 'fancy' },
      { ...base, paper: 'legal' },
      { ...base, template: 'constructor' },
    ]) {
      expect(() => renderLatex(doc(), bad as never)).toThrow(RenderOptionsError);
    }
  });

  it('resolves options canonically: accent colour lower-cased, and dropped where the template has none', () => {
    const modern = { template: 'modern', paper: 'letter', showEvidence: false } as const;
    expect(resolveRenderOptions({ ...modern, accentColor: '#1F6FEB' })).toEqual({
      ...modern,
      accentColor: '#1f6feb',
      accentHex: '1F6FEB',
    });
    for (const template of ['classic', 'compact'] as const) {
      const options = { template, paper: 'a4', showEvidence: true } as const;
      const resolved = resolveRenderOptions({ ...options, accentColor: '#ABCDEF' });
      expect(resolved).toEqual(resolveRenderOptions(options));
      expect(resolved).not.toHaveProperty('accentColor');
      expect(renderLatex(doc(), { ...options, accentColor: '#ABCDEF' })).toBe(renderLatex(doc(), options));
    }
    expect(() =>
      resolveRenderOptions({ template: 'classic', paper: 'a4', showEvidence: false, accentColor: 'x' }),
    ).toThrow(RenderOptionsError);
  });

  it('leaves out empty sections and parts', () => {
    const minimal: ResumeDocument = {
      basics: { name: 'Sam' },
      skills: [{ name: 'Scripts', items: [{ name: '日本語' }] }],
      experience: [],
      projects: [],
      education: [],
      certifications: [],
      languages: [],
    };
    const tex = renderLatex(minimal, { template: 'classic', paper: 'letter', showEvidence: true });
    expect(tex).not.toContain('\\ressection{');
    expect(tex).toContain('Sam');
  });
});
