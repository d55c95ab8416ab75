import { DomainError } from '@app/core';

import { type LimitViolation } from './linkedin-archive.limits';
import { displayEntryName } from './linkedin-entry-name';

/** Error codes of the LinkedIn archive import (stable; documented in problem responses). */
export enum LinkedInErrorCode {
  /** 422: not a ZIP, truncated, corrupted, or an entry that cannot be inflated or is duplicated. */
  ArchiveInvalid = 'linkedin_archive_invalid',
  /** 413: an upload limit was exceeded (the problem names it in `limit`, with its `max`). */
  ArchiveTooLarge = 'linkedin_archive_too_large',
  /** 422: an entry name that could escape a folder, or an entry inflating past its declared size. */
  ArchiveUnsafeEntry = 'linkedin_archive_unsafe_entry',
  /** 422: an encrypted entry, or a known file stored with a compression method other than store/deflate. */
  ArchiveUnsupportedEntry = 'linkedin_archive_unsupported_entry',
  /** 422: a known CSV file that cannot be read (encoding, quoting, column count, missing header). */
  CsvInvalid = 'linkedin_csv_invalid',
}

/** The upload's field name in `errors[].field`; entries are named below it: `archive/Positions.csv`. */
export const LINKEDIN_ARCHIVE_FIELD = 'archive';

export function archiveField(entryName?: string): string {
  return entryName === undefined
    ? LINKEDIN_ARCHIVE_FIELD
    : `${LINKEDIN_ARCHIVE_FIELD}/${displayEntryName(entryName)}`;
}

export const linkedInArchiveInvalid = (message: string, entryName?: string) =>
  new DomainError({
    status: 422,
    code: LinkedInErrorCode.ArchiveInvalid,
    title: 'Invalid LinkedIn archive',
    detail:
      entryName === undefined
        ? `The upload is not a readable LinkedIn data archive (ZIP): ${message}.`
        : `The LinkedIn archive is damaged at ${displayEntryName(entryName)}: ${message}.`,
    errors: [{ in: 'body', field: archiveField(entryName), rule: 'zip', message }],
  });

export const linkedInArchiveTooLarge = (violation: LimitViolation, entryName?: string) =>
  new DomainError({
    status: 413,
    code: LinkedInErrorCode.ArchiveTooLarge,
    title: 'LinkedIn archive too large',
    detail:
      `The LinkedIn archive exceeds the ${violation.limit} limit` +
      `${entryName === undefined ? '' : ` at ${displayEntryName(entryName)}`}: ${violation.message}.`,
    errors: [
      { in: 'body', field: archiveField(entryName), rule: violation.limit, message: violation.message },
    ],
    extensions: { limit: violation.limit, max: violation.max },
  });

export const linkedInUnsafeEntry = (entryName: string, rule: string, message: string) =>
  new DomainError({
    status: 422,
    code: LinkedInErrorCode.ArchiveUnsafeEntry,
    title: 'Unsafe entry in LinkedIn archive',
    detail: `The LinkedIn archive was refused because of the entry "${displayEntryName(entryName)}": ${message}.`,
    errors: [{ in: 'body', field: archiveField(entryName), rule, message }],
  });

export const linkedInUnsupportedEntry = (
  entryName: string,
  rule: 'encrypted' | 'compression-method',
  message: string,
) =>
  new DomainError({
    status: 422,
    code: LinkedInErrorCode.ArchiveUnsupportedEntry,
    title: 'Unsupported entry in LinkedIn archive',
    detail: `The LinkedIn archive holds an entry that cannot be read, "${displayEntryName(entryName)}": ${message}.`,
    errors: [{ in: 'body', field: archiveField(entryName), rule, message }],
  });

/** `line` is the 1-based line of the file where the offending record (or the header) starts. */
export const linkedInCsvInvalid = (entryName: string, line: number, message: string, rule = 'csv') =>
  new DomainError({
    status: 422,
    code: LinkedInErrorCode.CsvInvalid,
    title: 'Invalid CSV file in LinkedIn archive',
    detail: `${displayEntryName(entryName)} in the LinkedIn archive cannot be read: line ${line}: ${message}.`,
    errors: [{ in: 'body', field: archiveField(entryName), rule, message: `line ${line}: ${message}` }],
  });
