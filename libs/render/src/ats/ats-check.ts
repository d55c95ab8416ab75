/**
 * The ATS check: can the facts an applicant tracking system looks for be read back from the PDF text, each
 * where it belongs?
 *
 * Facts: every skill item, employer, title (position), project name, education institution and every
 * shown date (experience, project and education ranges as printed, e.g. `Mar 2021 – Present`, and
 * certification dates). Each is taken as the renderer shows it (`sanitizeText`: the characters the fonts
 * lack are dropped or replaced on purpose, see `droppedByRenderer`); a fact that shows as nothing is not
 * checked. Every occurrence counts: two entries with the same dates are two facts, and each needs its own
 * occurrence in the text (an occurrence found for one fact is not used again for another).
 *
 * Where: the text is split into sections at the templates' headings (a line that is just `Skills`,
 * `EXPERIENCE`, ..., in the order the templates write them). Skills are looked for in the Skills section,
 * certification dates in Certifications. Experience, Projects and Education are split into entries at
 * their employer / project name / institution, found in document order; an entry's title is looked for
 * between the previous entry's and the next entry's anchor (templates print it before or after the
 * employer), its dates between its own anchor and the next one (always after). A section whose heading is
 * not in the text has all of its facts missing.
 *
 * Both sides are normalised (`normalizeForAts`): dotless i/j (how T1 draws accented i and j) to i/j,
 * Unicode NFKC (ligatures ﬁ ﬂ ﬀ, full-width forms, non-breaking spaces), soft hyphens and zero-width
 * characters removed, every dash and minus to `-`, curly and angle quotes, primes and backticks to `'` /
 * `"`, `. . .` to `...`, lower case, whitespace (line breaks included) collapsed. Line ends are tried
 * three ways, since the extracted text cannot tell them apart: as a space, a hyphen at the line end
 * removed (hyphenation) or kept (an explicit hyphen), and as nothing (a long token broken without a
 * hyphen). A fact is found when it occurs as a whole term (`containsTerm`): not inside a longer word, with
 * `+ # &` always and `. -` between letters or digits counted as part of a word, so `Go` is not found in
 * `Google` or `go-to`, `Java` not in `JavaScript`, `C` not in `C++`, `C#` or `Objective-C`, `R` not in
 * `R&D`; a term that starts or ends with a symbol (`.NET`, `C++`) may touch punctuation there (`ASP.NET`).
 * A date is not found inside a longer range (`2015` is not in `2011 – 2015`).
 */
import type { ResumeDocument } from '@app/resumes/document';

import { sanitizeText, unshownCharacters } from '../latex/latex-escape';
import { formatDateRange, formatResumeDate, present } from '../templates/resume-format';

export type AtsFactKind = 'skill' | 'employer' | 'title' | 'project' | 'institution' | 'date';

/** The section headings the templates write, in their order (`renderLatex`). */
export const ATS_SECTIONS = [
  'summary',
  'skills',
  'experience',
  'projects',
  'education',
  'certifications',
  'languages',
] as const;
export type AtsSection = (typeof ATS_SECTIONS)[number];

export interface AtsFact {
  kind: AtsFactKind;
  /** The value as in the document. */
  value: string;
  /** What the renderer shows of it. */
  shown: string;
  /** The section it is shown in. */
  section: AtsSection;
  /** Index of its entry in `document[section]` (experience, projects, education, certifications). */
  entry?: number;
}

export interface AtsReport {
  checked: number;
  recovered: number;
  missing: { kind: AtsFactKind; value: string }[];
}

/** Kinds that open an entry: the entry is found by them. */
const ANCHORS: ReadonlySet<AtsFactKind> = new Set(['employer', 'project', 'institution']);

/** The facts the check looks for, every occurrence, in document order. */
export function atsFacts(document: ResumeDocument): AtsFact[] {
  const facts: AtsFact[] = [];
  const add = (kind: AtsFactKind, value: string | undefined, section: AtsSection, entry?: number) => {
    if (!present(value)) return;
    const shown = sanitizeText(value);
    if (collapse(normalizeForAts(shown)) === '') return;
    facts.push({ kind, value: value.trim(), shown, section, ...(entry === undefined ? {} : { entry }) });
  };
  for (const group of document.skills) for (const item of group.items) add('skill', item.name, 'skills');
  document.experience.forEach((e, i) => {
    add('employer', e.company, 'experience', i);
    add('title', e.position, 'experience', i);
    add('date', formatDateRange(e.startDate, e.endDate), 'experience', i);
  });
  document.projects.forEach((p, i) => {
    add('project', p.name, 'projects', i);
    add('date', formatDateRange(p.startDate, p.endDate), 'projects', i);
  });
  document.education.forEach((e, i) => {
    add('institution', e.institution, 'education', i);
    add('date', formatDateRange(e.startDate, e.endDate), 'education', i);
  });
  document.certifications.forEach((c, i) => {
    add('date', present(c.date) ? formatResumeDate(c.date) : undefined, 'certifications', i);
  });
  return facts;
}

