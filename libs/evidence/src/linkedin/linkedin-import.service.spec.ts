import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';

import * as linkedIn from './index';
import { LINKEDIN_ARCHIVE_LIMITS, LinkedInImportService } from './linkedin-import.service';
import { rejectedDomainError } from './testing/domain-error.capture';
import {
  UNTERMINATED_QUOTE_POSITIONS_CSV,
  fullExportZip,
  reorderedExportZip,
} from './testing/linkedin-export.fixture';
import { deflateZeros, writeZip } from './testing/zip-writer';

const source = (file: string, line: number, entry = file) => ({ file, entry, line });

describe('LinkedInImportService', () => {
  const service = new LinkedInImportService();

  it('imports a full export into typed, cited records', async () => {
    expect(await service.importArchive(fullExportZip())).toEqual({
      profile: {
        ref: 'linkedin_profile:1',
        source: source('Profile.csv', 2),
        firstName: 'Ada',
        lastName: 'Lovelace',
        headline: 'Senior Backend Engineer · Go · Kubernetes',
        summary:
          'I build payment systems that reconcile to the penny.\n\nPreviously: tracing at Analytical Engines.',
        industry: 'Software Development',
        location: 'London, England, United Kingdom',
        websites: [
          { label: 'portfolio', url: 'https://ada.dev' },
          { label: 'other', url: 'https://github.com/ada-l' },
        ],
        twitterHandles: ['adalovelace'],
      },
      positions: [
        {
          ref: 'linkedin_position:1',
          source: source('Positions.csv', 2),
          company: 'Analytical Engines Ltd',
          title: 'Senior Backend Engineer',
          description:
            'Moved the payments ledger to Go: p99 from 900 ms to 120 ms.\n' +
            '- Designed the "exactly-once" settlement pipeline\n' +
            '- Mentored four engineers',
          location: 'London, England, United Kingdom',
          startDate: '2021-03',
        },
        {
          ref: 'linkedin_position:2',
          source: source('Positions.csv', 5),
          company: 'Difference Labs',
          title: 'Backend Engineer',
          description: 'Built the billing API in Node.js and PostgreSQL.',
          location: 'Remote',
          startDate: '2017-06',
          endDate: '2021-02',
        },
        {
          ref: 'linkedin_position:3',
          source: source('Positions.csv', 6),
          company: 'Babbage & Co',
          title: 'Software Engineering Intern',
          location: 'Cambridge, England, United Kingdom',
          startDate: '2016',
          endDate: '2016',
        },
      ],
      education: [
        {
          ref: 'linkedin_education:1',
          source: source('Education.csv', 2),
          school: 'University of London',
          degree: 'BSc, Mathematics',
          notes: 'Thesis on numerical methods for difference equations.',
          activities: 'Chess club',
          startDate: '2013',
          endDate: '2017',
        },
      ],
      skills: ['Go', 'PostgreSQL', 'Kubernetes', 'Distributed Systems'].map((name, index) => ({
        ref: `linkedin_skill:${index + 1}`,
        source: source('Skills.csv', index + 2),
        name,
      })),
      certifications: [
        {
          ref: 'linkedin_certification:1',
          source: source('Certifications.csv', 2),
          name: 'Certified Kubernetes Administrator (CKA)',
          authority: 'The Linux Foundation',
          url: 'https://www.credly.com/badges/0d1e2f',
          licenseNumber: 'LF-12345',
          startDate: '2022-11',
          endDate: '2025-11',
        },
        {
          ref: 'linkedin_certification:2',
          source: source('Certifications.csv', 3),
          name: 'AWS Certified Developer – Associate',
          authority: 'Amazon Web Services',
          startDate: '2020-01',
        },
      ],
      languages: [
        {
          ref: 'linkedin_language:1',
          source: source('Languages.csv', 2),
          name: 'English',
          proficiency: 'Native or bilingual proficiency',
        },
        {
          ref: 'linkedin_language:2',
          source: source('Languages.csv', 3),
          name: 'French',
          proficiency: 'Professional working proficiency',
        },
      ],
      projects: [
        {
          ref: 'linkedin_project:1',
          source: source('Projects.csv', 2),
          title: 'ledger-lite',
          description: 'A double-entry ledger in Go, with property-based tests.',
          url: 'https://github.com/ada-l/ledger-lite',
          startDate: '2020-09',
        },
      ],
      emailAddresses: [
        {
          ref: 'linkedin_email:1',
          source: source('Email Addresses.csv', 2),
          address: 'ada@example.com',
          primary: true,
          confirmed: true,
        },
        {
          ref: 'linkedin_email:2',
          source: source('Email Addresses.csv', 3),
          address: 'ada.old@example.org',
          primary: false,
          confirmed: true,
        },
      ],
      files: {
        present: [
          'Profile.csv',
          'Positions.csv',
          'Education.csv',
          'Skills.csv',
          'Certifications.csv',
          'Languages.csv',
          'Projects.csv',
          'Email Addresses.csv',
        ],
        missing: [],
      },
      warnings: [],
    });
  });

  it('imports an export with files missing and columns reordered and renamed', async () => {
    const folder = 'LinkedInDataExport_03-14-2025';
    expect(await service.importArchive(reorderedExportZip())).toEqual({
      positions: [
        {
          ref: 'linkedin_position:1',
          source: source('Positions.csv', 2, `${folder}/positions.csv`),
          company: 'Analytical Engines Ltd',
          title: 'Staff Engineer',
          startDate: '2021-03',
        },
        {
          ref: 'linkedin_position:2',
          source: source('Positions.csv', 3, `${folder}/positions.csv`),
          company: 'Difference Labs',
          title: 'Engineer',
          description: 'Owned the "usage" metering service',
          location: 'Remote',
          startDate: '2019-07',
          endDate: '2020-09',
        },
      ],
      education: [
        {
          ref: 'linkedin_education:1',
          source: source('Education.csv', 2, `${folder}/EDUCATION.CSV`),
          school: 'Imperial College London',
          degree: 'MSc Computer Science',
          startDate: '2018',
          endDate: '2019',
        },
      ],
      skills: [
        { ref: 'linkedin_skill:1', source: source('Skills.csv', 2, `${folder}/Skills.csv`), name: 'Go' },
        { ref: 'linkedin_skill:2', source: source('Skills.csv', 4, `${folder}/Skills.csv`), name: 'Rust' },
      ],
      certifications: [],
      languages: [],
      projects: [],
      emailAddresses: [],
      files: {
        present: ['Positions.csv', 'Education.csv', 'Skills.csv'],
        missing: [
          'Profile.csv',
          'Certifications.csv',
          'Languages.csv',
          'Projects.csv',
          'Email Addresses.csv',
        ],
      },
      warnings: [],
    });
  });

  it('refuses a CSV with an unterminated quote, naming the file and the line', async () => {
    const archive = writeZip([
      { name: 'Skills.csv', data: 'Name\nGo\n' },
      { name: 'Positions.csv', data: UNTERMINATED_QUOTE_POSITIONS_CSV },
    ]);
    const error = await rejectedDomainError(service.importArchive(archive));
    expect(error).toMatchObject({
      status: 422,
      code: 'linkedin_csv_invalid',
      title: 'Invalid CSV file in LinkedIn archive',
      errors: [
        {
          in: 'body',
          field: 'archive/Positions.csv',
          rule: 'csv',
          message: 'line 7: unterminated quoted field',
        },
      ],
    });
  });

  it('refuses a zip bomb and a path-traversal entry', async () => {
    const bomb = writeZip([{ name: 'Positions.csv', deflated: await deflateZeros(100 * 1024 * 1024) }]);
    expect(await rejectedDomainError(service.importArchive(bomb))).toMatchObject({
      status: 413,
      code: 'linkedin_archive_too_large',
      extensions: { limit: 'maxCompressionRatio', max: 100 },
    });
    const traversal = writeZip([
      { name: 'Skills.csv', data: 'Name\nGo\n' },
      { name: '../../etc/passwd', data: 'root:x:0:0::/root:/bin/sh\n' },
    ]);
    expect(await rejectedDomainError(service.importArchive(traversal))).toMatchObject({
      status: 422,
      code: 'linkedin_archive_unsafe_entry',
      errors: [{ field: 'archive/../../etc/passwd', rule: 'path-traversal' }],
    });
  });

  it('takes its limits from the LINKEDIN_ARCHIVE_LIMITS provider, with defaults without one', async () => {
    const moduleRef = await Test.createTestingModule({
      providers: [
        LinkedInImportService,
        { provide: LINKEDIN_ARCHIVE_LIMITS, useValue: { maxArchiveBytes: 100 } },
      ],
    }).compile();
    const limited = moduleRef.get(LinkedInImportService);
    expect(await rejectedDomainError(limited.importArchive(fullExportZip()))).toMatchObject({
      status: 413,
      extensions: { limit: 'maxArchiveBytes', max: 100 },
    });

    const defaultsRef = await Test.createTestingModule({ providers: [LinkedInImportService] }).compile();
    const imported = await defaultsRef.get(LinkedInImportService).importArchive(fullExportZip());
    expect(imported.files.missing).toEqual([]);
  });

  it('refuses invalid limits when constructed', () => {
    expect(() => new LinkedInImportService({ maxEntries: -1 })).toThrow(
      'LinkedIn archive limit maxEntries must be an integer >= 1, got -1',
    );
  });

  it('is exported, with its API, from the folder index', () => {
    expect(Object.keys(linkedIn).sort()).toEqual([
      'DEFAULT_LINKEDIN_ARCHIVE_LIMITS',
      'LINKEDIN_ARCHIVE_FIELD',
      'LINKEDIN_ARCHIVE_LIMITS',
      'LINKEDIN_FILES',
      'LINKEDIN_REF_KINDS',
      'LinkedInArchiveReader',
      'LinkedInErrorCode',
      'LinkedInImportService',
      'createLinkedInArchiveStats',
      'parseLinkedInExport',
      'resolveLinkedInArchiveLimits',
    ]);
  });
});
