import { decodeHtmlEntities } from '@app/core';

/**
 * README Markdown to plain text for evidence: headings, lists, emphasis, links and tables keep their words;
 * code blocks, images (badges), HTML tags and comments, link definitions and rules go. Line-based with
 * simple linear regular expressions, so a hostile README cannot make it backtrack for long.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const TABLE_ALIGNMENT = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const LINK_DEFINITION = /^ {0,3}\[[^\]\n]+\]:[ \t]*\S/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]+|$)/;
const BLOCKQUOTE = /^ {0,3}(?:>[ \t]?)+/;
const LIST_MARKER = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/;
const TABLE_ROW = /^[ \t]*\|.*\|[ \t]*$/;

const REMOVED = '\u0000';
/**
 * Link text and destination. Neither may contain the bracket that opens it (nor a newline), so a scan
 * never runs past the next opening bracket: linear even on `[[[[...` or `(((...`. A destination may hold
 * one level of parentheses (`https://en.wikipedia.org/wiki/Go_(language)`).
 */
const TEXT = String.raw`\[[^[\]\n]*\]`;
const DEST = String.raw`\((?:[^()\n]|\([^()\n]*\))*\)`;
const LINKED_IMAGE = new RegExp(String.raw`\[!${TEXT}${DEST}\]${DEST}`, 'g');
const IMAGE = new RegExp(`!${TEXT}(?:${DEST}|${TEXT})`, 'g');
const INLINE_LINK = new RegExp(String.raw`\[([^[\]\n]*)\]${DEST}`, 'g');

export function markdownToText(markdown: string): string {
  // Comments become a marker, so lines they emptied are dropped like other emptied lines.
  const source = markdown.replace(/\r\n?/g, '\n').replace(/<!--[\s\S]*?-->/g, REMOVED);
  const out: string[] = [];
  let fence: { char: string; length: number } | undefined;
  for (const line of source.split('\n')) {
    const blank = line.trim() === '';
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1][0] === fence.char && fenceMatch[1].length >= fence.length) {
        fence = undefined;
      }
      continue;
    }
    if (fenceMatch) {
      fence = { char: fenceMatch[1][0], length: fenceMatch[1].length };
      continue;
    }
    if (THEMATIC_BREAK.test(line) || SETEXT_UNDERLINE.test(line) || LINK_DEFINITION.test(line)) continue;
    if (TABLE_ALIGNMENT.test(line) && line.includes('-') && line.includes('|')) continue;
    let text = line;
    if (ATX_HEADING.test(text)) text = text.replace(ATX_HEADING, '').replace(/[ \t]+#+[ \t]*$/, '');
    text = text.replace(BLOCKQUOTE, '').replace(LIST_MARKER, '');
    if (TABLE_ROW.test(text)) {
      text = text
        .trim()
        .replace(/^\||\|$/g, '')
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim())
        .filter((cell) => cell !== '')
        .join(' | ');
    }
    const result = inline(text.split(REMOVED).join(''))
      .replace(/[ \t]+/g, ' ')
      .trim();
    // A line that only held markup (a badge row, an HTML tag, a comment) leaves nothing, not a blank line.
    if (result !== '' || blank) out.push(result);
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Escaped punctuation is parked in the private-use area while the inline rules run, then restored. */
const PARK = 0xe000;
const park = (text: string): string =>
  text.replace(/\\([!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])/g, (_, c: string) =>
    String.fromCharCode(PARK + c.charCodeAt(0)),
  );
const unpark = (text: string): string =>
  text.replace(/[\ue000-\ue07f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - PARK));

function inline(line: string): string {
  const text = park(line);
  return decodeHtmlEntities(
    unpark(
      text
        // linked images (badges) and images go entirely
        .replace(LINKED_IMAGE, '')
        .replace(IMAGE, '')
        // footnote references
        .replace(/\[\^[^[\]\n]+\]/g, '')
        // links keep their text
        .replace(INLINE_LINK, '$1')
        .replace(/\[([^[\]\n]+)\]\[[^[\]\n]*\]/g, '$1')
        // autolinks keep the address
        .replace(/<((?:https?|ftp):\/\/[^>\s]+|[^@>\s]+@[^@>\s]+\.[^@>\s]+)>/g, '$1')
        // HTML: images go, line breaks become spaces, other tags go (their text stays)
        .replace(/<img\b[^>]*>/gi, '')
        .replace(/<br\s*\/?>/gi, ' ')
        .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, '')
        // code spans keep their content
        .replace(/(`+)([^`\n]+?)\1/g, '$2')
        // emphasis and strike-through keep their text (underscores only at word boundaries: snake_case stays)
        .replace(/(\*{1,3})(?=\S)([^*\n]*?\S)\1/g, '$2')
        .replace(/(^|[^\w])(_{1,3})(?=\S)([^_\n]*?\S)\2(?=[^\w]|$)/g, '$1$3')
        .replace(/~~(?=\S)([^~\n]*?\S)~~/g, '$1'),
    ),
  );
}

/**
 * Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character, at a word boundary when
 * one is near the end.
 */
export function truncateUtf8(text: string, maxBytes: number): { text: string; truncated: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return { text, truncated: false };
  let cut = Math.max(0, maxBytes);
  // A continuation byte (10xxxxxx) at the cut means a character would be split: leave all of it out.
  while (cut > 0 && (bytes[cut] & 0xc0) === 0x80) cut -= 1;
  let kept = bytes.subarray(0, cut).toString('utf8');
  const boundary = Math.max(kept.lastIndexOf(' '), kept.lastIndexOf('\n'));
  if (boundary >= kept.length * 0.8) kept = kept.slice(0, boundary);
  return { text: kept.trimEnd(), truncated: true };
}