/**
 * How the PDF text is extracted for the check: pdftotext `-raw`, in the order the template writes it (which is
 * reading order: a right-aligned date stays on its title's line, where pdftotext's default column analysis
 * may move it below). Raw mode does not join words hyphenated at a line end; the templates never hyphenate.
 */
export const ATS_TEXT_EXTRACTION = { raw: true } as const;

export function atsCheck(document: ResumeDocument, pdfText: string): AtsReport {
  const facts = atsFacts(document);
  const text = new AtsText(pdfText);
  const sections = text.sections(renderedSections(document));
  const found = new Set<AtsFact>();
  const look = (fact: AtsFact, scope: Span | undefined): Span | undefined => {
    const span = scope === undefined ? undefined : text.take(needleOf(fact), scope, fact.kind === 'date');
    if (span !== undefined) found.add(fact);
    return span;
  };

  // Skills and certification dates: anywhere in their section, longest first (`React Native` before `React`).
  for (const section of ['skills', 'certifications'] as const) {
    const scope = sections.get(section);
    facts
      .filter((fact) => fact.section === section)
      .sort((a, b) => needleOf(b).length - needleOf(a).length)
      .forEach((fact) => look(fact, scope));
  }

  for (const section of ['experience', 'projects', 'education'] as const) {
    const scope = sections.get(section);
    if (scope === undefined) continue;
    const entries = new Map<number, AtsFact[]>();
    for (const fact of facts.filter((f) => f.section === section)) {
      const list = entries.get(fact.entry ?? -1) ?? [];
      list.push(fact);
      entries.set(fact.entry ?? -1, list);
    }
    const order = [...entries.keys()].sort((a, b) => a - b);
    // The anchors, in document order, each after the previous one found.
    const anchors = new Map<number, Span>();
    let cursor = scope.from;
    for (const entry of order) {
      const anchor = entries.get(entry)!.find((fact) => ANCHORS.has(fact.kind));
      const span = anchor === undefined ? undefined : look(anchor, { from: cursor, to: scope.to });
      if (span !== undefined) {
        anchors.set(entry, span);
        cursor = span.to;
      }
    }
    for (const entry of order) {
      const own = anchors.get(entry);
      let previousEnd = scope.from;
      let nextStart = scope.to;
      for (const other of order) {
        const span = anchors.get(other);
        if (span === undefined) continue;
        if (other < entry) previousEnd = span.to;
        if (other > entry && nextStart === scope.to) nextStart = span.from;
      }
      for (const fact of entries.get(entry)!) {
        if (ANCHORS.has(fact.kind)) continue;
        const from = fact.kind === 'date' && own !== undefined ? own.from : previousEnd;
        look(fact, { from, to: nextStart });
      }
    }
  }

  const missing = facts.filter((fact) => !found.has(fact)).map(({ kind, value }) => ({ kind, value }));
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

/** `needle` occurs in `haystack` as a whole term (see the module comment). Both already normalised. */
export function containsTerm(haystack: string, needle: string): boolean {
  if (needle === '') return true;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    if (isWholeTerm(haystack, at, needle.length)) return true;
  }
  return false;
}

/** A half-open range of offsets in the normalised text. */
interface Span {
  from: number;
  to: number;
}

/** One way of reading the line ends: the text, and for each of its characters the offset it came from. */
interface Reading {
  text: string;
  at: number[];
}

/** The extracted text, normalised, with its sections and the occurrences already taken by a fact. */
class AtsText {
  private readonly source: string;
  private readonly readings: Reading[];
  /** Lines that start with a bullet: the templates print no fact there (bullets are free text). */
  private readonly bulletLines: Span[] = [];
  private readonly taken: Span[] = [];
  private readonly lines: { text: string; from: number; to: number }[] = [];

  constructor(pdfText: string) {
    this.source = normalizeForAts(pdfText).replace(/\r\n?|\f/g, '\n');
    let offset = 0;
    for (const line of this.source.split('\n')) {
      const text = line.trim();
      this.lines.push({ text, from: offset, to: offset + line.length });
      if (text.startsWith('\u2022')) this.bulletLines.push({ from: offset, to: offset + line.length });
      offset += line.length + 1;
    }
    const identity: Reading = { text: this.source, at: new Array<number>(this.source.length) };
    for (let i = 0; i < this.source.length; i++) identity.at[i] = i;
    const hyphenatedEnd = /-[ \t]*\n[ \t]*/g;
    this.readings = [
      replaceAll(identity, [[/\s+/g, ' ']]),
      replaceAll(identity, [
        [hyphenatedEnd, ''],
        [/\s+/g, ' '],
      ]),
      replaceAll(identity, [
        [hyphenatedEnd, '-'],
        [/[ \t]*\n[ \t]*/g, ''],
        [/\s+/g, ' '],
      ]),
    ];
  }

