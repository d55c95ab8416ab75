import { describe, expect, it } from 'vitest';

import { type LinkedInArchiveFile } from './linkedin-archive.reader';
import { parseLinkedInExport } from './linkedin-csv.parser';
import { type LinkedInFileName } from './linkedin-files';
import { thrownDomainError } from './testing/domain-error.capture';

const file = (name: LinkedInFileName, content: string, entryName: string = name): LinkedInArchiveFile => ({
  name,
  entryName,
  content: Buffer.from(content, 'utf8'),
});

const noRecords = {
  positions: [],
  education: [],
  skills: [],
  certifications: [],
  languages: [],
  projects: [],
  emailAddresses: [],
};

describe('parseLinkedInExport', () => {
  it('reads only the files given and lists the others as missing', () => {
    const result = parseLinkedInExport([file('Skills.csv', 'Name\nGo\n', 'export/skills.csv')]);
    expect(result).toEqual({
      ...noRecords,
      skills: [
        {
          ref: 'linkedin_skill:1',
          source: { file: 'Skills.csv', entry: 'export/skills.csv', line: 2 },
          name: 'Go',
        },
      ],
      files: {
        present: ['Skills.csv'],
        missing: [
          'Profile.csv',
          'Positions.csv',
          'Education.csv',
          'Certifications.csv',
          'Languages.csv',
          'Projects.csv',
          'Email Addresses.csv',
        ],
      },
      warnings: [],
    });
    expect(result).not.toHaveProperty('profile');
  });

  it('leaves out dates it does not know and skips rows without their required value, with warnings', () => {
    const result = parseLinkedInExport([
      file(
        'Positions.csv',
        'Company Name,Title,Started On,Finished On\n' +
          'Acme,Engineer,Sommer 2020,Present\n' +
          ',Consultant,2019,2019\n' +
          'Globex,,2018,2018\n',
      ),
      file('Languages.csv', ''),
    ]);
    expect(result.positions).toEqual([
      {
        ref: 'linkedin_position:1',
        source: { file: 'Positions.csv', entry: 'Positions.csv', line: 2 },
        company: 'Acme',
        title: 'Engineer',
      },
    ]);
    expect(result.warnings).toEqual([
      {
        file: 'Positions.csv',
        line: 2,
        column: 'Started On',
        message: 'unrecognised date "Sommer 2020" left out',
      },
      {
        file: 'Positions.csv',
        line: 3,
        column: 'Company Name',
        message: 'row skipped: "Company Name" is empty',
      },
      { file: 'Positions.csv', line: 4, column: 'Title', message: 'row skipped: "Title" is empty' },
      { file: 'Languages.csv', line: 1, message: 'the file is empty' },
    ]);
    expect(result.files.present).toEqual(['Positions.csv', 'Languages.csv']);
  });

  it('numbers records in file order, counting only the records kept', () => {
    const result = parseLinkedInExport([file('Skills.csv', 'Name,Endorsements\n,3\nGo,2\nRust,\n')]);
    expect(result.skills.map((skill) => [skill.ref, skill.name, skill.source.line])).toEqual([
      ['linkedin_skill:1', 'Go', 3],
      ['linkedin_skill:2', 'Rust', 4],
    ]);
  });

  it('reads the first profile row, warning about any other', () => {
    const result = parseLinkedInExport([
      file('Profile.csv', 'First Name,Last Name,Headline\nAda,Lovelace,Engineer\nCharles,Babbage,\n'),
    ]);
    expect(result.profile).toEqual({
      ref: 'linkedin_profile:1',
      source: { file: 'Profile.csv', entry: 'Profile.csv', line: 2 },
      firstName: 'Ada',
      lastName: 'Lovelace',
      headline: 'Engineer',
      websites: [],
      twitterHandles: [],
    });
    expect(result.warnings).toEqual([
      { file: 'Profile.csv', line: 3, message: '2 profile rows; only the first is read' },
    ]);
  });

  it('reads email flags and certifications with their aliases', () => {
    const result = parseLinkedInExport([
      file('Email Addresses.csv', 'Email Address,Primary,Confirmed\nada@example.com,yes,No\n'),
      file(
        'Certifications.csv',
        'Certification Name,Issuing Organization,Credential ID,Issue Date,Expiration Date\nCKA,CNCF,LF-1,2022-11,Nov 2025\n',
      ),
    ]);
    expect(result.emailAddresses).toEqual([
      {
        ref: 'linkedin_email:1',
        source: { file: 'Email Addresses.csv', entry: 'Email Addresses.csv', line: 2 },
        address: 'ada@example.com',
        primary: true,
        confirmed: false,
      },
    ]);
    expect(result.certifications).toEqual([
      {
        ref: 'linkedin_certification:1',
        source: { file: 'Certifications.csv', entry: 'Certifications.csv', line: 2 },
        name: 'CKA',
        authority: 'CNCF',
        licenseNumber: 'LF-1',
        startDate: '2022-11',
        endDate: '2025-11',
      },
    ]);
  });

  it('refuses a malformed file, naming its entry and line', () => {
    const error = thrownDomainError(() =>
      parseLinkedInExport([file('Projects.csv', 'Title,Url\nledger,"https://x\n', 'export/Projects.csv')]),
    );
    expect(error).toMatchObject({
      status: 422,
      code: 'linkedin_csv_invalid',
      errors: [
        {
          in: 'body',
          field: 'archive/export/Projects.csv',
          rule: 'csv',
          message: 'line 2: unterminated quoted field',
        },
      ],
    });
  });
});
