import { type ProseContext, type ProseRuleData } from './skill-data.types';
import { type SkillToken } from './skill-tokenizer';

/** A disambiguation rule ready to apply (sets instead of arrays). */
export interface ProseRule {
  readonly cased?: ReadonlySet<string>;
  readonly context: ProseContext;
  readonly notBefore: ReadonlySet<string>;
  readonly notAfter: ReadonlySet<string>;
  readonly notAfterNumber: boolean;
  readonly notPrecededBy: readonly string[];
  readonly notFollowedBy: readonly string[];
  readonly cues: ReadonlySet<string>;
}

const NUMBER = '#num';
/** Cue words are looked for this many words either side, within the sentence. */
const CUE_WINDOW = 6;
const SENTENCE_BREAK = /[!?;\n\r]|\.(?:\s|$)/;
/** Cue words are looked for across single line breaks (bullets under a heading), not across paragraphs. */
const CUE_BREAK = /[!?;]|\.(?:\s|$)|\n[ \t]*\r?\n/;
const ITEM_START = /[!?:;\n\r|*\u2022\u00b7]|\.(?:\s|$)|(?:^|\s)[-\u2013\u2014](?:\s|$)/;

export function compileRule(data: ProseRuleData): ProseRule {
  const notAfter = data.notAfter ?? [];
  return {
    cased: data.cased ? new Set(data.cased) : undefined,
    context: data.context ?? 'none',
    notBefore: new Set(data.notBefore ?? []),
    notAfter: new Set(notAfter.filter((word) => word !== NUMBER)),
    notAfterNumber: notAfter.includes(NUMBER),
    notPrecededBy: (data.notPrecededBy ?? []).map((s) => s.toLowerCase()),
    notFollowedBy: (data.notFollowedBy ?? []).map((s) => s.toLowerCase()),
    cues: new Set(data.cues ?? []),
  };
}

/** Where a candidate sits: its first and last token and the tokens of the whole text. */
export interface CandidateSpan {
  readonly text: string;
  readonly tokens: readonly SkillToken[];
  readonly first: number;
  readonly last: number;
}

function gapBefore({ text, tokens }: CandidateSpan, index: number): string {
  return text.slice(index === 0 ? 0 : tokens[index - 1].end, tokens[index].start);
}

/** Checks that need only the words around the candidate: case, neighbouring words, adjacent text. */
export function passesLocalChecks(rule: ProseRule, span: CandidateSpan): boolean {
  const { text, tokens, first, last } = span;
  const start = tokens[first].start;
  const end = tokens[last].end;
  if (rule.cased && !rule.cased.has(text.slice(start, end))) return false;
  const before = text.slice(Math.max(0, start - 24), start).toLowerCase();
  if (rule.notPrecededBy.some((s) => before.endsWith(s))) return false;
  const after = text.slice(end, end + 24).toLowerCase();
  if (rule.notFollowedBy.some((s) => after.startsWith(s))) return false;
  if (
    first > 0 &&
    !SENTENCE_BREAK.test(gapBefore(span, first)) &&
    rule.notBefore.has(tokens[first - 1].norm)
  ) {
    return false;
  }
  const next = tokens[last + 1];
  if (next && !SENTENCE_BREAK.test(gapBefore(span, last + 1))) {
    if (rule.notAfter.has(next.norm)) return false;
    if (rule.notAfterNumber && /^\d/.test(next.norm)) return false;
  }
  return true;
}

/** Whether the candidate opens a sentence, a line or a list item (where English capitalises any word). */
export function opensSentence(span: CandidateSpan): boolean {
  return span.first === 0 || ITEM_START.test(gapBefore(span, span.first));
}

/** Whether the rule asks for context here. */
export function needsContext(rule: ProseRule, span: CandidateSpan): boolean {
  switch (rule.context) {
    case 'none':
      return false;
    case 'sentence-start':
      return opensSentence(span);
    default:
      return true;
  }
}

/** Whether a cue word (shared or the rule's own) stands near the candidate, in the same sentence. */
export function hasCueNearby(rule: ProseRule, sharedCues: ReadonlySet<string>, span: CandidateSpan): boolean {
  if (rule.context === 'list') return false;
  const { tokens, first, last } = span;
  const isCue = (token: SkillToken) => sharedCues.has(token.norm) || rule.cues.has(token.norm);
  for (let i = first - 1; i >= Math.max(0, first - CUE_WINDOW); i -= 1) {
    if (CUE_BREAK.test(gapBefore(span, i + 1))) break;
    if (isCue(tokens[i])) return true;
  }
  for (let i = last + 1; i <= Math.min(tokens.length - 1, last + CUE_WINDOW); i += 1) {
    if (CUE_BREAK.test(gapBefore(span, i))) break;
    if (isCue(tokens[i])) return true;
  }
  return false;
}

/** Whether the text between two mentions ends a sentence (or a line), so that they do not share context. */
export function breaksSentence(between: string): boolean {
  return SENTENCE_BREAK.test(between);
}

/** Whether the text between two mentions makes them items of one enumeration: ", ", "/", " and ", " or ", a new bullet… */
export function isListGap(between: string): boolean {
  if (between.length > 16) return false;
  const words = between.replace(/\b(?:and|or|plus|nor|as well as)\b/gi, '+');
  const marks = words.replace(/[ \t\u00a0]+/g, '');
  // Commas, slashes, 'and'/'or'… or line breaks with an optional bullet (one skill per line).
  return marks.length > 0 && marks.length <= 6 && /^[,/&|;+()\n\r*\u2022\u00b7-]+$/.test(marks);
}
