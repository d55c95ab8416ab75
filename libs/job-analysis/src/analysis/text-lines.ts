import { type TextSpan } from './job-analysis.types';

export interface TextLine extends TextSpan {
  /** True for a list item ("- ", "* ", "• ", "1. ", "2) ", "(a) "). */
  readonly bullet: boolean;
  /** Where the content starts, after the bullet marker. */
  readonly contentStart: number;
}

/** A list marker at the start of a line, followed by a space. */
export const BULLET_MARKER = /^(?:[-*•◦▪▫▸►‣●○■□✓✔➤➢→·–—+]|\(?\d{1,2}[.)]|\(?[a-hA-H]\))\s+/;

/** The text's lines with their offsets; the `\n` separators belong to no line. */
export function splitLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end);
    const marker = BULLET_MARKER.exec(line);
    lines.push({
      text: line,
      start,
      end,
      bullet: marker !== null,
      contentStart: start + (marker?.[0].length ?? 0),
    });
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}

/** Abbreviations whose dot ends no sentence. */
const ABBREVIATION =
  /\b(?:e\.g|i\.e|etc|vs|sr|jr|incl|approx|min|max|dept|esp|inc|ltd|co|mr|ms|dr|st|yrs?)\.$/i;
/** A sentence end: `.`, `!` or `?` (a run of them) followed by a space or the end of the line. */
const SENTENCE_END = /[.!?]+(?=\s|$)/g;

/**
 * The sentences of `text` between `start` and `end`, each trimmed and without its line's list marker; lines
 * always end a sentence. A dot inside a word ("Node.js", "3.5") or after a known abbreviation ("e.g.") ends
 * nothing.
 */
export function splitSentences(text: string, start = 0, end = text.length): TextSpan[] {
  const sentences: TextSpan[] = [];
  const push = (from: number, to: number) => {
    let s = from;
    let e = to;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) sentences.push({ text: text.slice(s, e), start: s, end: e });
  };
  for (const line of splitLines(text.slice(start, end))) {
    const lineStart = start + line.start;
    let from = start + line.contentStart;
    SENTENCE_END.lastIndex = 0;
    for (let match = SENTENCE_END.exec(line.text); match; match = SENTENCE_END.exec(line.text)) {
      const to = lineStart + match.index + match[0].length;
      if (ABBREVIATION.test(text.slice(Math.max(from, to - 8), to))) continue;
      push(from, to);
      from = to;
    }
    push(from, lineStart + line.text.length);
  }
  return sentences;
}
