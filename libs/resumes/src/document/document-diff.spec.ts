import { describe, expect, it } from 'vitest';

import { diffDocuments, diffSequence, textSimilarity, unifiedDiff } from './document-diff';
import { resumeV1, resumeV2 } from './fixtures/sample-documents';
import { toMarkdown } from './markdown.renderer';

const EXPECTED_MARKDOWN_DIFF = `
--- v1.md
+++ v2.md
@@ -1,6 +1,6 @@
 # Jane Doe
 
-Backend Engineer
+Senior Backend Engineer
 
 Berlin, DE · <jane@example.com> · +49 30 1234567 · <https://jane.example.dev>
 
@@ -13,17 +13,23 @@
 ## Skills
 
 - **Languages** (Expert): TypeScript, Go
-- **Datastores**: PostgreSQL, Redis
+- **Datastores**: PostgreSQL
 
 ## Experience
 
+### Staff Engineer — Corp AG
+
+2024-06 – present
+
+- Leads the platform team of eight engineers
+
 ### Backend Engineer — Acme GmbH
 
-Berlin · 2021-03 – present · <https://acme.example.com>
+Berlin · 2021-03 – 2024-05 · <https://acme.example.com>
 
-- Cut p99 latency of the billing API from 800 ms to 120 ms
-- Migrated 12 services from REST polling to event streaming with Kafka
+- Cut p99 latency of the billing API from 800 ms to 90 ms
 - Wrote the on-call runbook used by three teams
+- Introduced contract tests that caught 30 breaking changes
 
 ### Software Engineer — Beta Labs
 
@@ -41,7 +47,7 @@
 
 Split a PostgreSQL database by schema.
 
-Keywords: Go, PostgreSQL
+Keywords: Go, PostgreSQL, logical replication
 
 - Used in production by three companies
 
@@ -59,5 +65,5 @@
 
 ## Languages
 
-- German: Native speaker
 - English: Fluent
+- German: Native speaker
`.slice(1);

