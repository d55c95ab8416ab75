import { describe, expect, it } from 'vitest';

import { displayEntryName, unsafeEntryName } from './linkedin-entry-name';

describe('unsafeEntryName', () => {
  it.each([
    'Positions.csv',
    'Basic_LinkedInDataExport_03-14-2025/Positions.csv',
    'Articles/',
    'Articles/Articles/on..engines.html',
    '..hidden/file.csv',
    'Jobs/Saved Jobs.csv',
  ])('accepts %j', (name) => {
    expect(unsafeEntryName(name)).toBeUndefined();
  });

  it.each([
    ['../../etc/passwd', 'path-traversal'],
    ['export/../../etc/passwd', 'path-traversal'],
    ['export/..', 'path-traversal'],
    ['..\\..\\windows\\system.ini', 'path-traversal'],
    ['/etc/passwd', 'absolute-path'],
    ['\\server\\share\\x.csv', 'absolute-path'],
    ['C:/Windows/win.ini', 'drive-letter'],
    ['c:Positions.csv', 'drive-letter'],
    ['export\\Positions.csv', 'backslash'],
    ['Positions.csv\u0000.txt', 'control-character'],
    ['Posi\ntions.csv', 'control-character'],
    ['', 'empty-name'],
  ])('refuses %j (%s)', (name, rule) => {
    expect(unsafeEntryName(name)?.rule).toBe(rule);
  });

  it('says why in words', () => {
    expect(unsafeEntryName('../../etc/passwd')).toEqual({
      rule: 'path-traversal',
      message: 'entry name climbs out of the archive with ".."',
    });
  });
});

describe('displayEntryName', () => {
  it('replaces control characters and shortens long names', () => {
    expect(displayEntryName('a\u0000b\nc')).toBe('a?b?c');
    expect(displayEntryName('x'.repeat(250))).toBe(`${'x'.repeat(200)}…`);
    expect(displayEntryName('../../etc/passwd')).toBe('../../etc/passwd');
  });
});
