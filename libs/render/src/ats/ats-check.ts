/**
 * The ATS check: can the facts an applicant tracking system looks for be read back from the PDF text?
 *
 * Facts: every skill item, employer, title (position), project name, education institution and every
 * shown date (experience, project and education ranges as printed, e.g. `Mar 2021 – Present`, and
 * certification dates). Each is taken as the renderer shows it (`sanitizeText`: the characters the fonts
 * lack are dropped or replaced on purpose, see `droppedByRenderer`); a fact that shows as nothing is not
 * checked.
 *
 * Both sides are normalised (`normalizeForAts`): dotless i/j (how T1 draws accented i and j) to i/j,
 * Unicode NFKC (ligatures ﬁ ﬂ ﬀ, full-width forms, non-breaking spaces), soft hyphens and zero-width
 * characters removed, every dash and minus to `-`, curly and angle quotes, primes and backticks to `'` /
 * `"`, `. . .` to `...`, lower case, whitespace (line breaks included) collapsed. Line ends are tried
 * three ways, since the extracted text cannot tell them apart: as a space, a hyphen at the line end
 * removed (hyphenation) or kept (an explicit hyphen), and as nothing (a long token broken without a
 * hyphen). A fact is found when it occurs with word boundaries: not inside a longer word (`Go` is not
 * found in `Google`, `Java` not in `JavaScript`), while `C#`, `C++` and `.NET` may touch punctuation.
 */
import type { ResumeDocument } from '@app/resumes/document';

import { sanitizeText, unshownCharacters } from '../latex/latex-escape';
import { formatDateRange, formatResumeDate, present } from '../templates/resume-format';

export type AtsFactKind = 'skill' | 'employer' | 'title' | 'project' | 'institution' | 'date';

export interface AtsFact {
  kind: AtsFactKind;
  /** The value as in the document. */
  value: string;
  /** What the renderer shows of it. */
  shown: string;
}

export interface AtsReport {
  checked: number;
  recovered: number;
  missing: { kind: AtsFactKind; value: string }[];
}

/** The facts the check looks for, each (kind, shown text) once, in document order. */
export function atsFacts(document: ResumeDocument): AtsFact[] {
  const facts: AtsFact[] = [];
  const seen = new Set<string>();
  const add = (kind: AtsFactKind, value: string | undefined) => {
    if (!present(value)) return;
    const shown = sanitizeText(value);
    const key = `${kind}\u0000${normalizeForAts(shown)}`;
    if (shown === '' || seen.has(key)) return;
    seen.add(key);
    facts.push({ kind, value: value.trim(), shown });
  };
  for (const group of document.skills) for (const item of group.items) add('skill', item.name);
  for (const e of document.experience) {
    add('employer', e.company);
    add('title', e.position);
    add('date', formatDateRange(e.startDate, e.endDate));
  }
  for (const p of document.projects) {
    add('project', p.name);
    add('date', formatDateRange(p.startDate, p.endDate));
  }
  for (const e of document.education) {
    add('institution', e.institution);
    add('date', formatDateRange(e.startDate, e.endDate));
  }
  for (const c of document.certifications)
    add('date', present(c.date) ? formatResumeDate(c.date) : undefined);
  return facts;
}

/**
 * How the PDF text is extracted for the check: pdftotext `-raw`, in the order the template writes it (which is
 * reading order: a right-aligned date stays on its title's line, where pdftotext's default column analysis
 * may move it below). Raw mode does not join words hyphenated at a line end; the templates never hyphenate.
 */
export const ATS_TEXT_EXTRACTION = { raw: true } as const;

export function atsCheck(document: ResumeDocument, pdfText: string): AtsReport {
  const haystacks = lineEndReadings(pdfText);
  const facts = atsFacts(document);
  const missing = facts
    .filter((fact) => {
      const needle = collapse(normalizeForAts(fact.shown));
      return !haystacks.some((haystack) => containsTerm(haystack, needle));
    })
    .map(({ kind, value }) => ({ kind, value }));
  return { checked: facts.length, recovered: facts.length - missing.length, missing };
}

/** Character-level normalisation shared by both sides (whitespace is kept, see `collapse`). */
export function normalizeForAts(text: string): string {
  return text
    .replace(/\u0131/g, 'i')
    .replace(/\u0237/g, 'j')
    .normalize('NFKC')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u2010-\u2015\u2043\u2212\ufe58\ufe63\uff0d]/g, '-')
    .replace(/[\u2018-\u201b\u2032\u2035\u0060\u00b4\u2039\u203a]/g, "'")
    .replace(/[\u201c-\u201f\u2033\u2036\u00ab\u00bb]/g, '"')
    .replace(/\.[ \t]\.[ \t]\./g, '...')
    .toLowerCase()
    .normalize('NFC');
}

/** Where the renderer drops or replaces characters on purpose: field path and the characters. */
export function droppedByRenderer(document: ResumeDocument): { path: string; characters: string[] }[] {
  const found: { path: string; characters: string[] }[] = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      if (/\.(url|kind|excerpt)$/.test(path)) return;
      const characters = unshownCharacters(value);
      if (characters.length > 0) found.push({ path, characters });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, path === '' ? key : `${path}.${key}`);
    }
  };
  visit(document, '');
  return found;
}

/** The extracted text read three ways at line ends (see the module comment), each collapsed. */
function lineEndReadings(pdfText: string): string[] {
  const text = normalizeForAts(pdfText).replace(/\r\n?|\f/g, '\n');
  return [
    text,
    text.replace(/-[ \t]*\n[ \t]*/g, ''),
    text.replace(/-[ \t]*\n[ \t]*/g, '-').replace(/[ \t]*\n[ \t]*/g, ''),
  ].map(collapse);
}

function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

const WORD = /[\p{L}\p{N}]/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch);
}

/** `needle` occurs in `haystack` and is not part of a longer word at either end. */
export function containsTerm(haystack: string, needle: string): boolean {
  if (needle === '') return true;
  const first = needle[0];
  const last = needle[needle.length - 1];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    if ((!isWordChar(first) || !isWordChar(before)) && (!isWordChar(last) || !isWordChar(after))) return true;
  }
  return false;
}
