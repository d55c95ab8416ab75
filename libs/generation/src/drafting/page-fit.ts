import { type ResumeDocument } from '@app/resumes/document';

/** One way of shortening a resume that did not fit its page limit, and what it left out. */
export interface FitCut {
  /** For people: `at most 3 bullets per earlier position`. */
  label: string;
  apply(document: ResumeDocument, score: LineScore): ResumeDocument;
}

/** How much a line says about the job (e.g. how many of its skills it names); ties keep the draft's order. */
export type LineScore = (text: string) => number;

/** The entry with its `max` best bullets, in their original order. */
function capBullets<T extends { bullets: { text: string }[] }>(entry: T, max: number, score: LineScore): T {
  if (entry.bullets.length <= max) return entry;
  const keep = new Set(
    entry.bullets
      .map((bullet, index) => ({ index, score: score(bullet.text) }))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, max)
      .map((ranked) => ranked.index),
  );
  return { ...entry, bullets: entry.bullets.filter((_, index) => keep.has(index)) };
}

/**
 * The summary's first `sentences` sentences. A sentence ends at `.`, `!` or `?` followed by a space and a capital
 * (or an opening quote or parenthesis), so "Node.js", "3.5 years" and "Acme Inc., Stripe" stay whole. The result
 * is always a prefix of the summary (or the summary itself): a cut can shorten a claim away, never change it.
 */
export function firstSentences(text: string, sentences: number): string {
  const parts = text.trim().split(/(?<=[.!?])\s+(?=[A-Z“"'(])/);
  const shortened = parts.slice(0, sentences).join(' ');
  return text.trim().startsWith(shortened) ? shortened : text;
}

/**
 * Shortening steps, mildest first, each applied on top of the ones before. They only ever remove content, so a
 * fitted resume claims nothing its fact-checked draft did not: the bullets that say least about the job go
 * first (by `score`), and drafts order positions newest first and projects and skills strongest first.
 */
export const FIT_CUTS: readonly FitCut[] = [
  {
    label: 'at most 4 bullets per position, 3 projects',
    apply: (doc, score) => ({
      ...doc,
      experience: doc.experience.map((entry) => capBullets(entry, 4, score)),
      projects: doc.projects.slice(0, 3),
    }),
  },
  {
    label: 'at most 3 bullets per earlier position, one per project',
    apply: (doc, score) => ({
      ...doc,
      experience: doc.experience.map((entry, i) => (i === 0 ? entry : capBullets(entry, 3, score))),
      projects: doc.projects.map((project) => capBullets(project, 1, score)),
    }),
  },
  {
    label: 'a two-sentence summary, 2 projects, at most 2 certifications',
    apply: (doc) => ({
      ...doc,
      ...(doc.summary ? { summary: firstSentences(doc.summary, 2) } : {}),
      projects: doc.projects.slice(0, 2),
      certifications: doc.certifications.slice(0, 2),
    }),
  },
  {
    label: 'at most 2 bullets per earlier position, 10 skills per group',
    apply: (doc, score) => ({
      ...doc,
      experience: doc.experience.map((entry, i) => (i === 0 ? entry : capBullets(entry, 2, score))),
      skills: doc.skills.map((group) => ({ ...group, items: group.items.slice(0, 10) })),
    }),
  },
  {
    label: 'one project',
    apply: (doc) => ({ ...doc, projects: doc.projects.slice(0, 1) }),
  },
  {
    label: 'at most 3 bullets for the latest position',
    apply: (doc, score) => ({
      ...doc,
      experience: doc.experience.map((entry, i) => (i === 0 ? capBullets(entry, 3, score) : entry)),
    }),
  },
  {
    label: 'one bullet per earlier position',
    apply: (doc, score) => ({
      ...doc,
      experience: doc.experience.map((entry, i) => (i === 0 ? entry : capBullets(entry, 1, score))),
    }),
  },
  {
    label: 'no projects, the four strongest skill groups, a one-sentence summary',
    apply: (doc) => ({
      ...doc,
      projects: [],
      skills: doc.skills.slice(0, 4),
      ...(doc.summary ? { summary: firstSentences(doc.summary, 1) } : {}),
    }),
  },
  {
    label: 'the 4 latest positions, no certifications',
    apply: (doc) => ({ ...doc, experience: doc.experience.slice(0, 4), certifications: [] }),
  },
];

/** The document after the first `steps` cuts (0: unchanged), and the labels of the cuts that changed it. */
export function shortened(
  document: ResumeDocument,
  steps: number,
  score: LineScore = () => 0,
): { document: ResumeDocument; cuts: string[] } {
  let current = document;
  const cuts: string[] = [];
  for (const cut of FIT_CUTS.slice(0, steps)) {
    const next = cut.apply(current, score);
    if (JSON.stringify(next) !== JSON.stringify(current)) cuts.push(cut.label);
    current = next;
  }
  return { document: current, cuts };
}

/**
 * The least-shortened version of `document` that renders within `maxPages`: a binary search over the cuts
 * (pages only fall as cuts add up), so about three renders instead of one per cut. `pagesOf` renders (the
 * render cache makes a repeated document free). When even every cut does not fit, the most shortened is
 * returned with `fits: false`.
 */
export async function fitToPages(
  document: ResumeDocument,
  maxPages: number,
  pagesOf: (document: ResumeDocument) => Promise<number>,
  score: LineScore = () => 0,
): Promise<{
  document: ResumeDocument;
  pages: number;
  originalPages: number;
  cuts: string[];
  fits: boolean;
}> {
  const originalPages = await pagesOf(document);
  if (originalPages <= maxPages)
    return { document, pages: originalPages, originalPages, cuts: [], fits: true };
  const fullyCut = shortened(document, FIT_CUTS.length, score);
  const fullyCutPages = await pagesOf(fullyCut.document);
  if (fullyCutPages > maxPages) return { ...fullyCut, pages: fullyCutPages, originalPages, fits: false };
  // Invariant: `low` cuts do not fit, `high` cuts do.
  let low = 0;
  let high = FIT_CUTS.length;
  let best = { ...fullyCut, pages: fullyCutPages };
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const candidate = shortened(document, middle, score);
    const candidatePages = await pagesOf(candidate.document);
    if (candidatePages <= maxPages) {
      high = middle;
      best = { ...candidate, pages: candidatePages };
    } else low = middle;
  }
  return { ...best, originalPages, fits: true };
}
