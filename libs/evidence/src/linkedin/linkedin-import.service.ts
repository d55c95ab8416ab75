import { Inject, Injectable, Optional } from '@nestjs/common';

import { type LinkedInArchiveLimits } from './linkedin-archive.limits';
import { LinkedInArchiveReader } from './linkedin-archive.reader';
import { parseLinkedInExport } from './linkedin-csv.parser';
import { type LinkedInExport } from './linkedin-export.types';

/**
 * Injection token for the archive limits (a `Partial<LinkedInArchiveLimits>`; unset values keep their
 * defaults). Provide it from the validated config, e.g.
 * `{ provide: LINKEDIN_ARCHIVE_LIMITS, inject: [AppConfig], useFactory: (c) => c.linkedInLimits }`.
 */
export const LINKEDIN_ARCHIVE_LIMITS = Symbol('LINKEDIN_ARCHIVE_LIMITS');

/** Imports a LinkedIn "Download your data" archive (the uploaded ZIP, in memory) into typed records. */
@Injectable()
export class LinkedInImportService {
  private readonly reader: LinkedInArchiveReader;

  constructor(@Optional() @Inject(LINKEDIN_ARCHIVE_LIMITS) limits?: Partial<LinkedInArchiveLimits>) {
    this.reader = new LinkedInArchiveReader(limits);
  }

  /**
   * Throws 413 `linkedin_archive_too_large` or 422 `linkedin_archive_invalid`,
   * `linkedin_archive_unsafe_entry`, `linkedin_archive_unsupported_entry`, `linkedin_csv_invalid`.
   */
  async importArchive(archive: Buffer): Promise<LinkedInExport> {
    const { files } = await this.reader.read(archive);
    return parseLinkedInExport(files);
  }
}
