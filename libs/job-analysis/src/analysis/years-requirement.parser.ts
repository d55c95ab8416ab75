import { NUMBER_WORDS as ENGLISH_NUMBERS } from '@app/core';

import { type TextSpan } from './job-analysis.types';

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  a: 1,
  an: 1,
  ...ENGLISH_NUMBERS,
  'a couple of': 2,
  couple: 2,
};

const NUM = String.raw`(\d{1,2}(?:\.\d)?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|a couple of)`;
const DASH = String.raw`\s*(?:-|–|—|to)\s*`;
/**
 * "5+ years", "5 + yrs", "five years", "3-5 years", "3 to 5 years", "between 3 and 5 years", "5 or more years",
 * "at least three years'", "a minimum of 2 years", "one year", "a year".
 */
const YEARS = new RegExp(
  String.raw`\b(?:(at least|a minimum of|minimum of|minimum|min\.?|over|more than|upwards of|in excess of|around|about|approximately|roughly|~|up to|less than|under|no more than|a maximum of|maximum|max\.?)\s+)?` +
    String.raw`(?:between\s+${NUM}\s+and\s+${NUM}|${NUM}\s*(?:\+|plus)?(?:${DASH}${NUM}\s*\+?)?(?:\s+or more)?|(a|an))` +
    String.raw`\s*(?:\(\d{1,2}\+?\)\s*)?(?:full[- ]time\s+)?(?:years?|yrs?)\b'?`,
  'gi',
);

/** A qualifier that makes the number a ceiling, not a minimum. */
const CEILING = /^(?:up to|less than|under|no more than|a maximum of|maximum|max\.?)$/i;
/**
 * A number standing for years said earlier in the sentence without one: "Many years of experience in SRE;
 * we imagine 8 or more, with several at senior level".
 */
const BARE_NUMBER = /\b(\d{1,2})\s*(?:\+|or more)(?=\s*(?:[,;.)]|$|with\b|and\b))/gi;
/** A number of the years just stated: "5+ years of Android, at least 3 of them with Kotlin", "2 of which with Laravel". */
const BACK_REFERENCE = new RegExp(
  String.raw`\b(?:at least\s+)?${NUM}\s*\+?\s+of\s+(?:them|which|those)\b`,
  'gi',
);
const NUMBERLESS_YEARS = /\b(?:many|several|multiple|a number of|some)\s+years\b/i;

/** What may follow a years phrase that states experience ("of", "in", "building", "experience"). */
const EXPERIENCE_AFTER =
  /^\.?'?s?\s*(?:of|in|with|as|at|working|building|writing|developing|designing|operating|running|using|programming|coding|shipping|leading|managing|delivering|deploying|maintaining|creating|doing|professional|commercial|hands-on|practical|relevant|industry|production|proven|post|experience|exp\b|combined|total|overall|\()/i;
/** What marks a years phrase as something else: age, history, a plan, a contract. */
const NOT_EXPERIENCE_AFTER =
  /^\.?'?s?\s*(?:ago|old|later|from now|of (?:history|growth|runway|funding)|in business|running\b)/i;
const NOT_EXPERIENCE_BEFORE =
  /\b(?:for|over|in|within|after) the (?:past|last|next|first)\s*$|\b(?:vest\w*|founded|since)\b[^.]*$/i;

/** A stated minimum of years, before it is tied to skills. Offsets into the text given. */
export interface YearsPhrase extends TextSpan {
  readonly min: number;
  readonly max?: number;
}

function toNumber(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  const lower = word.toLowerCase();
  if (lower in NUMBER_WORDS) return NUMBER_WORDS[lower];
  const value = Number(lower);
  return Number.isFinite(value) ? Math.floor(value) : undefined;
}

/**
 * Every "N years (of experience)" phrase in `text[start, end)`. A phrase counts when it states experience:
 * followed by "of", "in", "with", "building", "experience", ..., or in a sentence that says "experience";
 * "founded 10 years ago", "over the next 3 years" and "vesting over 4 years" do not.
 */
