import { describe, expect, it } from 'vitest';

import { pagesFromLog, parseLatexLog, scrubPaths } from './latex-log.parser';

describe('scrubPaths', () => {
  it('keeps TeX file names, drops directories, users and other paths', () => {
    expect(scrubPaths('(/usr/share/texlive/texmf-dist/tex/latex/base/article.cls')).toBe('(article.cls');
    expect(scrubPaths('Not reading from /etc/passwd (openin_any = p).')).toBe(
      'Not reading from <path> (openin_any = p).',
    );
    expect(scrubPaths("see /home/alice.smith/notes and `/home/bob/x.tex'")).toBe("see <path> and `x.tex'");
    expect(scrubPaths('/tmp/llmployable-latex-abc/document.tex:3: x', '/tmp/llmployable-latex-abc')).toBe(
      './document.tex:3: x',
    );
  });

  it('leaves control sequences and URLs alone', () => {
    expect(scrubPaths('\\foo/bar https://example.com/a/b')).toBe('\\foo/bar https://example.com/a/b');
  });
});

describe('parseLatexLog', () => {
  it('reads file:line errors of the main file with their context', () => {
    const log = [
      './document.tex:12: Undefined control sequence.',
      'l.12 Some text \\badmacro',
      '                         more',
      './document.tex:12: Emergency stop.',
      'l.12 Some text \\badmacro',
      './document.tex:12:  ==> Fatal error occurred, no output PDF file produced!',
    ].join('\n');
    expect(parseLatexLog(log, 'document')).toEqual([
      { line: 12, message: 'Undefined control sequence.', context: 'Some text \\badmacro' },
    ]);
  });

  it('gives no line for errors raised inside packages, and joins continuation lines', () => {
    const log = [
      '/usr/share/texlive/texmf-dist/tex/latex/base/inputenc.sty:9: Package inputenc Error: Unicode character X',
      '(inputenc)                not set up for use with LaTeX.',
      'l.9 \\foo',
    ].join('\n');
    expect(parseLatexLog(scrubPaths(log), 'document')).toEqual([
      {
        message: 'Package inputenc Error: Unicode character X not set up for use with LaTeX.',
        context: '\\foo',
      },
    ]);
  });

  it('reads bang-style errors', () => {
    expect(
      parseLatexLog('!pdfTeX error: pdflatex (file ecrm1000): Font ecrm1000 at 600 not found', 'd'),
    ).toEqual([{ message: 'pdfTeX error: pdflatex (file ecrm1000): Font ecrm1000 at 600 not found' }]);
  });

  it('reads the page count', () => {
    expect(pagesFromLog('Output written on document.pdf (1 page, 1234 bytes).')).toBe(1);
    expect(pagesFromLog('Output written on x.pdf (12 pages, 1234 bytes).')).toBe(12);
    expect(pagesFromLog('No pages of output.')).toBeUndefined();
  });
});
