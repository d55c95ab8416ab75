import { describe, expect, it } from 'vitest';

import { classifyHeading, sectionAt, segmentJobText } from './job-sections';

const kindOf = (text: string, phrase: string) => {
  const sections = segmentJobText(text);
  return sectionAt(sections, text.indexOf(phrase))?.kind;
};

describe('classifyHeading', () => {
  it.each([
    ['Nice to have', 'preferred'],
    ['Bonus points', 'preferred'],
    ['PREFERRED QUALIFICATIONS', 'preferred'],
    ['What would make you stand out', 'preferred'],
    ['Extra credit', 'preferred'],
    ['Pluses', 'preferred'],
    ["It's a plus if you have", 'preferred'],
    ['Ideally you also have', 'preferred'],
    ['Desirable criteria', 'preferred'],
    ['Requirements', 'requirements'],
    ['Minimum qualifications', 'requirements'],
    ["What we're looking for", 'requirements'],
    ['About you', 'requirements'],
    ['Who you are', 'requirements'],
    ["What you'll need", 'requirements'],
    ["What you'll do", 'responsibilities'],
    ['Key responsibilities', 'responsibilities'],
    ['In this role you will', 'responsibilities'],
    ['About the role', 'role'],
    ['The opportunity', 'role'],
    ['About Ledgerline', 'about'],
    ['Who we are', 'about'],
    ['Company overview', 'about'],
    ['Our stack, for context', 'context'],
    ['Tech stack', 'context'],
    ['What we offer', 'benefits'],
    ['Perks', 'benefits'],
    ['Compensation & benefits', 'benefits'],
    ['Interview process', 'process'],
    ['Equal opportunity', 'eeo'],
  ] as const)('%j is %s', (heading, kind) => {
    expect(classifyHeading(heading)).toBe(kind);
  });

  it('places no unknown heading', () => {
    expect(classifyHeading('Ledgerline in numbers')).toBeUndefined();
  });
});

describe('segmentJobText', () => {
  it('recognises headings in several styles', () => {
    const text = [
      'Senior Engineer',
      '',
      'We move money.',
      '',
      '## Requirements',
      '- Go',
      '',
      '**Bonus points**',
      '- Rust',
      '',
      'PREFERRED QUALIFICATIONS',
      '- Zig',
      '',
      'What would make you stand out:',
      '- Kafka',
      '',
      'Extra credit',
      '- Haskell',
      '',
      'What you will do',
      '',
      '- Build services',
    ].join('\n');
    expect(kindOf(text, 'We move money')).toBe('intro');
    expect(kindOf(text, 'Go')).toBe('requirements');
    expect(kindOf(text, 'Rust')).toBe('preferred');
    expect(kindOf(text, 'Zig')).toBe('preferred');
    expect(kindOf(text, 'Kafka')).toBe('preferred');
    expect(kindOf(text, 'Haskell')).toBe('preferred');
    expect(kindOf(text, 'Build services')).toBe('responsibilities');
    const headings = segmentJobText(text).map((section) => section.heading);
    expect(headings).toEqual([
      undefined,
      'Requirements',
      'Bonus points',
      'PREFERRED QUALIFICATIONS',
      'What would make you stand out',
      'Extra credit',
      'What you will do',
    ]);
  });

  it('scopes an inline heading in a list item to that item, and one in a paragraph to the paragraph', () => {
    const text = [
      'Requirements',
      '- Python',
      '- Nice to have: Kafka',
      '- Go',
      '',
      'Perks: a Kubernetes-themed mug and Slack stickers.',
      'Free lunch.',
      '',
      'You will also use Docker.',
    ].join('\n');
    expect(kindOf(text, 'Python')).toBe('requirements');
    expect(kindOf(text, 'Kafka')).toBe('preferred');
    expect(kindOf(text, 'Go')).toBe('requirements');
    expect(kindOf(text, 'Kubernetes')).toBe('benefits');
    expect(kindOf(text, 'Free lunch')).toBe('benefits');
    expect(kindOf(text, 'Docker')).toBe('requirements');
  });

  it('does not take a requirement sentence with a colon for a heading', () => {
    const text = 'Nice to have\n- Experience with e-commerce: checkout flows\n- Docker';
    expect(kindOf(text, 'checkout')).toBe('preferred');
  });

  it('marks an equal-opportunity paragraph wherever it stands', () => {
    const text = 'Requirements\n- Go\n\nAcme is an equal opportunity employer and values diversity.';
    expect(kindOf(text, 'Acme is')).toBe('eeo');
  });

  it('partitions the text: sections are contiguous and cover it', () => {
    const text = 'Intro line\n\nRequirements:\n- Go\n\nNice to have:\n- Rust\n';
    const sections = segmentJobText(text);
    expect(sections[0].start).toBe(0);
    for (let i = 1; i < sections.length; i++) expect(sections[i].start).toBe(sections[i - 1].end);
    expect(sections[sections.length - 1].end).toBe(text.length);
  });
});
