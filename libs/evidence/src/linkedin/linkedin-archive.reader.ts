import { type Readable, pipeline } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';

import { DomainError } from '@app/core';
import * as yauzl from 'yauzl';

import {
  type ByteCounts,
  type LinkedInArchiveLimits,
  archiveSizeViolation,
  declaredSizeViolation,
  entryCountViolation,
  inflateViolation,
  resolveLinkedInArchiveLimits,
} from './linkedin-archive.limits';
import { unsafeEntryName } from './linkedin-entry-name';
import { LINKEDIN_FILES, type LinkedInFileName, knownLinkedInFile } from './linkedin-files';
import {
  linkedInArchiveInvalid,
  linkedInArchiveTooLarge,
  linkedInUnsafeEntry,
  linkedInUnsupportedEntry,
} from './linkedin.errors';

/** One known CSV file extracted from the archive. */
export interface LinkedInArchiveFile {
  /** Canonical name of the file (`Positions.csv`), whatever its case and folder in the archive. */
  name: LinkedInFileName;
  /** The entry's full name in the archive (`Basic_LinkedInDataExport/positions.csv`). */
  entryName: string;
  content: Buffer;
}

/**
 * What reading cost, counted as it happens (so a caller can pass its own object and still read it after
 * the read was refused half-way).
 */
export interface LinkedInArchiveStats {
  /** Central-directory entries visited. */
  entriesSeen: number;
  /** Known CSV files whose data was read. */
  entriesExtracted: number;
  /** Uncompressed bytes actually produced, over all extracted entries (not what the headers declare). */
  bytesInflated: number;
}

export interface LinkedInArchiveContents {
  /** The known files present, in archive order. */
  files: LinkedInArchiveFile[];
  stats: LinkedInArchiveStats;
}

export const createLinkedInArchiveStats = (): LinkedInArchiveStats => ({
  entriesSeen: 0,
  entriesExtracted: 0,
  bytesInflated: 0,
});

const STORE = 0;
const DEFLATE = 8;

/** Running totals over the extracted entries: declared by their headers and actually inflated. */
interface ExtractionTotals {
  declared: ByteCounts;
  inflated: ByteCounts;
}

/**
 * Reads a LinkedIn "Download your data" ZIP from memory under `LinkedInArchiveLimits`. It visits every
 * entry of the central directory, refuses the archive on an unsafe entry name or an encrypted entry, and
 * inflates only the known CSV files (see `LINKEDIN_FILES`), one at a time, counting the bytes inflated
 * and stopping the moment a limit or the entry's declared size is passed. Other entries are never inflated.
 * CRC-32 and sizes of what it inflates are verified.
 *
 * Stateless apart from its limits, so one instance serves concurrent reads.
 */
export class LinkedInArchiveReader {
  readonly limits: LinkedInArchiveLimits;

  constructor(limits: Partial<LinkedInArchiveLimits> = {}) {
    this.limits = resolveLinkedInArchiveLimits(limits);
  }

  async read(
    archive: Buffer,
    stats: LinkedInArchiveStats = createLinkedInArchiveStats(),
  ): Promise<LinkedInArchiveContents> {
    const tooLarge = archiveSizeViolation(archive.length, this.limits);
    if (tooLarge) throw linkedInArchiveTooLarge(tooLarge);
    const zip = await openZip(archive);
    try {
      const tooMany = entryCountViolation(zip.entryCount, this.limits);
      if (tooMany) throw linkedInArchiveTooLarge(tooMany);
      const files = await this.extractKnownFiles(zip, stats);
      if (files.length === 0) {
        throw linkedInArchiveInvalid(
          `it holds none of the LinkedIn export files (${LINKEDIN_FILES.join(', ')})`,
        );
      }
      return { files, stats };
    } finally {
      zip.close();
    }
  }

  private async extractKnownFiles(
    zip: yauzl.ZipFile,
    stats: LinkedInArchiveStats,
  ): Promise<LinkedInArchiveFile[]> {
    const files: LinkedInArchiveFile[] = [];
    const totals: ExtractionTotals = {
      declared: { uncompressed: 0, compressed: 0 },
      inflated: { uncompressed: 0, compressed: 0 },
    };
    const entries = zip.eachEntry();
    for (;;) {
      const next = await entries.next().catch((error: unknown) => {
        throw linkedInArchiveInvalid(`its central directory is malformed (${errorMessage(error)})`);
      });
      if (next.done) return files;
      stats.entriesSeen += 1;
      const file = await this.visitEntry(zip, next.value, files, totals, stats);
      if (file) files.push(file);
    }
  }

  private async visitEntry(
    zip: yauzl.ZipFile,
    entry: yauzl.Entry,
    extracted: readonly LinkedInArchiveFile[],
    totals: ExtractionTotals,
    stats: LinkedInArchiveStats,
  ): Promise<LinkedInArchiveFile | undefined> {
    const entryName = decodeEntryName(entry);
    const unsafe = unsafeEntryName(entryName);
    if (unsafe) throw linkedInUnsafeEntry(entryName, unsafe.rule, unsafe.message);
    if (entry.isEncrypted()) throw linkedInUnsupportedEntry(entryName, 'encrypted', 'entry is encrypted');
    const name = knownLinkedInFile(entryName);
    if (name === undefined) return undefined;
    const previous = extracted.find((file) => file.name === name);
    if (previous) {
      throw linkedInArchiveInvalid(`${name} appears twice (also as ${previous.entryName})`, entryName);
    }
    this.checkDeclaredSizes(entry, entryName, totals);
    const content = await this.inflateEntry(zip, entry, entryName, totals, stats);
    stats.entriesExtracted += 1;
    return { name, entryName, content };
  }

