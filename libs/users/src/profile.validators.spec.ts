import { describe, expect, it } from 'vitest';

import { GITHUB_USERNAME, normalizeLinkedInUrl } from './profile.validators';

describe('GitHub usernames', () => {
  it.each(['a', 'octocat', 'Octo-Cat', 'a1-b2-c3', 'x'.repeat(39), '0day'])('accepts %s', (name) => {
    expect(GITHUB_USERNAME.test(name)).toBe(true);
  });

  it.each(['', '-octo', 'octo-', 'oc--to', 'x'.repeat(40), 'octo_cat', 'octo.cat', 'octo cat', 'ünï'])(
    'rejects %j',
    (name) => {
      expect(GITHUB_USERNAME.test(name)).toBe(false);
    },
  );
});

describe('LinkedIn profile URLs', () => {
  it.each([
    ['https://www.linkedin.com/in/jane-doe', 'https://www.linkedin.com/in/jane-doe'],
    ['http://linkedin.com/in/Jane-Doe/', 'https://www.linkedin.com/in/jane-doe'],
    ['linkedin.com/in/jane-doe-1234', 'https://www.linkedin.com/in/jane-doe-1234'],
    ['https://de.linkedin.com/in/jane', 'https://www.linkedin.com/in/jane'],
    ['  www.linkedin.com/in/jane_doe  ', 'https://www.linkedin.com/in/jane_doe'],
  ])('normalises %s', (input, expected) => {
    expect(normalizeLinkedInUrl(input)).toBe(expected);
  });

  it.each([
    'https://www.linkedin.com/company/acme',
    'https://www.linkedin.com/in/',
    'https://www.linkedin.com/in/ab',
    'https://www.linkedin.com/in/jane?trk=share',
    'https://linkedin.com.evil.example/in/jane',
    'https://evil.example/linkedin.com/in/jane',
    'https://www.linkedin.com/in/jane/details/experience',
    'ftp://linkedin.com/in/jane',
    'https://sub.domain.linkedin.com/in/jane',
  ])('rejects %s', (input) => {
    expect(normalizeLinkedInUrl(input)).toBeUndefined();
  });
});
