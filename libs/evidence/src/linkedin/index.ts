export {
  DEFAULT_LINKEDIN_ARCHIVE_LIMITS,
  type LinkedInArchiveLimitName,
  type LinkedInArchiveLimits,
  resolveLinkedInArchiveLimits,
} from './linkedin-archive.limits';
export {
  type LinkedInArchiveContents,
  type LinkedInArchiveFile,
  LinkedInArchiveReader,
  type LinkedInArchiveStats,
  createLinkedInArchiveStats,
} from './linkedin-archive.reader';
export { parseLinkedInExport } from './linkedin-csv.parser';
export * from './linkedin-export.types';
export { LINKEDIN_FILES, type LinkedInFileName } from './linkedin-files';
export { LINKEDIN_ARCHIVE_LIMITS, LinkedInImportService } from './linkedin-import.service';
export { LINKEDIN_ARCHIVE_FIELD, LinkedInErrorCode } from './linkedin.errors';
