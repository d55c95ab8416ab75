import { describe, expect, it } from 'vitest';

import { resumeV1 } from './fixtures/sample-documents';
import { escapeMarkdownInline, formatDateRange, toMarkdown } from './markdown.renderer';
import type { ResumeDocument } from './resume-document.dto';

const EXPECTED_V1 = `
# Jane Doe

Backend Engineer

Berlin, DE · <jane@example.com> · +49 30 1234567 · <https://jane.example.dev>

- GitHub: janedoe <https://github.com/janedoe>

## Summary

Backend engineer who likes boring, observable systems.

## Skills

- **Languages** (Expert): TypeScript, Go
- **Datastores**: PostgreSQL, Redis

## Experience

### Backend Engineer — Acme GmbH

Berlin · 2021-03 – present · <https://acme.example.com>

- Cut p99 latency of the billing API from 800 ms to 120 ms
- Migrated 12 services from REST polling to event streaming with Kafka
- Wrote the on-call runbook used by three teams

### Software Engineer — Beta Labs

2018-01 – 2021-02

Data pipelines for retail analytics.

- Built the nightly ETL in Python and Airflow

## Projects

### pgshard

2020 – 2022 · Roles: Author · <https://github.com/janedoe/pgshard>

Split a PostgreSQL database by schema.

Keywords: Go, PostgreSQL

- Used in production by three companies

## Education

### TU Berlin

MSc in Computer Science · 2015 – 2017 · Score: 1.3 · <https://www.tu.berlin>

Courses: Distributed Systems

## Certifications

- **AWS Certified Developer** — Amazon Web Services · 2023-06 · <https://aws.amazon.com/certification/>

## Languages

- German: Native speaker
- English: Fluent
`.slice(1);

describe('toMarkdown', () => {
  it('renders a known document to the expected text', () => {
    expect(toMarkdown(resumeV1())).toBe(EXPECTED_V1);
  });

  it('is deterministic and does not depend on the order of keys in the document', () => {
    const doc = resumeV1();
    const reordered = JSON.parse(
      JSON.stringify(doc, (_key, value: unknown) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).reverse())
          : value,
      ),
    ) as ResumeDocument;
    expect(Object.keys(reordered)[0]).toBe('languages');
    expect(toMarkdown(reordered)).toBe(toMarkdown(doc));
  });

  it('leaves out empty sections and shows a name-only document as one heading', () => {
    const doc: ResumeDocument = {
      basics: { name: 'Jane Doe' },
      skills: [],
      experience: [],
      projects: [],
      education: [],
      certifications: [],
      languages: [],
    };
    expect(toMarkdown(doc)).toBe('# Jane Doe\n');
  });

  it('escapes user text so it cannot add structure, links, HTML or emphasis', () => {
    const doc: ResumeDocument = {
      basics: {
        name: '# Not a heading <b>x</b>',
        label: '- not a list',
        email: 'not an email <x>',
        url: 'javascript:alert(1)',
        profiles: [{ network: '[GitHub](https://evil.example)', url: 'https://ok.example/a_b*c' }],
      },
      summary: 'Line one\n\n## Injected heading\n\n* star item\n1. ordered\n> quote',
      skills: [{ name: '**Bold** group', items: [{ name: 'C#' }, { name: 'a_b' }] }],
      experience: [
        {
          company: 'Acme | Co',
          position: '1. Boss',
          startDate: '2021-03',
          bullets: [
            { text: '[click](https://evil.example)' },
            { text: '**bold** and _em_ and `code`' },
            { text: '<script>alert(1)</script>' },
            { text: '---' },
            { text: '2021. A year' },
            { text: 'R&D &amp; more' },
            { text: 'C# and F# #1 ~~strike~~' },
            { text: 'trailing backslash \\' },
            { text: '+ plus\nnext line\n\n# heading' },
          ],
        },
      ],
      projects: [],
      education: [],
      certifications: [],
      languages: [],
    };
    const expected = String.raw`# \# Not a heading \<b>x\</b>

\- not a list

not an email \<x> · javascript:alert(1)

- \[GitHub\](https://evil.example): <https://ok.example/a_b*c>

## Summary

Line one

\## Injected heading

\* star item 1. ordered > quote

## Skills

- **\*\*Bold\*\* group**: C#, a\_b

## Experience

### 1. Boss — Acme | Co

2021-03 – present

- \[click\](https://evil.example)
- \*\*bold\*\* and \_em\_ and \`code\`
- \<script>alert(1)\</script>
- \---
- 2021\. A year
- R&D \&amp; more
- C# and F# \#1 \~\~strike\~\~
- trailing backslash \\
- \+ plus next line \# heading
`;
    expect(toMarkdown(doc)).toBe(expected);
  });
});

describe('formatDateRange', () => {
  it.each([
    ['2021-03', undefined, '2021-03 – present'],
    ['2020', '2022', '2020 – 2022'],
    ['2016-09-01', '2021-02-28', '2016-09-01 – 2021-02-28'],
    [undefined, '2022', '2022'],
    [undefined, undefined, undefined],
    ['', '', undefined],
  ])('(%s, %s) → %s', (start, end, expected) => {
    expect(formatDateRange(start, end)).toBe(expected);
  });
});

describe('escapeMarkdownInline', () => {
  it('collapses whitespace and escapes inline syntax only where it could act', () => {
    expect(escapeMarkdownInline('  a\t\n b  ')).toBe('a b');
    expect(escapeMarkdownInline('snake_case *x* [y] <z> `q` ~s~ \\')).toBe(
      String.raw`snake\_case \*x\* \[y\] \<z> \`q\` \~s\~ \\`,
    );
    expect(escapeMarkdownInline('C# #tag &copy; &#169; &x R&D')).toBe(
      String.raw`C# \#tag \&copy; \&#169; &x R&D`,
    );
  });
});