describe('diffDocuments', () => {
  it('lists the exact field changes between two known versions', () => {
    const diff = diffDocuments(resumeV1(), resumeV2());
    expect(diff.changes).toStrictEqual([
      { path: '/basics/label', op: 'changed', before: 'Backend Engineer', after: 'Senior Backend Engineer' },
      { path: '/skills/1/items/1', op: 'removed', before: { name: 'Redis' } },
      {
        path: '/experience/0',
        op: 'added',
        after: {
          company: 'Corp AG',
          position: 'Staff Engineer',
          startDate: '2024-06',
          bullets: [{ text: 'Leads the platform team of eight engineers' }],
        },
      },
      {
        path: '/experience/0/bullets/1',
        op: 'removed',
        before: { text: 'Migrated 12 services from REST polling to event streaming with Kafka' },
      },
      {
        path: '/experience/1/bullets/0/text',
        op: 'changed',
        from: '/experience/0/bullets/0/text',
        before: 'Cut p99 latency of the billing API from 800 ms to 120 ms',
        after: 'Cut p99 latency of the billing API from 800 ms to 90 ms',
      },
      {
        path: '/experience/1/bullets/2',
        op: 'added',
        after: { text: 'Introduced contract tests that caught 30 breaking changes' },
      },
      { path: '/experience/1/endDate', op: 'added', after: '2024-05' },
      { path: '/projects/0/keywords/2', op: 'added', after: 'logical replication' },
      { path: '/languages/1', op: 'moved', from: '/languages/0' },
    ]);
    expect(diff.counts).toStrictEqual({ added: 4, removed: 2, changed: 2, moved: 1 });
  });

  it('gives the bullet-level view per matched, added or removed entry', () => {
    expect(diffDocuments(resumeV1(), resumeV2()).entries).toStrictEqual([
      {
        section: 'experience',
        op: 'added',
        title: 'Staff Engineer — Corp AG',
        path: '/experience/0',
        bullets: [
          {
            op: 'added',
            path: '/experience/0/bullets/0',
            after: 'Leads the platform team of eight engineers',
          },
        ],
      },
      {
        section: 'experience',
        op: 'matched',
        title: 'Backend Engineer — Acme GmbH',
        path: '/experience/1',
        from: '/experience/0',
        bullets: [
          {
            op: 'removed',
            path: '/experience/0/bullets/1',
            before: 'Migrated 12 services from REST polling to event streaming with Kafka',
          },
          {
            op: 'changed',
            path: '/experience/1/bullets/0',
            from: '/experience/0/bullets/0',
            before: 'Cut p99 latency of the billing API from 800 ms to 120 ms',
            after: 'Cut p99 latency of the billing API from 800 ms to 90 ms',
            similarity: 0.92,
          },
          {
            op: 'added',
            path: '/experience/1/bullets/2',
            after: 'Introduced contract tests that caught 30 breaking changes',
          },
        ],
      },
    ]);
  });

  it('reports nothing for identical documents', () => {
    expect(diffDocuments(resumeV1(), resumeV1())).toStrictEqual({
      changes: [],
      entries: [],
      counts: { added: 0, removed: 0, changed: 0, moved: 0 },
    });
  });

  it('marks only the new entry when one is inserted at the top', () => {
    const a = resumeV1();
    const b = resumeV1();
    const project = { name: 'tinyq', bullets: [{ text: 'A queue in 300 lines' }] };
    b.projects.unshift(project);
    const diff = diffDocuments(a, b);
    expect(diff.changes).toStrictEqual([{ path: '/projects/0', op: 'added', after: project }]);
    expect(diff.entries).toStrictEqual([
      {
        section: 'projects',
        op: 'added',
        title: 'tinyq',
        path: '/projects/0',
        bullets: [{ op: 'added', path: '/projects/0/bullets/0', after: 'A queue in 300 lines' }],
      },
    ]);
  });

  it('matches a promotion by company, and a removed entry by identity', () => {
    const a = resumeV1();
    const b = resumeV1();
    b.experience[0].position = 'Senior Backend Engineer';
    b.experience.splice(1, 1);
    expect(diffDocuments(a, b).changes).toStrictEqual([
      { path: '/experience/1', op: 'removed', before: a.experience[1] },
      {
        path: '/experience/0/position',
        op: 'changed',
        before: 'Backend Engineer',
        after: 'Senior Backend Engineer',
      },
    ]);
  });

  it('reports reordered entries and bullets as moved, keeping text matches exact', () => {
    const a = resumeV1();
    const b = resumeV1();
    b.experience.reverse();
    const bullets = b.experience[1].bullets;
    b.experience[1].bullets = [bullets[2], bullets[0], bullets[1]];
    const diff = diffDocuments(a, b);
    expect(diff.changes).toStrictEqual([
      { path: '/experience/1', op: 'moved', from: '/experience/0' },
      { path: '/experience/1/bullets/0', op: 'moved', from: '/experience/0/bullets/2' },
    ]);
    expect(diff.entries).toStrictEqual([
      {
        section: 'experience',
        op: 'matched',
        title: 'Backend Engineer — Acme GmbH',
        path: '/experience/1',
        from: '/experience/0',
        bullets: [{ op: 'moved', path: '/experience/1/bullets/0', from: '/experience/0/bullets/2' }],
      },
    ]);
  });

  it('treats a rewrite below the similarity threshold as one bullet removed and one added', () => {
    const a = resumeV1();
    const b = resumeV1();
    b.experience[1].bullets = [{ text: 'Ran the company hackathon twice' }];
    expect(diffDocuments(a, b).entries).toStrictEqual([
      {
        section: 'experience',
        op: 'matched',
        title: 'Software Engineer — Beta Labs',
        path: '/experience/1',
        bullets: [
          {
            op: 'removed',
            path: '/experience/1/bullets/0',
            before: 'Built the nightly ETL in Python and Airflow',
          },
          { op: 'added', path: '/experience/1/bullets/0', after: 'Ran the company hackathon twice' },
        ],
      },
    ]);
  });

  it('diffs evidence lists by kind and id (an entry shifted by an insertion is not moved)', () => {
    const a = resumeV1();
    const b = resumeV1();
    b.projects[0].evidence = [
      { kind: 'github_readme', id: 'github_readme:janedoe/pgshard' },
      { kind: 'github_repo', id: 'github_repo:janedoe/pgshard', url: 'https://github.com/janedoe/pgshard' },
    ];
    expect(diffDocuments(a, b).changes).toStrictEqual([
      {
        path: '/projects/0/evidence/0',
        op: 'added',
        after: { kind: 'github_readme', id: 'github_readme:janedoe/pgshard' },
      },
      {
        path: '/projects/0/evidence/1/url',
        op: 'added',
        after: 'https://github.com/janedoe/pgshard',
      },
    ]);
  });
});

describe('textSimilarity', () => {
  it('is the Dice coefficient of word multisets', () => {
    expect(textSimilarity('Cut latency by half', 'cut LATENCY by half!')).toBe(1);
    expect(textSimilarity('a b c d', 'a b x y')).toBe(0.5);
    expect(textSimilarity('a a b', 'a b b')).toBeCloseTo(2 / 3, 10);
    expect(textSimilarity('alpha', 'beta')).toBe(0);
    expect(textSimilarity('', '')).toBe(1);
  });
});

