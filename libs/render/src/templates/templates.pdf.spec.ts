/**
 * End to end: document -> renderLatex -> sandboxed pdflatex -> pdftotext -> ATS check, for the fixture
 * corpus in every template, and for hostile documents. Everything is compiled once (two at a time) in
 * `beforeAll`; the tests read the results.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { ResumeDocument } from '@app/resumes/document';
import { beforeAll, describe, expect, it } from 'vitest';

import { ATS_TEXT_EXTRACTION, atsCheck, atsFacts, normalizeForAts } from '../ats';
import { LatexCompileError, LatexCompiler } from '../compile';
import { PdfTools } from '../pdf';
import { type RenderOptions, TEMPLATE_IDS, type TemplateId, formatDateRange, renderLatex } from '.';

const FIXTURES = join(__dirname, '../../test/fixtures');
const fixtures = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({
    name: file.replace(/\.json$/, ''),
    document: JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as ResumeDocument,
  }));

/** Pages each fixture takes: long ones flow to exactly two, a few dense ones may; the rest fit one. */
const TWO_PAGES = new Set(['05-long-eight-positions', '20-senior-two-pages']);
const UP_TO_TWO = new Set(['06-many-skills', '10-long-bullets', '19-evidence-heavy']);
const A4_SUBSET = new Set(['01-typical-backend', '05-long-eight-positions']);
const WITH_EVIDENCE = new Set(['19-evidence-heavy']);

interface Rendered {
  name: string;
  options: RenderOptions;
  document: ResumeDocument;
  pages: number;
  text: string;
  log: string;
}

const marker = randomBytes(6).toString('hex');
const PWNED = `/tmp/pwned-${marker}`;
const HOSTILE = [
  '\\input{/etc/passwd}',
  '\\include{/etc/passwd}',
  '\\openin5=/etc/passwd \\read5 to\\line \\line',
  `\\write18{touch ${PWNED}}`,
  `\\immediate\\write18{touch ${PWNED}}`,
  '\\immediate\\write\\out{x}',
  '\\catcode`\\^=7 \\catcode`\\%=12',
  '^^5cinput^^7b/etc/passwd^^7d',
  '\\def\\x{\\x}\\x',
  '\\csname input\\endcsname{/etc/passwd}',
  '}{ } { {{',
  '$x^2$ # & _ % ~',
  '\u0000\u0007\u001b[2J\u007f',
  'مرحبا שלום \u202eevil',
  '😀🚀👩🏽‍💻',
].join(' ');
/** Hostile strings that the fonts can show: each must be in the text as typed. */
const SHOWN_LITERALLY = [
  '\\input{/etc/passwd}',
  '\\include{/etc/passwd}',
  `\\write18{touch ${PWNED}}`,
  '\\catcode`\\^=7',
  '^^5cinput^^7b/etc/passwd^^7d',
  '\\def\\x{\\x}\\x',
  '\\csname input\\endcsname{/etc/passwd}',
  '}{ } { {{',
  '$x^2$ # & _ % ~',
];
const HOSTILE_URL = 'https://example.com/{\\input{/etc/passwd}}/^^5c%zz#x~y';

function hostileDocument(): ResumeDocument {
  const h = HOSTILE;
  const evidence = [{ kind: 'manual' as const, id: h, url: HOSTILE_URL }];
  return {
    basics: {
      name: h,
      label: h,
      email: `${h}@example.com`,
      phone: h,
      url: HOSTILE_URL,
      location: { city: h, region: h, countryCode: 'DE' },
      profiles: [
        { network: h, username: h },
        { network: h, url: HOSTILE_URL },
      ],
    },
    summary: `${h} ${'x'.repeat(100_000)}`,
    skills: [{ name: h, level: h, items: [{ name: h, evidence }, { name: h }] }],
    experience: [
      {
        company: h,
        position: h,
        url: HOSTILE_URL,
        location: h,
        startDate: '2021-03',
        summary: h,
        bullets: [{ text: h, evidence }],
      },
    ],
    projects: [
      {
        name: h,
        description: h,
        url: HOSTILE_URL,
        keywords: [h],
        roles: [h],
        bullets: [{ text: h }],
        evidence,
      },
    ],
    education: [
      { institution: h, url: HOSTILE_URL, area: h, studyType: h, score: h, courses: [h], evidence },
    ],
    certifications: [{ name: h, issuer: h, date: '2023', url: HOSTILE_URL, evidence }],
    languages: [{ language: h, fluency: h }],
  };
}

