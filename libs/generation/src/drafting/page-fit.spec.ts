import { describe, expect, it } from 'vitest';
import { type ResumeDocument } from '@app/resumes/document';

import { resumeV1 } from '../../../resumes/src/document/fixtures/sample-documents';
import { FIT_CUTS, firstSentences, fitToPages, shortened } from './page-fit';

/** A long resume: 5 positions of 6 bullets, 5 projects of 3 bullets, a five-sentence summary. */
function longResume(): ResumeDocument {
  const base = resumeV1();
  const bullet = (n: number) => ({
    text: `Did thing ${n}`,
    evidence: [{ kind: 'manual' as const, id: `m${n}` }],
  });
  return {
    ...base,
    summary: 'One. Two! Three? Four. Five.',
    experience: Array.from({ length: 5 }, (_, i) => ({
      ...base.experience[0],
      name: `Employer ${i}`,
      bullets: Array.from({ length: 6 }, (_, b) => bullet(i * 10 + b)),
    })),
    projects: Array.from({ length: 5 }, (_, i) => ({
      name: `project-${i}`,
      bullets: Array.from({ length: 3 }, (_, b) => bullet(100 + i * 10 + b)),
    })),
  };
}

/** Lines a document takes, a stand-in for typesetting: 40 lines to a page. */
const lines = (doc: ResumeDocument) =>
  6 +
  (doc.summary ? doc.summary.length / 10 : 0) +
  doc.skills.reduce((sum, group) => sum + 1 + group.items.length / 8, 0) +
  doc.experience.reduce((sum, entry) => sum + 2 + entry.bullets.length, 0) +
  doc.projects.reduce((sum, project) => sum + 1 + project.bullets.length, 0);
const pagesByLines = (linesPerPage: number) => async (doc: ResumeDocument) =>
  Math.ceil(lines(doc) / linesPerPage);

describe('page fitting', () => {
  it('every cut only removes: each step is no longer than the one before, and claims stay claims', () => {
    const doc = longResume();
    const texts = (d: ResumeDocument) =>
      new Set([...d.experience, ...d.projects].flatMap((entry) => entry.bullets.map((b) => b.text)));
    let previous = doc;
    for (let step = 1; step <= FIT_CUTS.length; step++) {
      const { document } = shortened(doc, step);
      expect(lines(document)).toBeLessThanOrEqual(lines(previous));
      for (const text of texts(document)) expect(texts(doc).has(text)).toBe(true);
      expect(document.basics).toEqual(doc.basics);
      previous = document;
    }
    expect(shortened(doc, 0).document).toEqual(doc);
    expect(shortened(doc, 3).document.summary).toBe('One. Two!');
  });

  it('shortens a summary to whole sentences, never splitting Node.js, 3.5 or Inc.', () => {
    const cases: [string, number, string][] = [
      ['One. Two! Three? Four.', 2, 'One. Two!'],
      [
        'Backend engineer with 3.5 years of Go. Built services in Node.js and Go. Led a team.',
        1,
        'Backend engineer with 3.5 years of Go.',
      ],
      [
        'Staff Engineer with 12+ years (Vercel Inc., Stripe). Hands-on with Go. Mentor.',
        2,
        'Staff Engineer with 12+ years (Vercel Inc., Stripe). Hands-on with Go.',
      ],
      ['Worked at Booking.com, e.g. on search. Then Go.', 1, 'Worked at Booking.com, e.g. on search.'],
      ['No full stop at all', 1, 'No full stop at all'],
    ];
    for (const [summary, count, expected] of cases) {
      expect(firstSentences(summary, count)).toBe(expected);
      expect(summary.startsWith(firstSentences(summary, count))).toBe(true);
    }
    const doc = { ...longResume(), summary: cases[2][0] };
    for (let step = 0; step <= FIT_CUTS.length; step++)
      expect(doc.summary.startsWith(shortened(doc, step).document.summary ?? '')).toBe(true);
  });

  it('keeps the bullets that say most about the job, in their original order', () => {
    const doc = longResume();
    doc.experience[1].bullets = [
      'Generic one',
      'Kafka and Go',
      'Generic two',
      'Go only',
      'Generic three',
    ].map((text) => ({ text, evidence: [] }));
    const score = (text: string) => (text.includes('Go') ? 2 : 0) + (text.includes('Kafka') ? 1 : 0);
    const step = FIT_CUTS.findIndex((cut) => cut.label.startsWith('at most 2 bullets per earlier')) + 1;
    const { document } = shortened(doc, step, score);
    expect(document.experience[1].bullets.map((b) => b.text)).toEqual(['Kafka and Go', 'Go only']);
    // Without a score the draft's order decides.
    expect(shortened(doc, step).document.experience[1].bullets.map((b) => b.text)).toEqual([
      'Generic one',
      'Kafka and Go',
    ]);
  });

  it('leaves a document that fits alone, with one render', async () => {
    const doc = longResume();
    let renders = 0;
    const result = await fitToPages(doc, 2, async (d) => (renders++, pagesByLines(40)(d)));
    expect(result).toMatchObject({ document: doc, pages: 2, cuts: [], fits: true });
    expect(renders).toBe(1);
  });

  it('finds the mildest cut that fits, in a few renders, and says what it left out', async () => {
    const doc = longResume();
    const pagesOf = pagesByLines(40);
    let renders = 0;
    const result = await fitToPages(doc, 1, async (d) => (renders++, pagesOf(d)));
    expect(result.fits).toBe(true);
    expect(result.pages).toBe(1);
    const steps = FIT_CUTS.findIndex((_, i) => lines(shortened(doc, i + 1).document) <= 40) + 1;
    expect(result.document).toEqual(shortened(doc, steps).document);
    expect(await pagesOf(shortened(doc, steps - 1).document)).toBe(2);
    expect(result.cuts.length).toBe(steps);
    expect(renders).toBeLessThanOrEqual(2 + Math.ceil(Math.log2(FIT_CUTS.length)));
  });

  it('returns the most shortened document, marked as not fitting, when nothing fits', async () => {
    const doc = longResume();
    const result = await fitToPages(doc, 1, pagesByLines(5));
    expect(result.fits).toBe(false);
    expect(result.document).toEqual(shortened(doc, FIT_CUTS.length).document);
    expect(result.pages).toBeGreaterThan(1);
  });
});