describe('unifiedDiff', () => {
  it('diffs the Markdown of two known versions exactly as diff -u does', () => {
    const text = unifiedDiff(toMarkdown(resumeV1()), toMarkdown(resumeV2()), {
      fromLabel: 'v1.md',
      toLabel: 'v2.md',
    });
    expect(text).toBe(EXPECTED_MARKDOWN_DIFF);
  });

  const lines = (...items: string[]) => items.map((item) => `${item}\n`).join('');

  it('writes one hunk per distant change and merges close ones', () => {
    const a = lines('1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12');
    const b = lines('1', 'two', '3', '4', '5', '6', '7', '8', '9', '10', '11', 'twelve');
    expect(unifiedDiff(a, b, { fromLabel: 'a', toLabel: 'b', context: 1 })).toBe(
      [
        '--- a',
        '+++ b',
        '@@ -1,3 +1,3 @@',
        ' 1',
        '-2',
        '+two',
        ' 3',
        '@@ -11,2 +11,2 @@',
        ' 11',
        '-12',
        '+twelve',
        '',
      ].join('\n'),
    );
    expect(unifiedDiff(a, b, { fromLabel: 'a', toLabel: 'b', context: 5 })).toBe(
      [
        '--- a',
        '+++ b',
        '@@ -1,12 +1,12 @@',
        ' 1',
        '-2',
        '+two',
        ...['3', '4', '5', '6', '7', '8', '9', '10', '11'].map((line) => ` ${line}`),
        '-12',
        '+twelve',
        '',
      ].join('\n'),
    );
  });

  it('writes empty ranges and single-line counts as GNU diff does', () => {
    expect(unifiedDiff('', lines('x', 'y'), { fromLabel: 'a', toLabel: 'b' })).toBe(
      '--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n',
    );
    expect(unifiedDiff(lines('x'), '', { fromLabel: 'a', toLabel: 'b' })).toBe(
      '--- a\n+++ b\n@@ -1 +0,0 @@\n-x\n',
    );
    expect(
      unifiedDiff(lines('a', 'b', 'c'), lines('a', 'c'), { fromLabel: 'a', toLabel: 'b', context: 0 }),
    ).toBe('--- a\n+++ b\n@@ -2 +1,0 @@\n-b\n');
    expect(
      unifiedDiff(lines('a', 'c'), lines('a', 'b', 'c'), { fromLabel: 'a', toLabel: 'b', context: 0 }),
    ).toBe('--- a\n+++ b\n@@ -1,0 +2 @@\n+b\n');
  });

  it('marks a last line without a newline', () => {
    expect(unifiedDiff('a\nb', 'a\nb\n', { fromLabel: 'a', toLabel: 'b' })).toBe(
      '--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n',
    );
    expect(unifiedDiff('a\nb', 'a\nc', { fromLabel: 'a', toLabel: 'b' })).toBe(
      '--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n',
    );
  });

  it('returns the empty string for identical texts', () => {
    expect(unifiedDiff(lines('a', 'b'), lines('a', 'b'), { fromLabel: 'a', toLabel: 'b' })).toBe('');
    expect(unifiedDiff('', '', { fromLabel: 'a', toLabel: 'b' })).toBe('');
  });
});

describe('diffSequence', () => {
  /** Length of a longest common subsequence, by dynamic programming (the reference). */
  function lcsLength(a: string[], b: string[]): number {
    const row = new Array<number>(b.length + 1).fill(0);
    for (const x of a) {
      let diagonal = 0;
      for (let j = 1; j <= b.length; j++) {
        const above = row[j];
        row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
        diagonal = above;
      }
    }
    return row[b.length];
  }

  it('finds a shortest edit script that rebuilds b, on 300 seeded random pairs', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const sequence = () =>
      Array.from({ length: Math.floor(random() * 25) }, () => 'abcde'[Math.floor(random() * 5)]);
    for (let round = 0; round < 300; round++) {
      const a = sequence();
      const b = sequence();
      const edits = diffSequence(a, b);
      const rebuilt = edits
        .filter((e) => e.op !== 'delete')
        .map((e) => (e.op === 'equal' ? a[e.aIndex] : b[e.bIndex]));
      expect(rebuilt).toEqual(b);
      expect(edits.filter((e) => e.op !== 'insert').map((e) => a[e.aIndex])).toEqual(a);
      expect(edits.filter((e) => e.op === 'equal').length).toBe(lcsLength(a, b));
      for (const e of edits) if (e.op === 'equal') expect(a[e.aIndex]).toBe(b[e.bIndex]);
    }
  });
});
