import { describe, expect, it } from 'vitest';

import { extractKeywords } from './keywords.extractor';

describe('extractKeywords', () => {
  const text = [
    'Requirements',
    '- Experience with Python and OAuth2 flows',
    '- Knowledge of SOC 2 and HIPAA audits',
    '- You have shipped with Great Expectations and Structured Streaming',
    '- Monday standups; HIPAA again',
  ].join('\n');
  const python = { start: text.indexOf('Python'), end: text.indexOf('Python') + 6 };

  it('keeps technical-looking tokens and capitalised runs the taxonomy does not know', () => {
    const terms = extractKeywords(text, [{ start: 0, end: text.length }], [python], () => false).map(
      (k) => k.term,
    );
    expect(terms[0]).toBe('HIPAA');
    expect(terms).toEqual(
      expect.arrayContaining(['OAuth2', 'SOC 2', 'Great Expectations', 'Structured Streaming', 'HIPAA']),
    );
    expect(terms).not.toContain('Python');
    expect(terms).not.toContain('Monday');
    expect(terms).not.toContain('Requirements');
    expect(terms).not.toContain('Experience');
  });

  it('counts repeats, gives offsets and leaves out what the taxonomy knows', () => {
    const keywords = extractKeywords(text, [{ start: 0, end: text.length }], [], (term) => term === 'OAuth2');
    const hipaa = keywords.find((k) => k.term === 'HIPAA');
    expect(hipaa?.count).toBe(2);
    for (const mention of hipaa?.mentions ?? []) expect(text.slice(mention.start, mention.end)).toBe('HIPAA');
    expect(keywords.map((k) => k.term)).not.toContain('OAuth2');
  });
});
