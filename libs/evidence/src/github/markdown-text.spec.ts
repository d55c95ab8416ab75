import { describe, expect, it } from 'vitest';

import { markdownToText, truncateUtf8 } from './markdown-text';

describe('markdownToText', () => {
  it('keeps the words of headings, paragraphs, lists, quotes and emphasis', () => {
    const md = [
      '# Project *Title* #',
      '',
      'Setext heading',
      '==============',
      '',
      'Some **bold**, __strong__, *italic*, _em_, ***both*** and ~~gone~~ text with `inline code`.',
      '',
      '- item one',
      '* [x] done task',
      '1. first',
      '2) second',
      '> quoted **line**',
      '> > nested',
    ].join('\n');
    expect(markdownToText(md)).toBe(
      [
        'Project Title',
        '',
        'Setext heading',
        '',
        'Some bold, strong, italic, em, both and gone text with inline code.',
        '',
        'item one',
        'done task',
        'first',
        'second',
        'quoted line',
        'nested',
      ].join('\n'),
    );
  });

  it('drops code blocks, images and badges, HTML, comments, rules and link definitions', () => {
    const md = [
      '[![Build](https://ci.example/badge.svg)](https://ci.example) ![logo](logo.png)',
      '<p align="center"><img src="x.png" alt="x"><br/><b>Centered</b> words</p>',
      '<!-- a comment',
      'spanning lines -->',
      '```bash',
      'npm install secret-sauce',
      '```',
      '~~~~',
      'still code ```',
      '~~~~',
      '---',
      '***',
      '[docs]: https://docs.example',
      'After [the docs][docs] and [a link](https://x.example "title") and <https://auto.example>.',
      'Footnote here[^1].',
    ].join('\n');
    expect(markdownToText(md)).toBe(
      ['Centered words', 'After the docs and a link and https://auto.example.', 'Footnote here.'].join('\n'),
    );
  });

  it('turns tables into cells separated by pipes', () => {
    const md = ['| Name | Role |', '|:-----|-----:|', '| Ada  | Lead |'].join('\n');
    expect(markdownToText(md)).toBe('Name | Role\nAda | Lead');
  });

  it('keeps snake_case, arithmetic stars, escapes and decodes entities', () => {
    expect(markdownToText('use my_var_name and 2 * 3 * 4')).toBe('use my_var_name and 2 * 3 * 4');
    expect(markdownToText('\\*not emphasis\\* and \\_this\\_')).toBe('*not emphasis* and _this_');
    expect(markdownToText('Tom &amp; Jerry &lt;3 &#x1F600; &#169; &bogus;')).toBe(
      'Tom & Jerry <3 😀 © &bogus;',
    );
  });

  it('collapses blank lines and normalises line endings', () => {
    expect(markdownToText('a\r\n\r\n\r\n\r\nb\r\n')).toBe('a\n\nb');
  });

  it('stays fast on hostile input', () => {
    const hostile = `${'*a '.repeat(20_000)}\n${'['.repeat(20_000)}\n${'<a '.repeat(20_000)}\n${'_x'.repeat(20_000)}`;
    const started = Date.now();
    markdownToText(hostile);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('truncateUtf8', () => {
  it('leaves short text alone', () => {
    expect(truncateUtf8('hello', 5)).toEqual({ text: 'hello', truncated: false });
  });

  it('never splits a multi-byte character', () => {
    // "é" is 2 bytes, "😀" is 4: a cut inside either leaves the whole character out.
    expect(truncateUtf8('ééé', 5)).toEqual({ text: 'éé', truncated: true });
    expect(truncateUtf8('a😀b', 3)).toEqual({ text: 'a', truncated: true });
    const { text } = truncateUtf8('ü'.repeat(1000), 999);
    expect(Buffer.byteLength(text)).toBe(998);
  });

  it('cuts at a word boundary near the end', () => {
    expect(truncateUtf8('alpha beta gamma delta', 20)).toEqual({ text: 'alpha beta gamma', truncated: true });
  });
});