  /**
   * The sections: each from the end of its heading line to the start of the next heading found (or an
   * `Evidence` heading, or the end). The headings of `expected` are looked for in template order, each after the
   * last one found.
   */
  sections(expected: readonly AtsSection[]): Map<AtsSection, Span> {
    const lines = this.lines;
    const headings: { section: AtsSection | 'evidence'; line: number }[] = [];
    let cursor = 0;
    for (const section of [...ATS_SECTIONS.filter((s) => expected.includes(s)), 'evidence'] as const) {
      const line = lines.findIndex((candidate, i) => i >= cursor && candidate.text === section);
      if (line === -1) continue;
      headings.push({ section, line });
      cursor = line + 1;
    }
    const sections = new Map<AtsSection, Span>();
    headings.forEach(({ section, line }, i) => {
      if (section === 'evidence') return;
      const next = headings[i + 1];
      sections.set(section, {
        from: lines[line].to,
        to: next === undefined ? this.source.length : lines[next.line].from,
      });
    });
    return sections;
  }

  /**
   * The first whole-term occurrence of `needle` within `scope`, not taken yet and not on a bullet line, in any
   * reading; it is taken.
   * A date (`isDate`) is not found where it is one end of a longer range.
   */
  take(needle: string, scope: Span, isDate: boolean): Span | undefined {
    for (const { text, at } of this.readings) {
      for (
        let s = text.indexOf(needle, firstAtOrAfter(at, scope.from));
        s !== -1;
        s = text.indexOf(needle, s + 1)
      ) {
        const span = { from: at[s], to: at[s + needle.length - 1] + 1 };
        if (span.from >= scope.to || span.to > scope.to) break;
        if (!isWholeTerm(text, s, needle.length)) continue;
        if (isDate && isPartOfRange(text, s, needle.length)) continue;
        if (overlapsAny(this.taken, span) || overlapsAny(this.bulletLines, span)) continue;
        this.taken.push(span);
        return span;
      }
    }
    return undefined;
  }
}

function overlapsAny(spans: readonly Span[], span: Span): boolean {
  return spans.some((other) => other.from < span.to && span.from < other.to);
}

/** The sections `renderLatex` writes for the document (a section without content has no heading). */
function renderedSections(document: ResumeDocument): AtsSection[] {
  const shows = (value: string | undefined) => present(value) && sanitizeText(value) !== '';
  return ATS_SECTIONS.filter((section) => {
    switch (section) {
      case 'summary':
        return shows(document.summary);
      case 'skills':
        return document.skills.some((group) => group.items.some((item) => shows(item.name)));
      default:
        return document[section].length > 0;
    }
  });
}

/** Applies the replacements one after the other, keeping for each character the offset it came from. */
function replaceAll(reading: Reading, rules: readonly [RegExp, string][]): Reading {
  let current = reading;
  for (const [pattern, replacement] of rules) {
    const { text, at } = current;
    let out = '';
    const outAt: number[] = [];
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      const index = match.index;
      out += text.slice(last, index) + replacement;
      for (let i = last; i < index; i++) outAt.push(at[i]);
      for (let i = 0; i < replacement.length; i++) outAt.push(at[index]);
      last = index + match[0].length;
    }
    out += text.slice(last);
    for (let i = last; i < text.length; i++) outAt.push(at[i]);
    current = { text: out, at: outAt };
  }
  return current;
}

/** The first index whose offset is at least `offset` (offsets never decrease). */
function firstAtOrAfter(at: readonly number[], offset: number): number {
  let low = 0;
  let high = at.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (at[mid] < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

const needles = new WeakMap<AtsFact, string>();
function needleOf(fact: AtsFact): string {
  let needle = needles.get(fact);
  if (needle === undefined) {
    needle = collapse(normalizeForAts(fact.shown));
    needles.set(fact, needle);
  }
  return needle;
}

const WORD = /[\p{L}\p{N}]/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch);
}

/** `+ # &` always join a term to what follows or precedes it; `.` and `-` only between word characters. */
function joinsWord(ch: string | undefined, beyond: string | undefined): boolean {
  if (ch === undefined) return false;
  if (isWordChar(ch) || ch === '+' || ch === '#' || ch === '&') return true;
  return (ch === '.' || ch === '-') && isWordChar(beyond);
}

/** The `length` characters at `at` are a whole term: a word character at either end touches no other word. */
function isWholeTerm(text: string, at: number, length: number): boolean {
  const end = at + length;
  if (isWordChar(text[at]) && joinsWord(text[at - 1], text[at - 2])) return false;
  if (isWordChar(text[end - 1]) && joinsWord(text[end], text[end + 1])) return false;
  return true;
}

/** The date at `at` is one end of a range (`2011 - 2015`): a dash before or after it, across spaces. */
function isPartOfRange(text: string, at: number, length: number): boolean {
  return (
    /-\s*$/.test(text.slice(Math.max(0, at - 3), at)) ||
    /^\s*-/.test(text.slice(at + length, at + length + 3))
  );
}
