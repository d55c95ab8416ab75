import { describe, expect, it } from 'vitest';

import { LatexCompiler } from '../compile';
import { LONG_TOKEN, escapeLatex, escapeUrl, sanitizeText, unshownCharacters } from './latex-escape';
import { isShownCharacter } from './unicode-support';

describe('escapeLatex', () => {
  it.each([
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
  ])('escapes %s', (input, output) => {
    expect(escapeLatex(`a${input}b`)).toBe(`a${output}b`);
  });

  it('leaves ordinary text alone', () => {
    expect(escapeLatex('Node.js, C++ & .NET: 100% (2021)')).toBe('Node.js, C++ \\& .NET: 100\\% (2021)');
  });

  it('never emits ^ (so no ^^ sequence can form), nor a lone backslash or unbalanced braces', () => {
    const hostile = '^^5c^^5cinput{/etc/passwd} ^^7b ^^M \\\\ }{ \\def\\x{\\x}\\x ^';
    const out = escapeLatex(hostile, { breakLongWords: false }).replace(/%\n/g, '');
    expect(escapeLatex(hostile)).not.toContain('^');
    expect(out).not.toContain('^');
    expect(out).toBe(
      '\\textasciicircum{}\\textasciicircum{}5c\\textasciicircum{}\\textasciicircum{}5cinput\\{/etc/passwd\\} ' +
        '\\textasciicircum{}\\textasciicircum{}7b \\textasciicircum{}\\textasciicircum{}M ' +
        '\\textbackslash{}\\textbackslash{} \\}\\{ \\textbackslash{}def\\textbackslash{}x\\{\\textbackslash{}x\\}\\textbackslash{}x ' +
        '\\textasciicircum{}',
    );
    // Every backslash starts one of our commands; braces balance once escaped ones are removed.
    const stripped = out.replace(/\\[{}#$%&_]/g, '');
    expect(
      stripped.match(/\\[a-z]+/g)?.every((cmd) => ['\\textbackslash', '\\textasciicircum'].includes(cmd)),
    ).toBe(true);
    let depth = 0;
    for (const ch of stripped) {
      depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });

  it('drops control characters and collapses whitespace', () => {
    expect(escapeLatex(' a\u0000b\u0007c\u001b[31m\u007f\u0085d\t\te\r\n\nf\u2028g  ')).toBe(
      'abc{[}31md e f g',
    );
  });

  it('drops bidi and zero-width format characters', () => {
    expect(escapeLatex('ab\u202ecd\u2066e\u200bf\ufeffg')).toBe('abcdefg');
  });

  it('drops emoji, CJK, Arabic, Hebrew and Cyrillic, and brackets left empty', () => {
    expect(sanitizeText('Ship it 🚀👩🏽‍💻 now')).toBe('Ship it now');
    expect(sanitizeText('Tokyo (東京), Dubai (دبي), Tel Aviv [תל אביב]')).toBe('Tokyo, Dubai, Tel Aviv');
    expect(sanitizeText('Ivan Petrov (Иван Петров)')).toBe('Ivan Petrov');
    expect(sanitizeText('main() stays')).toBe('main() stays');
    expect(unshownCharacters('A🚀B東')).toEqual(['🚀', '東']);
  });

  it('keeps Latin accents T1 can show, composes decomposed input, simplifies the rest', () => {
    expect(sanitizeText('José Müller, Zoë, Łódź, Ærøskøbing, Straße, Dvořák, Ayşe Yılmaz, İzmir')).toBe(
      'José Müller, Zoë, Łódź, Ærøskøbing, Straße, Dvořák, Ayşe Yılmaz, İzmir',
    );
    expect(sanitizeText('Zoe\u0308')).toBe('Zoë');
    expect(sanitizeText('Nguyễn')).toBe('Nguyên'); // ễ has no T1 glyph: keep the accents that compose
    expect(sanitizeText('Ștefan Țară')).toBe('Ştefan Ţară'); // comma below -> cedilla (the T1 glyphs)
    expect(sanitizeText('x\u0301')).toBe('x'); // a combining mark without a composed form
  });

  it('maps typographic characters', () => {
    expect(sanitizeText('a—b–c…d ‘e’ “f” •g €h ™ © ½')).toBe('a—b–c...d ‘e’ “f” •g €h ™ © ½');
    expect(sanitizeText('x\u2212y \u2010z ﬁne \u00a0nbsp\u2009thin')).toBe('x-y -z fine nbsp thin');
    expect(escapeLatex('≤ 5 ms, ≥ 99.9%')).toBe('\\ensuremath{\\leq} 5 ms, \\ensuremath{\\geq} 99.9\\%');
  });

  it('keeps T1 ligature pairs apart so text shows as typed', () => {
    expect(escapeLatex("a--b ``c'' <<d>> ,,e !`f ?`g")).toBe("a-{}-b `{}`c'{}' <{}<d>{}> ,{},e !{}`f ?{}`g");
  });

  it('lets long tokens break and cuts long source lines', () => {
    const word = 'x'.repeat(100_000);
    const out = escapeLatex(word);
    expect(out.length).toBeLessThan(200_000);
    const pieces = out.split('\\allowbreak{}');
    expect(pieces.every((piece) => piece.replace(/%\n/g, '').length <= LONG_TOKEN)).toBe(true);
    expect(Math.max(...out.split('\n').map((line) => line.length))).toBeLessThan(400);
    expect(out.replace(/\\allowbreak\{\}|%\n/g, '')).toBe(word);
    // Short words are untouched; long URLs may break after their punctuation.
    expect(escapeLatex('Internationalization')).toBe('Internationalization');
    expect(escapeLatex('github.com/someone/a-very-long-repository-name')).toContain(
      'github.\\allowbreak{}com/',
    );
    expect(escapeLatex('a'.repeat(30), { breakLongWords: false })).toBe('a'.repeat(30));
  });

  it('shows every character of the shown set as itself and nothing outside it', () => {
    for (let cp = 0x20; cp < 0x3000; cp++) {
      const ch = String.fromCodePoint(cp);
      const shown = sanitizeText(`a${ch}b`);
      for (const out of shown) expect(isShownCharacter(out) || out === ' ').toBe(true);
    }
  });
});

describe('escapeUrl', () => {
  it('keeps ordinary URLs, escapes # and valid %XX for TeX', () => {
    expect(escapeUrl('https://github.com/jane_doe/repo?tab=x&y=1#readme')).toBe(
      'https://github.com/jane_doe/repo?tab=x&y=1\\#readme',
    );
    expect(escapeUrl('https://example.com/a%20b')).toBe('https://example.com/a\\%20b');
    expect(escapeUrl('mailto:jane+cv@example.com')).toBe('mailto:jane+cv@example.com');
  });

  it('percent-encodes what breaks \\href', () => {
    expect(escapeUrl('https://x.org/a b/{c}~d^e\\f"g<h>|`%zz/é')).toBe(
      'https://x.org/a\\%20b/\\%7Bc\\%7D\\%7Ed\\%5Ee\\%5Cf\\%22g\\%3Ch\\%3E\\%7C\\%60\\%25zz/\\%C3\\%A9',
    );
    expect(escapeUrl('https://x.org/\u0000\n')).toBe('https://x.org/\\%00');
  });

  it('rejects other schemes and unparsable URLs', () => {
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,x',
      'ftp://x.org',
      '/relative',
      'https://',
      '',
    ]) {
      expect(escapeUrl(url)).toBeUndefined();
    }
  });
});

describe('escapeUrl in a compiled PDF (pdflatex + hyperref)', () => {
  /** The link targets (/URI strings) of an uncompressed PDF made from `\href{target}{text}` lines. */
  async function linkTargets(targets: string[]): Promise<string[]> {
    const tex = [
      '\\pdfcompresslevel=0',
      '\\pdfobjcompresslevel=0',
      '\\documentclass{article}',
      '\\usepackage[hidelinks]{hyperref}',
      '\\begin{document}',
      ...targets.map((target, i) => `\\href{${target}}{link ${i}}\\par`),
      '\\end{document}',
    ].join('\n');
    const { pdf } = await new LatexCompiler({ sweepStaleTempDirsOlderThanMs: 0 }).compile(tex);
    return [...pdf.toString('latin1').matchAll(/\/URI\s*\(((?:[^()\\]|\\.)*)\)/g)].map((m) =>
      m[1].replace(/\\(.)/g, '$1'),
    );
  }

  it('keeps every part of the URL: the first # is the fragment, later ones are %23', async () => {
    const urls = [
      'https://example.com/docs?q=a&b=c#section#sub%20x#y',
      'https://example.com/a%zz/é~#frag',
      'https://example.com/plain',
    ];
    const escaped = urls.map((url) => escapeUrl(url)!);
    expect(escaped[0]).toBe('https://example.com/docs?q=a&b=c\\#section\\%23sub\\%20x\\%23y');
    expect(await linkTargets(escaped)).toEqual([
      'https://example.com/docs?q=a&b=c#section%23sub%20x%23y',
      'https://example.com/a%25zz/%C3%A9%7E#frag',
      'https://example.com/plain',
    ]);
  });
});
