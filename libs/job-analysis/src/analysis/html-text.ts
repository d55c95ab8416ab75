import { decodeHtmlEntities } from '@app/core';

export { decodeHtmlEntities };

/** A job description reduced to the plain text every analysis offset refers to. */
export interface NormalizedJobText {
  readonly text: string;
  readonly format: 'text' | 'html';
}

/** An opening or closing tag of an element that structures text (job boards' HTML uses a handful of them). */
const HTML_TAG =
  /<\/?(?:p|div|br|li|ul|ol|h[1-6]|strong|b|em|i|u|span|a|table|tr|td|section|article|header|footer|blockquote|font|hr)\b[^>]*>/i;

/** Elements whose content is never text: dropped with their content. */
const DROPPED_ELEMENTS = /<(script|style|noscript|head|template|svg)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b(?:[^>"']|"[^"]*"|'[^']*')*>/g;

/** Tags after which text continues on a new line. */
const LINE_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'hr',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);
/** Tags that start a new paragraph (a blank line before and after); a list stays next to its heading. */
const PARAGRAPH_TAGS = new Set(['p', 'section', 'article', 'table', 'blockquote']);

/** True when the input carries HTML markup (a structuring tag), not just a stray `<` or `&`. */
export function looksLikeHtml(input: string): boolean {
  return HTML_TAG.test(input);
}

/**
 * HTML to text: scripts, styles and comments dropped, source whitespace collapsed (it is insignificant in
 * HTML), block tags become line breaks (paragraph-level ones a blank line), each `<li>` a "- " line, each
 * `<hN>` a Markdown heading line ("## Requirements"), every other tag removed, entities decoded.
 */
export function htmlToText(html: string): string {
  const withoutNoise = html.replace(COMMENT, '').replace(DROPPED_ELEMENTS, ' ').replace(/\s+/g, ' ');
  const text = withoutNoise.replace(TAG, (_whole, closing: string, rawName: string) => {
    const name = rawName.toLowerCase();
    const heading = /^h([1-6])$/.exec(name);
    if (heading) return closing ? '\n\n' : `\n\n${'#'.repeat(Number(heading[1]))} `;
    if (name === 'li') return closing ? '' : '\n- ';
    if (name === 'td' || name === 'th') return ' ';
    if (PARAGRAPH_TAGS.has(name)) return '\n\n';
    if (LINE_TAGS.has(name)) return '\n';
    return '';
  });
  return decodeHtmlEntities(text);
}

/**
 * Plain-text normalisation applied to every description (after `htmlToText` for HTML): `\r\n`/`\r` → `\n`,
 * Unicode spaces → space, zero-width characters and soft hyphens removed, curly quotes straightened, runs of
 * spaces collapsed, each line trimmed, at most one blank line in a row, the whole trimmed.
 */
export function normalizeWhitespace(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim());
  const kept: string[] = [];
  for (const line of lines) {
    if (line === '' && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
    kept.push(line);
  }
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n');
}

/** The text an analysis runs on and its offsets refer to (see `JobAnalysisResult.text`). */
export function normalizeJobText(input: string): NormalizedJobText {
  if (looksLikeHtml(input)) return { text: normalizeWhitespace(htmlToText(input)), format: 'html' };
  return { text: normalizeWhitespace(decodeHtmlEntities(input)), format: 'text' };
}
