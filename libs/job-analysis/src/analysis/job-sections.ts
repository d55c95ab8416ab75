import { type JobSection, type JobSectionKind } from './job-analysis.types';
import { type TextLine, splitLines } from './text-lines';

/**
 * Heading wording → section kind, tried in order (the first match wins, so "Preferred qualifications" is
 * `preferred` before "qualifications" could make it `requirements`, and "About you" is `requirements`
 * before "about" could make it `about`). Matched against the heading lowercased, without markup.
 */
const HEADING_KINDS: readonly (readonly [JobSectionKind, RegExp])[] = [
  ['eeo', /equal (employment )?opportunit|\beeo\b|diversity|inclusi(on|vity)|accommodation|non-?discriminat/],
  [
    'context',
    /for context|for reference|\bfyi\b|\b(tech(nology|nical)?|our|the|current) stack\b|^stack$|tools we use|tech(nolog(y|ies))? we use|our (tools|technolog)/,
  ],
  [
    'preferred',
    /nice[- ]to[- ]haves?|\bbonus|preferred|\bpluses\b|\bplus\b|extra credit|stand out|sets? you apart|good[- ]to[- ]haves?|desir(ed|able)|\boptional|brownie|even better|would be (great|nice|a plus|helpful|awesome)|not required|\bideal(ly)?\b(?! (candidate|profile))|advantage|would make you|great if|love (it )?if|additional (skills|qualifications)|what would help|icing on/,
  ],
  [
    'benefits',
    /benefit|perks|what we offer|we offer|our offer|compensation|salary|\bpay\b|why you('ll| will) love|what('s| is) in it|in return|what you('ll| will)? get\b|rewards|package|we provide|why (join|work)/,
  ],
  [
    'process',
    /how to apply|^apply|application process|hiring process|interview|recruit|next steps|our process|the process|location|logistics|practicalities|working (hours|arrangements?)|contract type|start date|employment type/,
  ],
  [
    'requirements',
    /about you|who you are|what you('ll| will)? (need|bring)|you('ll| will)? (have|need|bring)\b|you (should|must) (have|be|bring)|\byou have\b|\byou are\b|you('re| are) (a|an)\b|fit in if/,
  ],
  [
    'about',
    /^about (?!(you|the (role|job|position|opportunity|team|work)))|who we are|^(our|the) (company|story|mission|culture|values)\b|company (overview|description|profile)|about the company|about us|how we work|life at|^why (?!(this|the) (role|position|job)|we('re| are) hiring)/,
  ],
  ['role', /^(about |meet |the |your |our )?team\b/],
  [
    'responsibilities',
    /responsibilit|what you('ll| will) (do|be doing|work on|own|build|achieve)|day[- ]to[- ]day|duties|your (mission|impact|day|tasks|work)\b|in this role|key tasks|the work\b|what the (job|role) involves|you('ll| will)\b|\btasks\b|what you'll be/,
  ],
  [
    'role',
    /the (role|job|position|opportunity|team)\b|role (overview|summary|description)|job (description|summary|overview)|position (overview|summary)|about the (role|job|position|opportunity|team|work)|overview|summary|your role|why (this (role|position)|we('re| are) hiring)|the challenge|^team\b/,
  ],
  [
    'requirements',
    /requirement|qualifications|looking for|must[- ]haves?|skills|experience|essential|we expect|we need|ideal (candidate|profile)|profile|competenc|knowledge|what it takes|your background|must have|required|specification|what we ask|criteria/,
  ],
];

/** The kind a heading names, or undefined for a heading we cannot place. */
export function classifyHeading(heading: string): JobSectionKind | undefined {
  const lower = heading.toLowerCase().replace(/\s+/g, ' ').trim();
  for (const [kind, pattern] of HEADING_KINDS) if (pattern.test(lower)) return kind;
  return undefined;
}

/** A paragraph that is an equal-opportunity statement wherever it stands. */
const EEO_PARAGRAPH =
  /equal (employment )?opportunity|regardless of (race|gender|age|religion|sex|color|colour)|without regard to|(do not|don't) discriminate|reasonable (adjustments|accommodations?)|diverse and inclusive|from (people|candidates) of all backgrounds/i;
/** A paragraph that tells how to apply. */
const APPLY_PARAGRAPH =
  /\b(send(?:ing)? us (?:a|your) (?:cv|resume|résumé)|sending (?:a|your) (?:cv|resume|résumé)|apply (?:now|today|here|via|through)|to apply\b|click apply|express your interest)/i;
/** A paragraph that opens with the offer. */
const BENEFITS_PARAGRAPH =
  /^(?:salary|compensation|pay|we offer|benefits|perks|what we offer|you'll get|you will get|in return)\b/i;

const INLINE_HEADING = /^([^:]{2,40}?)\s*:\s*(\S.*)$/;
const MAX_HEADING_WORDS = 10;
/** Kinds an inline heading in a list item may switch to, for that item only ("- Nice to have: Kafka"). */
const ITEM_KINDS = new Set<JobSectionKind>(['preferred']);
/**
 * Kinds an inline heading opening a paragraph may switch to ("Perks: ...", "Bonus: ..."); requirement and
 * duty wording only as a one- or two-word heading ("Requirements: ..."), since "Experience with X: ..." is
 * a requirement sentence, not a heading.
 */
const PARAGRAPH_KINDS = new Set<JobSectionKind>([
  'preferred',
  'benefits',
  'process',
  'eeo',
  'about',
  'context',
]);

interface HeadingMatch {
  readonly kind: JobSectionKind;
  readonly heading: string;
  /** `section`: until the next heading; `paragraph`: until the next blank line; `line`: this line only. */
  readonly scope: 'section' | 'paragraph' | 'line';
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
const letterCount = (text: string) => (text.match(/\p{L}/gu) ?? []).length;

/** The heading a line is, if any: Markdown ("## X"), bold ("**X**"), "X:", ALL CAPS, or a known standalone phrase. */
export function matchHeading(
  line: TextLine,
  previous: TextLine | undefined,
  next: TextLine | undefined,
): HeadingMatch | undefined {
  const content = line.text.slice(line.contentStart - line.start).trim();
  if (content === '') return undefined;
  if (line.bullet) {
    const whole = /^(.{2,60}?)\s*:$/.exec(content);
    const wholeKind = whole ? classifyHeading(whole[1]) : undefined;
    if (whole && wholeKind && wordCount(whole[1]) <= 6)
      return { kind: wholeKind, heading: whole[1], scope: 'section' };
    const inline = INLINE_HEADING.exec(content);
    const kind = inline ? classifyHeading(inline[1]) : undefined;
    if (inline && kind && ITEM_KINDS.has(kind) && wordCount(inline[1]) <= 5) {
      return { kind, heading: inline[1], scope: 'line' };
    }
    return undefined;
  }

  const markdown = /^#{1,6}\s+/.exec(content);
  let core = markdown ? content.slice(markdown[0].length) : content;
  const bold = /^(\*\*|__)(.+?)\1\s*(:?)\s*$/.exec(core);
  if (bold) core = bold[2] + bold[3];
  core = core.replace(/^[^\p{L}\p{N}]+/u, '').trim();
  const colon = /:$/.test(core);
  if (colon) core = core.replace(/\s*:$/, '');
  if (core === '') return undefined;
  const words = wordCount(core);
  const kind = classifyHeading(core);
  const upper = letterCount(core) >= 4 && core === core.toUpperCase() && /\p{Lu}/u.test(core);
  const afterBlank = previous === undefined || previous.text === '';
  const standalone = afterBlank && next !== undefined && next.text !== '';
  const plain = words <= 8 && !/[.!?,;]$/.test(core) && /^[\p{Lu}\p{N}]/u.test(core);

  if ((markdown || bold) && words <= 12) return { kind: kind ?? 'other', heading: core, scope: 'section' };
  if (colon && words <= MAX_HEADING_WORDS) return { kind: kind ?? 'other', heading: core, scope: 'section' };
  if (upper && words <= 8 && (kind || (words >= 2 && letterCount(core) >= 8))) {
    return { kind: kind ?? 'other', heading: core, scope: 'section' };
  }
  if (plain && kind && (afterBlank || next === undefined || next.bullet || next.text === '')) {
    return { kind, heading: core, scope: 'section' };
  }
  if (plain && words <= 6 && standalone && previous !== undefined) {
    return { kind: 'other', heading: core, scope: 'section' };
  }

  const inline = INLINE_HEADING.exec(content);
  if (inline && wordCount(inline[1]) <= 5) {
    const head = inline[1].replace(/^[^\p{L}\p{N}]+|\*+/gu, '');
    const inlineKind = classifyHeading(head);
    if (inlineKind && (PARAGRAPH_KINDS.has(inlineKind) || wordCount(head) <= 2)) {
      return { kind: inlineKind, heading: inline[1], scope: 'paragraph' };
    }
  }
  return undefined;
}

interface LineKind {
  readonly line: TextLine;
  kind: JobSectionKind;
  heading?: string;
}

/**
 * Splits a normalised description into sections by its headings. The sections partition the text: each
 * runs from its heading (or the text's start, `intro`) to the next one. An inline heading in a list item
 * ("- Nice to have: Kafka") covers that item; one in a paragraph ("Perks: ...") covers that paragraph.
 * A paragraph that is an equal-opportunity statement is `eeo`, and one that says how to apply is `process`,
 * wherever they stand.
 */
export function segmentJobText(text: string): JobSection[] {
  const lines = splitLines(text);
  const kinds: LineKind[] = [];
  let section: { kind: JobSectionKind; heading?: string } = { kind: 'intro' };
  let paragraphOverride: { kind: JobSectionKind; heading: string } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.text === '') paragraphOverride = undefined;
    const heading = matchHeading(line, lines[i - 1], lines[i + 1]);
    if (heading?.scope === 'section') {
      section = { kind: heading.kind, heading: heading.heading };
      paragraphOverride = undefined;
    } else if (heading?.scope === 'paragraph') {
      paragraphOverride = { kind: heading.kind, heading: heading.heading };
    }
    const current = heading?.scope === 'line' ? heading : (paragraphOverride ?? section);
    kinds.push({ line, kind: current.kind, heading: current.heading });
  }
  markParagraphs(kinds);
  return mergeLines(kinds, text.length);
}

function markParagraphs(kinds: LineKind[]): void {
  let first = 0;
  for (let i = 0; i <= kinds.length; i++) {
    if (i < kinds.length && kinds[i].line.text !== '') continue;
    const paragraph = kinds.slice(first, i);
    const prose = paragraph.filter(({ line }) => !line.bullet).map(({ line }) => line.text);
    const joined = prose.join(' ');
    const override = EEO_PARAGRAPH.test(joined)
      ? 'eeo'
      : APPLY_PARAGRAPH.test(joined)
        ? 'process'
        : BENEFITS_PARAGRAPH.test(joined)
          ? 'benefits'
          : undefined;
    if (override && prose.length > 0 && prose.length === paragraph.length) {
      for (const entry of paragraph) entry.kind = override;
    }
    first = i + 1;
  }
}

function mergeLines(kinds: readonly LineKind[], length: number): JobSection[] {
  const sections: JobSection[] = [];
  for (const { line, kind, heading } of kinds) {
    const last = sections[sections.length - 1];
    const sameSection = last && last.kind === kind && last.heading === heading;
    if (sameSection || (last && line.text === '')) {
      sections[sections.length - 1] = { ...last, end: line.end };
      continue;
    }
    if (last) sections[sections.length - 1] = { ...last, end: line.start };
    sections.push({ kind, ...(heading !== undefined && { heading }), start: line.start, end: line.end });
  }
  if (sections.length > 0) sections[sections.length - 1] = { ...sections[sections.length - 1], end: length };
  return sections;
}

/** The section an offset falls in (sections partition the text, so there is exactly one). */
export function sectionAt(sections: readonly JobSection[], offset: number): JobSection | undefined {
  let low = 0;
  let high = sections.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (offset < sections[mid].start) high = mid - 1;
    else if (offset >= sections[mid].end && mid < sections.length - 1) low = mid + 1;
    else return sections[mid];
  }
  return undefined;
}
