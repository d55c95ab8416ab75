import { describe, expect, it } from 'vitest';

import { isListGap } from './prose-rule';
import { resolveKey, slugify } from './skill-keys';
import { isPhrase, phraseKey, tokenize } from './skill-tokenizer';

describe('tokenize', () => {
  it('keeps ++, # and a leading dot with their word, with UTF-16 offsets', () => {
    const text = 'Ä C++, C#/.NET, ASP.NET and Node.js';
    const tokens = tokenize(text);
    expect(tokens.map((token) => token.norm)).toEqual([
      'ä',
      'c++',
      'c#',
      '.net',
      'asp',
      'net',
      'and',
      'node',
      'js',
    ]);
    for (const token of tokens) expect(text.slice(token.start, token.end).toLowerCase()).toBe(token.norm);
  });
});

describe('phraseKey and isPhrase', () => {
  it('joins lower-cased words with one space', () => {
    expect(phraseKey('Node.js')).toBe('node js');
    expect(phraseKey('React-Native')).toBe('react native');
    expect(phraseKey('PL/SQL')).toBe('pl sql');
  });

  it('says whether a name can be matched as one phrase in prose', () => {
    expect(isPhrase('Spring Boot')).toBe(true);
    expect(isPhrase('CI/CD')).toBe(true);
    expect(isPhrase('Amazon Web Services (AWS)')).toBe(false);
    expect(isPhrase('Extract, transform, load')).toBe(false);
    expect(isPhrase('!!')).toBe(false);
  });
});

describe('resolveKey and slugify', () => {
  it('ignores case and separators but keeps + and #', () => {
    expect(resolveKey('React Native')).toBe(resolveKey('react_native'));
    expect(resolveKey('Node.js')).toBe(resolveKey('nodejs'));
    expect(resolveKey('C++')).not.toBe(resolveKey('C#'));
    expect(resolveKey('CI/CD')).toBe('cicd');
  });

  it('makes stable ids from Linguist names', () => {
    expect(slugify('C++')).toBe('cpp');
    expect(slugify('C#')).toBe('csharp');
    expect(slugify('F*')).toBe('fstar');
    expect(slugify("Cap'n Proto")).toBe('capn-proto');
    expect(slugify('Visual Basic .NET')).toBe('visual-basic-net');
  });
});

describe('isListGap', () => {
  it.each([', ', '/', ' and ', ' or ', ', and ', ' & ', '\n- ', ' (', ') ', ' and/or '])(
    '%j separates list items',
    (gap) => {
      expect(isListGap(gap)).toBe(true);
    },
  );

  it.each([' ', ' with ', ' is better than ', '. Then ', ''])('%j does not', (gap) => {
    expect(isListGap(gap)).toBe(false);
  });
});
