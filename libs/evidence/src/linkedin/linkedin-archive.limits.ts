/**
 * Upload limits for a LinkedIn archive, and the pure checks that enforce them. A real "Download your data"
 * export is a few hundred kilobytes holding a few dozen CSV files that compress about 3:1 to 10:1; the
 * defaults leave generous room above that while keeping a hostile archive from costing more than a bounded
 * amount of memory and CPU.
 *
 * Sizes count only the entries we extract (the known CSV files): every other entry is skipped without
 * being inflated, so its declared size costs nothing. The entry count covers every entry.
 */
export interface LinkedInArchiveLimits {
  /** Largest accepted archive (the ZIP file itself), in bytes. Default 20 MiB. */
  maxArchiveBytes: number;
  /** Most entries (files and folders) the archive may list. Default 200. */
  maxEntries: number;
  /** Largest uncompressed size of one extracted CSV file, in bytes. Default 10 MiB. */
  maxEntryBytes: number;
  /** Largest uncompressed size of all extracted CSV files together, in bytes. Default 50 MiB. */
  maxTotalBytes: number;
  /**
   * Highest uncompressed:compressed ratio of an extracted entry, and of all extracted entries together
   * (zip-bomb defence). Default 100 (i.e. 100:1).
   */
  maxCompressionRatio: number;
  /**
   * Bytes an entry (and the extracted entries together) may inflate to whatever its ratio: tiny files
   * compress erratically and cannot hurt. Default 64 KiB.
   */
  compressionRatioFloorBytes: number;
}

export const DEFAULT_LINKEDIN_ARCHIVE_LIMITS: Readonly<LinkedInArchiveLimits> = Object.freeze({
  maxArchiveBytes: 20 * 1024 * 1024,
  maxEntries: 200,
  maxEntryBytes: 10 * 1024 * 1024,
  maxTotalBytes: 50 * 1024 * 1024,
  maxCompressionRatio: 100,
  compressionRatioFloorBytes: 64 * 1024,
});

/** The limits a violation can name (the floor is an allowance, not a limit). */
export type LinkedInArchiveLimitName = Exclude<keyof LinkedInArchiveLimits, 'compressionRatioFloorBytes'>;

export interface LimitViolation {
  limit: LinkedInArchiveLimitName;
  max: number;
  message: string;
}

/**
 * The defaults overridden by the given values. Throws on a value that is not a positive integer (or a
 * ratio below 1): a misconfiguration, caught when the service is constructed at boot.
 */
export function resolveLinkedInArchiveLimits(
  overrides: Partial<LinkedInArchiveLimits> = {},
): LinkedInArchiveLimits {
  const limits: LinkedInArchiveLimits = { ...DEFAULT_LINKEDIN_ARCHIVE_LIMITS };
  for (const key of Object.keys(DEFAULT_LINKEDIN_ARCHIVE_LIMITS) as (keyof LinkedInArchiveLimits)[]) {
    const value = overrides[key];
    if (value === undefined) continue;
    const minimum = key === 'maxCompressionRatio' ? 1 : key === 'compressionRatioFloorBytes' ? 0 : 1;
    if (!Number.isSafeInteger(value) || value < minimum) {
      throw new Error(`LinkedIn archive limit ${key} must be an integer >= ${minimum}, got ${String(value)}`);
    }
    limits[key] = value;
  }
  return limits;
}

export function archiveSizeViolation(
  archiveBytes: number,
  limits: LinkedInArchiveLimits,
): LimitViolation | undefined {
  if (archiveBytes <= limits.maxArchiveBytes) return undefined;
  return {
    limit: 'maxArchiveBytes',
    max: limits.maxArchiveBytes,
    message: `archive is ${archiveBytes} bytes; at most ${limits.maxArchiveBytes} bytes are accepted`,
  };
}

export function entryCountViolation(
  entryCount: number,
  limits: LinkedInArchiveLimits,
): LimitViolation | undefined {
  if (entryCount <= limits.maxEntries) return undefined;
  return {
    limit: 'maxEntries',
    max: limits.maxEntries,
    message: `archive lists ${entryCount} entries; at most ${limits.maxEntries} are accepted`,
  };
}

/** Uncompressed and compressed bytes: of one entry, or summed over the extracted entries. */
export interface ByteCounts {
  uncompressed: number;
  compressed: number;
}

function ratioExceeded(counts: ByteCounts, limits: LinkedInArchiveLimits): boolean {
  return (
    counts.uncompressed > limits.compressionRatioFloorBytes &&
    counts.uncompressed > limits.maxCompressionRatio * counts.compressed
  );
}

type Verb = 'declares' | 'inflates to';

function ratioViolation(
  counts: ByteCounts,
  limits: LinkedInArchiveLimits,
  subject: 'entry' | 'the CSV files together',
  verb: Verb,
): LimitViolation {
  const allowed = Math.max(limits.compressionRatioFloorBytes, limits.maxCompressionRatio * counts.compressed);
  const s = subject === 'entry' ? 's' : '';
  const found =
    verb === 'declares'
      ? `declare${s} ${counts.uncompressed} bytes from ${counts.compressed} compressed bytes`
      : `inflate${s} to more than ${allowed} bytes from ${counts.compressed} compressed bytes`;
  return {
    limit: 'maxCompressionRatio',
    max: limits.maxCompressionRatio,
    message: `${subject} ${found}; at most ${limits.maxCompressionRatio}:1 is accepted`,
  };
}

/**
 * Checks one entry's sizes as its header declares them (`entry`), with the running totals of the entries
 * extracted so far including this one (`total`), before a byte of it is inflated. Declared sizes can lie;
 * `inflateViolation` holds the actual bytes to the same limits while they are inflated.
 */
export function declaredSizeViolation(
  entry: ByteCounts,
  total: ByteCounts,
  limits: LinkedInArchiveLimits,
): LimitViolation | undefined {
  return sizeViolation(entry, total, limits, 'declares');
}

/**
 * Checks the bytes actually inflated so far for the current entry (`entry.uncompressed`, against its
 * compressed size) and for all extracted entries (`total`), after every inflated chunk.
 */
export function inflateViolation(
  entry: ByteCounts,
  total: ByteCounts,
  limits: LinkedInArchiveLimits,
): LimitViolation | undefined {
  return sizeViolation(entry, total, limits, 'inflates to');
}

function sizeViolation(
  entry: ByteCounts,
  total: ByteCounts,
  limits: LinkedInArchiveLimits,
  verb: Verb,
): LimitViolation | undefined {
  if (ratioExceeded(entry, limits)) return ratioViolation(entry, limits, 'entry', verb);
  if (entry.uncompressed > limits.maxEntryBytes) {
    return {
      limit: 'maxEntryBytes',
      max: limits.maxEntryBytes,
      message:
        verb === 'declares'
          ? `entry declares ${entry.uncompressed} bytes uncompressed; at most ${limits.maxEntryBytes} are accepted`
          : `entry inflates to more than ${limits.maxEntryBytes} bytes; at most ${limits.maxEntryBytes} are accepted`,
    };
  }
  if (total.uncompressed > limits.maxTotalBytes) {
    const found =
      verb === 'declares'
        ? `declare ${total.uncompressed} bytes`
        : `inflate to more than ${limits.maxTotalBytes} bytes`;
    return {
      limit: 'maxTotalBytes',
      max: limits.maxTotalBytes,
      message: `the CSV files together ${found}; at most ${limits.maxTotalBytes} are accepted`,
    };
  }
  if (ratioExceeded(total, limits)) {
    return ratioViolation(total, limits, 'the CSV files together', verb);
  }
  return undefined;
}