/** Whitespace removed, quotes and dashes folded (T1 draws ` and ' as curly quotes). */
const squash = (text: string) => normalizeForAts(text).replace(/\s+/g, '');

describe('templates, compiled (pdflatex + pdftotext)', () => {
  const compiler = new LatexCompiler({ timeoutMs: 30_000, maxConcurrency: 2, maxQueue: 256 });
  const tools = new PdfTools();
  const corpus: Rendered[] = [];
  const hostile = new Map<TemplateId, Rendered | LatexCompileError>();

  async function compile(name: string, document: ResumeDocument, options: RenderOptions): Promise<Rendered> {
    const result = await compiler.compile(renderLatex(document, options));
    const text = await tools.extractText(result.pdf, ATS_TEXT_EXTRACTION);
    return { name, options, document, pages: result.pages, text, log: result.log };
  }

  beforeAll(async () => {
    const jobs: Promise<void>[] = [];
    for (const { name, document } of fixtures) {
      for (const template of TEMPLATE_IDS) {
        const papers = A4_SUBSET.has(name) ? (['letter', 'a4'] as const) : (['letter'] as const);
        for (const paper of papers) {
          const options = { template, paper, showEvidence: WITH_EVIDENCE.has(name) };
          jobs.push(compile(name, document, options).then((rendered) => void corpus.push(rendered)));
        }
      }
    }
    for (const template of TEMPLATE_IDS) {
      jobs.push(
        compile('hostile', hostileDocument(), { template, paper: 'letter', showEvidence: true }).then(
          (rendered) => void hostile.set(template, rendered),
          (error: unknown) => {
            if (!(error instanceof LatexCompileError)) throw error;
            hostile.set(template, error);
          },
        ),
      );
    }
    await Promise.all(jobs);
  }, 240_000);

  it('the corpus has at least 20 documents, each compiled in every template', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    expect(corpus.length).toBe(fixtures.length * TEMPLATE_IDS.length + A4_SUBSET.size * TEMPLATE_IDS.length);
  });

  it('an ATS recovers every skill, employer, title, project, institution and date (100%)', () => {
    const failures = corpus
      .map((r) => ({
        at: `${r.name} ${r.options.template}/${r.options.paper}`,
        report: atsCheck(r.document, r.text),
      }))
      .filter(({ report }) => report.missing.length > 0 || report.checked === 0);
    expect(failures).toEqual([]);
  });

  it('without the Skills section, the ATS check reports every skill missing and nothing else', () => {
    let skills = 0;
    for (const r of corpus) {
      const at = `${r.name} ${r.options.template}/${r.options.paper}`;
      const lines = r.text.split('\n');
      const start = lines.findIndex((line) => /^skills$/i.test(line.trim()));
      const facts = atsFacts(r.document).filter((fact) => fact.kind === 'skill');
      if (facts.length === 0) continue;
      expect(start, at).toBeGreaterThan(0);
      const end = lines.findIndex(
        (line, i) => i > start && /^(experience|projects|education)$/i.test(line.trim()),
      );
      const withoutSkills = [...lines.slice(0, start), ...lines.slice(end)].join('\n');
      expect(atsCheck(r.document, withoutSkills).missing, at).toEqual(
        facts.map(({ value }) => ({ kind: 'skill', value })),
      );
      skills += facts.length;
    }
    expect(skills).toBeGreaterThan(250);
  });

  it('an entry whose dates are removed is reported, even when another entry shows the same dates', () => {
    let removed = 0;
    for (const r of corpus) {
      const at = `${r.name} ${r.options.template}/${r.options.paper}`;
      for (const fact of atsFacts(r.document)) {
        if (fact.kind !== 'date' || !fact.shown.includes(' – ')) continue;
        // The last printed occurrence not in a bullet: this entry's or a later entry with the same dates.
        const lines = r.text.split('\n');
        const line = lines.findLastIndex((l) => l.includes(fact.shown) && !l.trimStart().startsWith('•'));
        if (line === -1) continue;
        lines[line] = lines[line].replace(fact.shown, '');
        const report = atsCheck(r.document, lines.join('\n'));
        expect(report.missing, `${at}: ${fact.shown}`).toEqual([{ kind: 'date', value: fact.value }]);
        removed++;
      }
    }
    expect(removed).toBeGreaterThan(150);
  });

  it('typical documents fit one page; long ones flow to two', () => {
    const pages = corpus.map((r) => ({
      at: `${r.name} ${r.options.template}/${r.options.paper}`,
      name: r.name,
      pages: r.pages,
    }));
    for (const { at, name, pages: count } of pages) {
      const expected = TWO_PAGES.has(name) ? [2] : UP_TO_TWO.has(name) ? [1, 2] : [1];
      expect(expected, at).toContain(count);
    }
  });

  it('nothing runs into the margins (no overfull boxes)', () => {
    const overfull = corpus
      .filter((r) => /Overfull \\hbox/.test(r.log))
      .map((r) => `${r.name} ${r.options.template}`);
    expect(overfull).toEqual([]);
  });

  it('text reads in order: name first, sections in document order', () => {
    for (const r of corpus.filter((x) => x.name === '01-typical-backend')) {
      const text = r.text.toLowerCase();
      // Section titles on a line of their own; names anywhere.
      const at = (word: string) =>
        /^[a-z]+$/.test(word) && word !== 'acme'
          ? text.search(new RegExp(`^${word}$`, 'm'))
          : text.indexOf(word);
      const order = [
        'jane doe',
        'summary',
        'skills',
        'experience',
        'acme gmbh',
        'beta labs',
        'projects',
        'education',
        'certifications',
      ].map(at);
      expect(
        order.every((at) => at >= 0),
        r.options.template,
      ).toBe(true);
      expect(
        [...order].sort((a, b) => a - b),
        `${r.options.template}: ${r.text}`,
      ).toEqual(order);
    }
  });

  it('keeps each entry together: employer, its dates, then its bullets, in every template', () => {
    for (const r of corpus.filter((x) => x.name === '01-typical-backend')) {
      const [first] = r.document.experience;
      const employer = r.text.indexOf(first.company);
      const dates = r.text.indexOf(formatDateRange(first.startDate, first.endDate) ?? '(no dates)', employer);
      const bullet = r.text.indexOf(first.bullets[0].text.slice(0, 30), employer);
      expect(employer, r.options.template).toBeGreaterThanOrEqual(0);
      expect(dates, `${r.options.template}: ${r.text}`).toBeGreaterThan(employer);
      expect(bullet, `${r.options.template}: ${r.text}`).toBeGreaterThan(dates);
    }
  });

  describe.each(TEMPLATE_IDS)('hostile document in %s', (template) => {
    it('compiles, leaks no file, runs nothing, and shows the hostile text literally', () => {
      const rendered = hostile.get(template);
      if (rendered instanceof LatexCompileError) {
        // A clean failure is acceptable; a leak is not.
        expect(JSON.stringify(rendered.errors)).not.toContain('root:x:');
        return;
      }
      expect(rendered).toBeDefined();
      const { text, pages } = rendered as Rendered;
      expect(pages).toBeGreaterThan(1); // the 100 KB field flows over pages
      expect(text).not.toContain('root:x:');
      expect(existsSync(PWNED)).toBe(false);
      const flat = squash(text);
      for (const literal of SHOWN_LITERALLY) expect(flat, literal).toContain(squash(literal));
      expect(flat).toContain('x'.repeat(2_000));
      expect(text).not.toMatch(/[\u0600-\u06ff\u0590-\u05ff]|\p{Extended_Pictographic}/u);
    });
  });
});
