import { describe, expect, it } from 'vitest';

import {
  decodeHtmlEntities,
  htmlToText,
  looksLikeHtml,
  normalizeJobText,
  normalizeWhitespace,
} from './html-text';

describe('normalizeJobText', () => {
  it('turns HTML into lines: block tags break lines, <li> become "- " items, <hN> Markdown headings', () => {
    const html =
      '<h2>About the role</h2><p>We build <b>payments</b>&nbsp;infrastructure.</p>' +
      '<h3>Requirements</h3>\n<ul>\n  <li>5+ years of <em>Go</em></li>\n  <li>PostgreSQL &amp; Redis</li>\n</ul>' +
      '<p>Salary: &pound;90k&ndash;&pound;100k<br>Remote</p>';
    const { text, format } = normalizeJobText(html);
    expect(format).toBe('html');
    expect(text).toBe(
      [
        '## About the role',
        '',
        'We build payments infrastructure.',
        '',
        '### Requirements',
        '',
        '- 5+ years of Go',
        '- PostgreSQL & Redis',
        '',
        'Salary: £90k–£100k',
        'Remote',
      ].join('\n'),
    );
  });

  it('drops scripts, styles and comments with their content', () => {
    const { text } = normalizeJobText(
      '<div>Go<script>alert("Python")</script><style>p{}</style><!-- Java --></div>',
    );
    expect(text).toBe('Go');
  });

  it('leaves plain text alone apart from whitespace, quotes and line endings', () => {
    const { text, format } = normalizeJobText(
      '  Senior  Engineer\r\n\r\n\r\n\t3 years’ experience with “Go”  \r\n',
    );
    expect(format).toBe('text');
    expect(text).toBe('Senior Engineer\n\n3 years\' experience with "Go"');
  });

  it('does not mistake a comparison for markup', () => {
    expect(looksLikeHtml('latency < 10 ms and p99 > 5 ms')).toBe(false);
    expect(looksLikeHtml('<p>hi</p>')).toBe(true);
  });
});

describe('decodeHtmlEntities', () => {
  it('decodes named, decimal and hexadecimal references and keeps unknown ones', () => {
    expect(decodeHtmlEntities('C&#43;&#43; &amp; C&#x23; &rsquo;&unknown; &#0;')).toBe(
      "C++ & C# '&unknown; &#0;",
    );
  });
});

describe('htmlToText', () => {
  it('keeps words that only inline tags separated apart', () => {
    expect(htmlToText('<span>React</span> <span>Native</span>').trim()).toBe('React Native');
  });
});

describe('normalizeWhitespace', () => {
  it('keeps at most one blank line and removes zero-width characters', () => {
    expect(normalizeWhitespace('a\u200b\n\n\n\nb\u00a0 c')).toBe('a\n\nb c');
  });
});
