import { describe, expect, it } from 'vitest';

import { parseHandles, parseWebsites } from './linkedin-profile-links';

describe('parseWebsites', () => {
  it("splits LinkedIn's labelled list", () => {
    expect(parseWebsites('[PORTFOLIO:https://ada.dev,OTHER:https://github.com/ada-l]')).toEqual([
      { label: 'portfolio', url: 'https://ada.dev' },
      { label: 'other', url: 'https://github.com/ada-l' },
    ]);
  });

  it('keeps commas inside a URL and accepts unlabelled URLs', () => {
    expect(parseWebsites('[https://example.com/a,b?x=1, COMPANY:www.acme.example]')).toEqual([
      { url: 'https://example.com/a,b?x=1' },
      { label: 'company', url: 'www.acme.example' },
    ]);
  });

  it('is empty for an absent or empty cell', () => {
    expect(parseWebsites(undefined)).toEqual([]);
    expect(parseWebsites('[]')).toEqual([]);
  });
});

describe('parseHandles', () => {
  it('splits the bracketed list and drops @', () => {
    expect(parseHandles('[adalovelace, @ada_dev]')).toEqual(['adalovelace', 'ada_dev']);
    expect(parseHandles(undefined)).toEqual([]);
    expect(parseHandles('[]')).toEqual([]);
  });
});
