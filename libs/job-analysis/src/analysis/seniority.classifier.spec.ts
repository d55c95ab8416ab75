import { describe, expect, it } from 'vitest';

import { classifySeniority, seniorityFromTitle, seniorityFromYears } from './seniority.classifier';

const span = (text: string) => ({ text, start: 0, end: text.length });

describe('seniorityFromTitle', () => {
  it.each([
    ['Software Engineering Intern', 'intern'],
    ['Junior Frontend Developer', 'junior'],
    ['Jr. Data Analyst', 'junior'],
    ['Graduate Software Engineer', 'junior'],
    ['Mid-level Backend Engineer', 'mid'],
    ['Software Engineer II', 'mid'],
    ['Senior Backend Engineer (Go)', 'senior'],
    ['Sr. Site Reliability Engineer', 'senior'],
    ['Staff Platform Engineer', 'staff'],
    ['Principal Machine Learning Engineer', 'principal'],
    ['Tech Lead, Payments', 'lead'],
    ['Lead Scala Engineer', 'lead'],
    ['Senior Engineering Manager', 'manager'],
    ['Head of Engineering', 'manager'],
    ['Director of Platform', 'manager'],
  ] as const)('%j → %s', (title, level) => {
    expect(seniorityFromTitle(title)?.level).toBe(level);
  });

  it('finds no level in a plain title', () => {
    expect(seniorityFromTitle('Java Developer – Store Systems')).toBeUndefined();
    expect(seniorityFromTitle('Internal Tools Engineer')).toBeUndefined();
  });
});

describe('seniorityFromYears', () => {
  it.each([
    [0, 'junior'],
    [1, 'junior'],
    [2, 'mid'],
    [4, 'mid'],
    [5, 'senior'],
    [7, 'senior'],
    [8, 'staff'],
    [12, 'staff'],
  ] as const)('%d years → %s', (years, level) => {
    expect(seniorityFromYears(years)).toBe(level);
  });
});

describe('classifySeniority', () => {
  it('lets the title win over the description', () => {
    const result = classifySeniority({
      title: 'Senior Engineer',
      roleText: [span('We are hiring a junior engineer')],
      dutyText: [],
      minYears: { years: 1, phrase: '1+ years' },
    });
    expect(result).toEqual({ level: 'senior', source: 'title', decidedBy: ['Senior'] });
  });

  it('uses a level named with the role in the description', () => {
    const result = classifySeniority({
      title: 'Backend Engineer',
      roleText: [span("We're looking for a Staff-level backend engineer to lead our platform.")],
      dutyText: [],
    });
    expect(result.level).toBe('staff');
    expect(result.source).toBe('description');
  });

  it('falls back to years, then duties, then mid', () => {
    expect(
      classifySeniority({ roleText: [], dutyText: [], minYears: { years: 3, phrase: '3+ years' } }),
    ).toEqual({
      level: 'mid',
      source: 'years',
      decidedBy: ['3+ years'],
    });
    expect(
      classifySeniority({ roleText: [], dutyText: [span('You will manage a team of six engineers')] }),
    ).toEqual({ level: 'manager', source: 'responsibilities', decidedBy: ['manage a team of'] });
    expect(classifySeniority({ roleText: [], dutyText: [span('Mentor junior engineers')] }).level).toBe(
      'senior',
    );
    expect(
      classifySeniority({ roleText: [], dutyText: [span('Own the technical direction of search')] }).level,
    ).toBe('staff');
    expect(classifySeniority({ roleText: [], dutyText: [span('Build APIs')] })).toEqual({
      level: 'mid',
      source: 'default',
      decidedBy: [],
    });
  });
});
