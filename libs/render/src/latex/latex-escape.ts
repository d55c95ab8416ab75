/**
 * The one way user text reaches LaTeX source.
 *
 * `escapeLatex(text)`:
 *  1. `sanitizeText`: NFC, whitespace (newlines included) collapsed to single spaces and trimmed, then
 *     each character mapped to what the fonts can show (see unicode-support.ts): kept, replaced (… -> ...,
 *     − -> -, ș -> ş, ễ -> ê), or dropped (control and format characters, emoji, CJK, RTL scripts...).
 *  2. The ten specials become commands: \ { } # $ % & _ ~ ^ -> \textbackslash{} \{ \} \# \$ \% \& \_
 *     \textasciitilde{} \textasciicircum{}. `[` `]` are braced so text never becomes an optional argument.
 *     Characters that form T1 ligatures in pairs (-- '' `` ,, << >> !` ?`) are kept apart with `{}` so
 *     text is shown as typed.
 *  3. Tokens longer than LONG_TOKEN characters get `\allowbreak{}` after URL punctuation and at least
 *     every LONG_TOKEN characters, so a 100 KB word wraps instead of running off the page; the source is
 *     cut into lines of about SOURCE_LINE characters with `%`-newlines (TeX reads at most 200,000
 *     characters per line).
 *
 * Why `^^` cannot survive: TeX reads `^^5c` as `\` only when the two `^` have category code 7. The output
 * of escapeLatex never contains the character `^` at all (user `^` becomes `\textasciicircum{}`, and no
 * replacement emits `^`), so no `^^` sequence can be formed within one escaped string or across an
 * escaped string and our template text. Likewise the output contains `\` only as the start of one of our
 * commands, `{`/`}` only balanced, and `%` only as `\%` or our own line-end comment.
 */
import { type Tex, rawTex } from './tex';
import { MATH_SYMBOLS, shownForm } from './unicode-support';

/** Tokens longer than this get break opportunities (characters). */
export const LONG_TOKEN = 24;
/** Escaped output is cut into source lines of about this length. */
const SOURCE_LINE = 240;

const SPECIALS: ReadonlyMap<string, string> = new Map([
  ['\\', '\\textbackslash{}'],
  ['{', '\\{'],
  ['}', '\\}'],
  ['#', '\\#'],
  ['$', '\\$'],
  ['%', '\\%'],
  ['&', '\\&'],
  ['_', '\\_'],
  ['~', '\\textasciitilde{}'],
  ['^', '\\textasciicircum{}'],
  ['[', '{[}'],
  [']', '{]}'],
]);

/** Characters that combine into another glyph when doubled (or paired) in T1. */
const LIGATURE_PARTS = new Set(['-', '`', "'", ',', '<', '>', '!', '?']);
/** In long tokens, a line may break after these. */
const BREAK_AFTER = new Set(['/', '.', '_', '-', '@', '?', '&', '=', ',', ';', ':', '#']);

export interface EscapeOptions {
  /** Insert break opportunities into long tokens (default true). Turn off for PDF metadata. */
  breakLongWords?: boolean;
}

/** The text as it will be shown: same mapping as `escapeLatex`, as Unicode (used by the ATS check). */
export function sanitizeText(text: string): string {
  // A bracketed part that shows as nothing ("Ivan (Иван)") goes with its brackets.
  const unbracketed = text
    .normalize('NFC')
    .replace(/\s*\(([^()]*)\)|\s*\[([^[\]]*)\]/g, (group: string, round?: string, square?: string) => {
      const inner = round ?? square ?? '';
      return inner.trim() !== '' && mapCharacters(inner).trim() === '' ? '' : group;
    });
  return mapCharacters(unbracketed).replace(/ {2,}/g, ' ').trim();
}

function mapCharacters(text: string): string {
  let out = '';
  for (const ch of text) out += shownForm(ch);
  return out;
}

/** Characters of `text` that are not shown as themselves (dropped or replaced), each once, in order. */
export function unshownCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const ch of text.normalize('NFC')) {
    const shown = shownForm(ch);
    if (shown !== ch && shown !== ' ') found.add(ch);
  }
  return [...found];
}

/** Escapes user text for LaTeX paragraph (text-mode) content. */
export function escapeLatex(text: string, options: EscapeOptions = {}): Tex {
  const breakLongWords = options.breakLongWords ?? true;
  const tokens = sanitizeText(text).split(' ');
  let out = '';
  let lineLength = 0;
  tokens.forEach((token, index) => {
    if (index > 0) {
      out += ' ';
      lineLength += 1;
    }
    const chars = [...token];
    const long = breakLongWords && chars.length > LONG_TOKEN;
    let sinceBreak = 0;
    chars.forEach((ch, i) => {
      let unit = MATH_SYMBOLS.get(ch) ?? SPECIALS.get(ch) ?? ch;
      const next = chars[i + 1];
      if (next !== undefined && LIGATURE_PARTS.has(ch) && LIGATURE_PARTS.has(next)) unit += '{}';
      sinceBreak += 1;
      if (long && next !== undefined && (BREAK_AFTER.has(ch) || sinceBreak >= LONG_TOKEN)) {
        unit += '\\allowbreak{}';
        sinceBreak = 0;
      }
      if (lineLength >= SOURCE_LINE) {
        out += '%\n';
        lineLength = 0;
      }
      out += unit;
      lineLength += unit.length;
    });
  });
  return rawTex(out);
}

const URL_KEPT = /^[A-Za-z0-9\-._:/?@!$&'()*+,;=]$/;
const SCHEME = /^(?:https?:\/\/|mailto:)/i;

/**
 * A URL made safe for the first argument of `\href` (also inside other macros' arguments), or undefined
 * when it is not an http(s) or mailto URL. Unreserved and sub-delimiter characters are kept, the first `#`
 * (the fragment) and valid `%XX` escapes are kept as `\#` / `\%XX`, a later `#` becomes `\%23` (hyperref
 * would drop the rest of the URL after a second `\#`), everything else (`\ { } ~ ^ " < > |`, backtick, spaces,
 * a `%` that starts no escape, control and non-ASCII characters) is percent-encoded as UTF-8, written `\%XX`.
 */
export function escapeUrl(url: string): Tex | undefined {
  const trimmed = url.trim();
  if (!SCHEME.test(trimmed)) return undefined;
  try {
    const parsed = new URL(trimmed);
    if (parsed.protocol !== 'mailto:' && parsed.hostname === '') return undefined;
  } catch {
    return undefined;
  }
  let out = '';
  let fragment = false;
  const chars = [...trimmed];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '%' && /^[0-9A-Fa-f]{2}$/.test(chars.slice(i + 1, i + 3).join(''))) out += '\\%';
    else if (ch === '#') {
      // The first `#` starts the fragment; hyperref drops everything after a second `\#`, so later ones are
      // percent-encoded (`#` is not allowed inside a fragment anyway).
      out += fragment ? '\\%23' : '\\#';
      fragment = true;
    } else if (URL_KEPT.test(ch)) out += ch;
    else out += percentEncode(ch);
  }
  return rawTex(out);
}

function percentEncode(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\%EF\\%BF\\%BD'; // a lone surrogate: U+FFFD
  return [...Buffer.from(ch, 'utf8')]
    .map((byte) => `\\%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');
}