export function findYearsPhrases(text: string, start = 0, end = text.length): YearsPhrase[] {
  const phrases: YearsPhrase[] = [];
  const scope = text.slice(start, end);
  YEARS.lastIndex = 0;
  for (let m = YEARS.exec(scope); m; m = YEARS.exec(scope)) {
    const [whole, qualifier, betweenLow, betweenHigh, low, high, article] = m;
    let min = toNumber(betweenLow ?? low ?? article);
    let max = toNumber(betweenHigh ?? high);
    if (min === undefined) continue;
    if (qualifier !== undefined && CEILING.test(qualifier)) [min, max] = [0, max ?? min]; // "up to 2 years"
    if (article !== undefined && !/\byear\b/i.test(whole)) continue; // "a years" is no phrase
    const phraseStart = start + m.index;
    const phraseEnd = phraseStart + whole.length;
    const after = text.slice(phraseEnd, phraseEnd + 40);
    const before = text.slice(Math.max(0, phraseStart - 60), phraseStart);
    if (NOT_EXPERIENCE_AFTER.test(after) || NOT_EXPERIENCE_BEFORE.test(before)) continue;
    const aside = /[(:]\s*$/.test(before) && /^\s*[),;]|^\s*$/.test(after); // "Python (3+ years)", "Go: 2 years"
    const stated = EXPERIENCE_AFTER.test(after) || aside;
    if (!stated && !/experience|background/i.test(sentenceAround(text, phraseStart, phraseEnd))) continue;
    phrases.push({
      text: whole,
      start: phraseStart,
      end: phraseEnd,
      min,
      ...(max !== undefined && max > min && { max }),
    });
  }
  BACK_REFERENCE.lastIndex = 0;
  for (let m = BACK_REFERENCE.exec(scope); m && phrases.length > 0; m = BACK_REFERENCE.exec(scope)) {
    const phraseStart = start + m.index;
    const min = toNumber(m[1]);
    if (min === undefined || phraseStart < phrases[0].end) continue;
    phrases.push({ text: m[0], start: phraseStart, end: phraseStart + m[0].length, min });
  }
  if (phrases.length === 0 && NUMBERLESS_YEARS.test(scope) && /experience/i.test(scope)) {
    BARE_NUMBER.lastIndex = 0;
    const bare = BARE_NUMBER.exec(scope);
    if (bare) {
      const phraseStart = start + bare.index;
      phrases.push({
        text: bare[0],
        start: phraseStart,
        end: phraseStart + bare[0].length,
        min: Number(bare[1]),
      });
    }
  }
  return phrases;
}

function sentenceAround(text: string, start: number, end: number): string {
  const from = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('. ', start - 1), -1) + 1;
  const newline = text.indexOf('\n', end);
  const dot = text.indexOf('. ', end);
  const to = Math.min(newline === -1 ? text.length : newline, dot === -1 ? text.length : dot + 1);
  return text.slice(from, to);
}

/** Words that may stand between a years phrase and the skill it is for ("5+ years of professional Go"). */
const CONNECTIVES = new Set([
  'of',
  'in',
  'with',
  'using',
  'on',
  'at',
  'as',
  'a',
  'an',
  'the',
  'and',
  'or',
  '&',
  'experience',
  'exp',
  'professional',
  'professionally',
  'commercial',
  'commercially',
  'production',
  'hands-on',
  'practical',
  'proven',
  'relevant',
  'industry',
  'solid',
  'strong',
  'working',
  'building',
  'writing',
  'developing',
  'designing',
  'operating',
  'running',
  'shipping',
  'maintaining',
  'deploying',
  'programming',
  'coding',
  'delivering',
  'doing',
  'creating',
  'leading',
  'managing',
  'combined',
  'total',
  'real-world',
  'modern',
  'large-scale',
  'enterprise',
  'including',
  'especially',
  'mostly',
  'primarily',
  'plus',
]);
const LIST_WORDS = new Set(['and', 'or', '&', 'plus', 'and/or']);
const TAIL_PREPOSITIONS = new Set(['in', 'with', 'using', 'on']);
const MAX_LOOSE_GAP_WORDS = 8;

const gapWords = (gap: string) =>
  gap
    .toLowerCase()
    .replace(/['’]s?\b/g, ' ')
    .split(/[\s,/()"]+/)
    .filter(Boolean);

function gapAllows(gap: string, listing: boolean): boolean {
  if (/[;.:!?\n]/.test(gap)) return false;
  const words = gapWords(gap);
  if (words.every((word) => CONNECTIVES.has(word))) return true;
  if (listing && words.every((word) => LIST_WORDS.has(word))) return true;
  const last = words[words.length - 1];
  return (
    words.length <= MAX_LOOSE_GAP_WORDS &&
    !gap.includes(',') &&
    last !== undefined &&
    TAIL_PREPOSITIONS.has(last)
  );
}

/**
 * The mentions a years phrase is stated for: those right after it, separated only by connective words
 * ("5+ years of professional Go", "3+ years building iOS apps professionally in Swift", "5 years with Python
 * or Go"), or, failing that, the one right before it ("Python (3+ years)", "Go: 2+ years").
 * Returns indexes into `mentions`, which must be sorted by start.
 */
export function skillsForYears(text: string, phrase: TextSpan, mentions: readonly TextSpan[]): number[] {
  const bound: number[] = [];
  let cursor = phrase.end;
  for (let i = 0; i < mentions.length; i++) {
    const mention = mentions[i];
    if (mention.start < cursor) continue;
    if (!gapAllows(text.slice(cursor, mention.start), bound.length > 0)) break;
    bound.push(i);
    cursor = mention.end;
  }
  if (bound.length > 0) return bound;
  for (let i = mentions.length - 1; i >= 0; i--) {
    const mention = mentions[i];
    if (mention.end > phrase.start) continue;
    const gap = text.slice(mention.end, phrase.start);
    if (gap.length <= 4 && /^[\s:(,–—-]*$/.test(gap)) return [i];
    break;
  }
  return [];
}