  private checkDeclaredSizes(entry: yauzl.Entry, entryName: string, totals: ExtractionTotals): void {
    if (entry.compressionMethod !== STORE && entry.compressionMethod !== DEFLATE) {
      throw linkedInUnsupportedEntry(
        entryName,
        'compression-method',
        `entry uses compression method ${entry.compressionMethod}; only 0 (stored) and 8 (deflated) are supported`,
      );
    }
    if (entry.compressionMethod === STORE && entry.compressedSize !== entry.uncompressedSize) {
      throw linkedInArchiveInvalid('stored entry has different compressed and uncompressed sizes', entryName);
    }
    const declared = { uncompressed: entry.uncompressedSize, compressed: entry.compressedSize };
    totals.declared = add(totals.declared, declared);
    const violation = declaredSizeViolation(declared, totals.declared, this.limits);
    if (violation) throw linkedInArchiveTooLarge(violation, entryName);
  }

  /** Inflates one entry chunk by chunk, holding the actual bytes to the limits and to the declared size. */
  private async inflateEntry(
    zip: yauzl.ZipFile,
    entry: yauzl.Entry,
    entryName: string,
    totals: ExtractionTotals,
    stats: LinkedInArchiveStats,
  ): Promise<Buffer> {
    const raw = await zip.openReadStreamPromise(entry, { decodeFileData: false }).catch((error: unknown) => {
      throw linkedInArchiveInvalid(`its data cannot be located (${errorMessage(error)})`, entryName);
    });
    const data: Readable =
      entry.compressionMethod === DEFLATE ? pipeline(raw, createInflateRaw(), ignore) : raw;
    totals.inflated.compressed += entry.compressedSize;
    const chunks: Buffer[] = [];
    let entryBytes = 0;
    let checksum = 0;
    try {
      for await (const chunk of data as AsyncIterable<Buffer>) {
        entryBytes += chunk.length;
        totals.inflated.uncompressed += chunk.length;
        stats.bytesInflated += chunk.length;
        this.checkInflated(entry, entryName, entryBytes, totals.inflated);
        checksum = crc32(chunk, checksum);
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof DomainError || !isNodeError(error)) throw error;
      throw linkedInArchiveInvalid(`its data cannot be inflated (${errorMessage(error)})`, entryName);
    }
    if (entryBytes !== entry.uncompressedSize) {
      throw linkedInArchiveInvalid(
        `entry inflates to ${entryBytes} bytes but its header declares ${entry.uncompressedSize}`,
        entryName,
      );
    }
    if (checksum !== entry.crc32)
      throw linkedInArchiveInvalid('entry data does not match its CRC-32', entryName);
    return Buffer.concat(chunks, entryBytes);
  }

  private checkInflated(entry: yauzl.Entry, entryName: string, entryBytes: number, total: ByteCounts): void {
    const violation = inflateViolation(
      { uncompressed: entryBytes, compressed: entry.compressedSize },
      total,
      this.limits,
    );
    if (violation) throw linkedInArchiveTooLarge(violation, entryName);
    if (entryBytes > entry.uncompressedSize) {
      throw linkedInUnsafeEntry(
        entryName,
        'declared-size',
        `entry inflates to more than the ${entry.uncompressedSize} bytes its header declares`,
      );
    }
  }
}

async function openZip(archive: Buffer): Promise<yauzl.ZipFile> {
  try {
    // decodeStrings: false leaves entry names to us (decodeEntryName) so that an unsafe name is reported
    // as such, naming the entry, instead of failing the whole read; validateEntrySizes: false because
    // inflateEntry enforces sizes itself, counting every byte.
    return await yauzl.fromBufferPromise(archive, {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: false,
    });
  } catch (error) {
    throw linkedInArchiveInvalid(`not a ZIP archive, or a truncated one: ${errorMessage(error)}`);
  }
}

/** The name as the ZIP spec says to decode it (UTF-8 when flagged, else CP437), backslashes kept. */
function decodeEntryName(entry: yauzl.Entry): string {
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
}

const add = (a: ByteCounts, b: ByteCounts): ByteCounts => ({
  uncompressed: a.uncompressed + b.uncompressed,
  compressed: a.compressed + b.compressed,
});

/** A library error's message as a clause: first letter lowered, final period dropped. */
const errorMessage = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  return (message.charAt(0).toLowerCase() + message.slice(1)).replace(/\.$/, '');
};

/** zlib and stream errors carry a string `code` (`Z_DATA_ERROR`, `ERR_STREAM_PREMATURE_CLOSE`, ...). */
const isNodeError = (error: unknown): error is NodeJS.ErrnoException =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';

const ignore = (): void => undefined;
