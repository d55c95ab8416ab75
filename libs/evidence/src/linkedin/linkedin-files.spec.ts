import { describe, expect, it } from 'vitest';

import { knownLinkedInFile } from './linkedin-files';

describe('knownLinkedInFile', () => {
  it.each([
    ['Positions.csv', 'Positions.csv'],
    ['positions.CSV', 'Positions.csv'],
    ['Basic_LinkedInDataExport_03-14-2025/Profile.csv', 'Profile.csv'],
    ['a/b/c/Email Addresses.csv', 'Email Addresses.csv'],
    ['email addresses.csv', 'Email Addresses.csv'],
  ])('%j is %s', (entryName, file) => {
    expect(knownLinkedInFile(entryName)).toBe(file);
  });

  it.each([
    'Connections.csv',
    'messages.csv',
    'Positions.csv/',
    'Positions.csv.bak',
    'My Positions.csv',
    '__MACOSX/Positions.csv',
    '__MACOSX/._Positions.csv',
  ])('%j is not one of ours', (entryName) => {
    expect(knownLinkedInFile(entryName)).toBeUndefined();
  });
});
