/** A word of the input: letters and digits, plus a trailing '++' or '#' (C++, C#) and a leading '.' (.NET). */
export interface SkillToken {
  /** Lower-cased text, the key used to look phrases up. */
  readonly norm: string;
  readonly start: number;
  readonly end: number;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:\+\+|#)?/gu;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** Splits text into words once; offsets are UTF-16 indices into `text`. */
export function tokenize(text: string): SkillToken[] {
  const tokens: SkillToken[] = [];
  for (const match of text.matchAll(WORD)) {
    let start = match.index;
    const end = start + match[0].length;
    // '.NET' keeps its dot when the dot does not end a word ('ASP.NET' is 'asp' + 'net').
    if (start > 0 && text[start - 1] === '.' && (start === 1 || !WORD_CHAR.test(text[start - 2]))) start -= 1;
    tokens.push({ norm: text.slice(start, end).toLowerCase(), start, end });
  }
  return tokens;
}

/** The phrase key of a name: its words, lower-cased, joined by one space ('Node.js' → 'node js'). */
export function phraseKey(name: string): string {
  return tokenize(name)
    .map((token) => token.norm)
    .join(' ');
}

/**
 * Whether two words separated by `gap` may belong to one phrase: a space or two, a hyphen or dash
 * ('-', '\u2010', '\u2011', '\u2013': "Reed–Solomon"), '_', '.', '/', an ampersand ("Weights & Biases",
 * "ATT&CK") or nothing.
 */
export function isJoinableGap(gap: string): boolean {
  return /^(?:[ \t\u00a0]{1,2}|[-\u2010\u2011\u2013_./]|[ \t\u00a0]?&[ \t\u00a0]?)?$/.test(gap);
}

/** Whether every gap inside `name` is joinable, i.e. the name can be matched as a phrase in prose. */
export function isPhrase(name: string): boolean {
  const tokens = tokenize(name);
  if (tokens.length === 0) return false;
  for (let i = 1; i < tokens.length; i += 1) {
    if (!isJoinableGap(name.slice(tokens[i - 1].end, tokens[i].start))) return false;
  }
  return true;
}
