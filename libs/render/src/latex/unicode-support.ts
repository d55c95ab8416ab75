/**
 * Which characters our templates can show, and what to do with the others.
 *
 * We compile with pdfLaTeX, `\usepackage[T1]{fontenc}`, `\usepackage[utf8]{inputenc}` (the kernel default)
 * and Latin Modern. inputenc raises an error for a UTF-8 character it has no definition for, and a defined
 * character still has to come out of `pdftotext` as itself (what an ATS reads). `SHOWN_RANGES` lists the
 * non-ASCII code points that passed both tests on TeX Live 2022 (Debian 12): every character declared by
 * `t1enc.dfu` / `ts1enc.dfu` was compiled and extracted, and those whose extracted text equals the input
 * (after NFKC) were kept. They are passed through as UTF-8 and inputenc maps them.
 *
 * Others are mapped (`SUBSTITUTES`: typographic punctuation, spaces, letters whose accent T1 lacks or
 * extracts badly), simplified (NFKC, or the nearest letter with fewer accents) or dropped: emoji, CJK,
 * Cyrillic, Greek, Arabic, Hebrew and other scripts Latin Modern T1 has no glyphs for; control, format
 * and bidi characters; combining marks without a base they compose with.
 */

/** Inclusive code point ranges shown as themselves (besides printable ASCII). */
const SHOWN_RANGES: readonly (readonly [number, number])[] = [
  [0xa1, 0xac], // ¡ … ¬ (0xad soft hyphen is dropped)
  [0xae, 0xb7], // ® … ·
  [0xb9, 0xff], // ¹ … ÿ (Latin-1 letters, × ÷)
  [0x100, 0x10f],
  [0x111, 0x121],
  [0x124, 0x125],
  [0x128, 0x12d],
  [0x130, 0x131], // İ ı
  [0x132, 0x135],
  [0x139, 0x13a],
  [0x13d, 0x13e],
  [0x141, 0x144],
  [0x147, 0x148],
  [0x14a, 0x155],
  [0x158, 0x165],
  [0x168, 0x171],
  [0x174, 0x17e],
  [0x192, 0x192],
  [0x1cd, 0x1d4],
  [0x1e2, 0x1e3],
  [0x1e6, 0x1e9],
  [0x1f0, 0x1f0],
  [0x1f4, 0x1f5],
  [0x232, 0x233],
  [0x237, 0x237], // ȷ
  [0x2c7, 0x2c7],
  [0x2d8, 0x2d9],
  [0x2dd, 0x2dd],
  [0x1e02, 0x1e03],
  [0x1e1e, 0x1e21],
  [0x1e30, 0x1e31],
  [0x1e45, 0x1e45],
  [0x1e8e, 0x1e91],
  [0x1ef2, 0x1ef3],
  [0x2013, 0x2014], // – —
  [0x2016, 0x2016],
  [0x2018, 0x201a], // ‘ ’ ‚
  [0x201c, 0x201e], // “ ” „
  [0x2020, 0x2022], // † ‡ •
  [0x2030, 0x2030], // ‰
  [0x2039, 0x203b], // ‹ › ※
  [0x203d, 0x203d],
  [0x2044, 0x2044],
  [0x20a1, 0x20a1],
  [0x20a4, 0x20a4],
  [0x20a9, 0x20a9],
  [0x20ab, 0x20ac], // ₫ €
  [0x2103, 0x2103],
  [0x2116, 0x2116],
  [0x2122, 0x2122], // ™
  [0x212e, 0x212e],
  [0x2190, 0x2193], // ← ↑ → ↓
  [0x2264, 0x2265], // ≤ ≥ (math mode, see MATH_SYMBOLS)
  [0x2248, 0x2248], // ≈
  [0x221e, 0x221e], // ∞
  [0x25e6, 0x25e6],
  [0x266a, 0x266a],
];

/** Shown characters that inputenc does not define: written as math. */
export const MATH_SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['\u2264', '\\ensuremath{\\leq}'],
  ['\u2265', '\\ensuremath{\\geq}'],
  ['\u2248', '\\ensuremath{\\approx}'],
  ['\u221e', '\\ensuremath{\\infty}'],
]);

