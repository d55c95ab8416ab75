import { describe, expect, it } from 'vitest';

import { type TextSpan } from './job-analysis.types';
import { findYearsPhrases, skillsForYears } from './years-requirement.parser';

const first = (text: string) => {
  const [phrase] = findYearsPhrases(text);
  return phrase && { text: phrase.text, min: phrase.min, max: phrase.max };
};

describe('findYearsPhrases', () => {
  it.each([
    ['5+ years of professional experience', '5+ years', 5, undefined],
    ['five years of experience with Python', 'five years', 5, undefined],
    ['3-5 years of backend development', '3-5 years', 3, 5],
    ['3 to 5 years experience', '3 to 5 years', 3, 5],
    ['2–4 years of mobile development experience', '2–4 years', 2, 4],
    ['at least 2 years of experience with Go', 'at least 2 years', 2, undefined],
    ["at least three years' experience with Go", "at least three years'", 3, undefined],
    ['10+ yrs in software', '10+ yrs', 10, undefined],
    ['between 3 and 5 years in industry', 'between 3 and 5 years', 3, 5],
    ['4 or more years of experience', '4 or more years', 4, undefined],
    ['Have 1+ year of Android development experience', '1+ year', 1, undefined],
    ['around three years of experience building ML systems', 'around three years', 3, undefined],
    ['a minimum of 6 years working on Linux', 'a minimum of 6 years', 6, undefined],
    ['Up to 2 years of experience with embedded development', 'Up to 2 years', 0, 2],
  ])('%j → %s (%d–%s)', (text, phrase, min, max) => {
    expect(first(text)).toEqual({ text: phrase, min, max });
  });

  it.each([
    'Founded 10 years ago, we are profitable',
    'Our sensors run for five years on a coin cell',
    'Options vest over 4 years',
    'We grew 3x over the last 2 years',
  ])('%j states no experience', (text) => {
    expect(findYearsPhrases(text)).toEqual([]);
  });

  it('reads a bare number that stands for years said before', () => {
    expect(
      first('Many years of experience in SRE; we imagine 8 or more, with several at senior level'),
    ).toEqual({
      text: '8 or more',
      min: 8,
      max: undefined,
    });
  });

  it('reads a number of the years just stated', () => {
    const phrases = findYearsPhrases('5+ years of Android development, at least 3 of them with Kotlin');
    expect(phrases.map((p) => [p.text, p.min])).toEqual([
      ['5+ years', 5],
      ['at least 3 of them', 3],
    ]);
  });

  it('keeps offsets into the whole text', () => {
    const text = 'Requirements\n- 5+ years of Go';
    const [phrase] = findYearsPhrases(text, 13);
    expect(text.slice(phrase.start, phrase.end)).toBe('5+ years');
  });
});

describe('skillsForYears', () => {
  const bind = (text: string, skills: string[]) => {
    const [phrase] = findYearsPhrases(text);
    const mentions: TextSpan[] = skills
      .map((skill) => ({ text: skill, start: text.indexOf(skill), end: text.indexOf(skill) + skill.length }))
      .sort((a, b) => a.start - b.start);
    return skillsForYears(text, phrase, mentions).map((index) => mentions[index].text);
  };

  it('ties years to the skills right after them', () => {
    expect(bind('5+ years of Python', ['Python'])).toEqual(['Python']);
    expect(bind('At least 3 years writing production Go', ['Go'])).toEqual(['Go']);
    expect(bind('3+ years of experience with Python or Go', ['Python', 'Go'])).toEqual(['Python', 'Go']);
    expect(bind('3+ years building iOS apps professionally in Swift', ['iOS', 'Swift'])).toEqual([
      'iOS',
      'Swift',
    ]);
    expect(bind('Python (3+ years)', ['Python'])).toEqual(['Python']);
    expect(bind('3+ years of commercial experience building backend applications in Java', ['Java'])).toEqual(
      ['Java'],
    );
  });

  it('does not reach across other words or clauses', () => {
    expect(
      bind('10+ years of experience in software engineering and machine learning', ['machine learning']),
    ).toEqual([]);
    expect(bind('5+ years of backend development. Kafka is used daily', ['Kafka'])).toEqual([]);
  });
});
