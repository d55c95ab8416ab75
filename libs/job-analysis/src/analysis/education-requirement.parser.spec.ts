import { describe, expect, it } from 'vitest';

import { parseEducation } from './education-requirement.parser';

const parse = (text: string) => {
  const found = parseEducation({ text, start: 0, end: text.length });
  return (
    found && {
      level: found.level,
      fields: found.fields,
      orEquivalentExperience: found.orEquivalentExperience,
    }
  );
};

describe('parseEducation', () => {
  it.each([
    [
      "Bachelor's degree in Computer Science or equivalent experience",
      { level: 'bachelor', fields: ['Computer Science'], orEquivalentExperience: true },
    ],
    [
      'BSc or MSc in statistics, data science, agronomy, or a related quantitative field',
      {
        level: 'bachelor',
        fields: ['statistics', 'data science', 'agronomy'],
        orEquivalentExperience: false,
      },
    ],
    [
      'Degree in electrical engineering, computer science or similar',
      {
        level: 'degree',
        fields: ['electrical engineering', 'computer science'],
        orEquivalentExperience: false,
      },
    ],
    [
      'MS or PhD in Machine Learning',
      { level: 'master', fields: ['Machine Learning'], orEquivalentExperience: false },
    ],
    ['PhD in Physics preferred', { level: 'phd', fields: ['Physics'], orEquivalentExperience: false }],
    [
      'A university degree or equivalent practical experience',
      { level: 'degree', fields: [], orEquivalentExperience: true },
    ],
  ])('%j', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it.each([
    'No degree required: we care about what you can build',
    'A degree is not required',
    'Latency matters to a high degree',
    'p99 latency under 10 ms',
    'Experience with MS SQL Server',
  ])('%j asks for no degree', (text) => {
    expect(parse(text)).toBeUndefined();
  });
});