/** Characters replaced by others we can show (checked before anything else). */
const SUBSTITUTES: ReadonlyMap<string, string> = new Map([
  // Dashes, hyphens, minus.
  ['\u2010', '-'],
  ['\u2011', '-'],
  ['\u2012', '\u2013'],
  ['\u2015', '\u2014'],
  ['\u2043', '-'],
  ['\u2212', '-'],
  ['\ufe63', '-'],
  ['\uff0d', '-'],
  // Quotes and primes.
  ['\u201b', '\u2018'],
  ['\u201f', '\u201c'],
  ['\u2032', "'"],
  ['\u2033', '"'],
  // Punctuation.
  ['\u2026', '...'], // \textellipsis extracts as ". . ."
  ['\u2024', '.'],
  ['\u204e', '*'],
  ['\u2217', '*'],
  ['\u2260', '!='], // \neq extracts as a combining slash over "="
  ['\u2329', '<'],
  ['\u232a', '>'],
  ['\u27e8', '<'],
  ['\u27e9', '>'],
  ['\u3008', '<'],
  ['\u3009', '>'],
  // Letters whose T1 rendering extracts badly: a close letter that extracts as itself.
  ['\ufeff', ''], // a byte order mark (JavaScript counts it as whitespace)
  ['\u0110', '\u00d0'], // Đ: T1 draws \DJ with the glyph of Ð
  ['\u0218', '\u015e'], // Ș -> Ş (the usual Romanian fallback)
  ['\u0219', '\u015f'],
  ['\u021a', '\u0162'],
  ['\u021b', '\u0163'],
  ['\u1e9e', 'SS'],
]);

const DROPPED_CATEGORY = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{M}]$/u;
const WHITESPACE = /^\s$/u;

function isPrintableAscii(cp: number): boolean {
  return cp >= 0x20 && cp <= 0x7e;
}

function isShownRange(cp: number): boolean {
  return SHOWN_RANGES.some(([from, to]) => cp >= from && cp <= to);
}

/** True when the single character `ch` can be written as itself. */
export function isShownCharacter(ch: string): boolean {
  const cp = ch.codePointAt(0);
  return (
    cp !== undefined &&
    ch.length === String.fromCodePoint(cp).length &&
    (isPrintableAscii(cp) || isShownRange(cp))
  );
}

function allShown(text: string): boolean {
  for (const ch of text) if (!isShownCharacter(ch)) return false;
  return true;
}

/**
 * Keeps the base letter and as many of its accents as compose into a shown character: `ễ` (e with
 * circumflex and tilde) becomes `ê`, `ḍ` becomes `d`. Undefined when the base itself cannot be shown.
 */
function nearestShownLetter(ch: string): string | undefined {
  const [base, ...marks] = [...ch.normalize('NFD')];
  if (base === undefined || !isShownCharacter(base) || marks.length === 0) return undefined;
  let current = base;
  for (const mark of marks) {
    const candidate = (current + mark).normalize('NFC');
    if ([...candidate].length === 1 && isShownCharacter(candidate)) current = candidate;
  }
  return current;
}

/**
 * What one character is shown as: itself, a replacement, ' ' (whitespace) or '' (dropped).
 * `ch` is one code point of NFC-normalised text.
 */
export function shownForm(ch: string): string {
  const substitute = SUBSTITUTES.get(ch);
  if (substitute !== undefined) return substitute;
  if (WHITESPACE.test(ch)) return ' ';
  if (isShownCharacter(ch)) return ch;
  if (DROPPED_CATEGORY.test(ch)) return '';
  const compatible = ch.normalize('NFKC');
  if (compatible !== ch) {
    const mapped = [...compatible]
      .map((c) => (WHITESPACE.test(c) ? ' ' : (SUBSTITUTES.get(c) ?? c)))
      .join('');
    if (allShown(mapped)) return mapped;
  }
  return nearestShownLetter(ch) ?? '';
}
