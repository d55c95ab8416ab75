import { describe, expect, it } from 'vitest';

import {
  DEFAULT_LINKEDIN_ARCHIVE_LIMITS,
  archiveSizeViolation,
  declaredSizeViolation,
  entryCountViolation,
  inflateViolation,
  resolveLinkedInArchiveLimits,
} from './linkedin-archive.limits';

const MiB = 1024 * 1024;
const limits = DEFAULT_LINKEDIN_ARCHIVE_LIMITS;

describe('resolveLinkedInArchiveLimits', () => {
  it('documents its defaults', () => {
    expect(resolveLinkedInArchiveLimits()).toEqual({
      maxArchiveBytes: 20 * MiB,
      maxEntries: 200,
      maxEntryBytes: 10 * MiB,
      maxTotalBytes: 50 * MiB,
      maxCompressionRatio: 100,
      compressionRatioFloorBytes: 64 * 1024,
    });
  });

  it('overrides only what it is given', () => {
    expect(resolveLinkedInArchiveLimits({ maxEntries: 10, compressionRatioFloorBytes: 0 })).toEqual({
      ...limits,
      maxEntries: 10,
      compressionRatioFloorBytes: 0,
    });
  });

  it.each([
    [{ maxEntries: 0 }, 'LinkedIn archive limit maxEntries must be an integer >= 1, got 0'],
    [{ maxArchiveBytes: 1.5 }, 'LinkedIn archive limit maxArchiveBytes must be an integer >= 1, got 1.5'],
    [
      { maxCompressionRatio: Number.NaN },
      'LinkedIn archive limit maxCompressionRatio must be an integer >= 1, got NaN',
    ],
    [
      { compressionRatioFloorBytes: -1 },
      'LinkedIn archive limit compressionRatioFloorBytes must be an integer >= 0, got -1',
    ],
  ])('refuses %j', (overrides, message) => {
    expect(() => resolveLinkedInArchiveLimits(overrides)).toThrow(message);
  });
});

describe('archiveSizeViolation and entryCountViolation', () => {
  it('allow up to the limit and name the limit past it', () => {
    expect(archiveSizeViolation(20 * MiB, limits)).toBeUndefined();
    expect(archiveSizeViolation(20 * MiB + 1, limits)).toEqual({
      limit: 'maxArchiveBytes',
      max: 20 * MiB,
      message: 'archive is 20971521 bytes; at most 20971520 bytes are accepted',
    });
    expect(entryCountViolation(200, limits)).toBeUndefined();
    expect(entryCountViolation(201, limits)).toEqual({
      limit: 'maxEntries',
      max: 200,
      message: 'archive lists 201 entries; at most 200 are accepted',
    });
  });
});

describe('declaredSizeViolation', () => {
  const none = { uncompressed: 0, compressed: 0 };
  const add = (a: typeof none, b: typeof none) => ({
    uncompressed: a.uncompressed + b.uncompressed,
    compressed: a.compressed + b.compressed,
  });

  it('accepts an ordinary CSV file', () => {
    const entry = { uncompressed: 40_000, compressed: 9_000 };
    expect(declaredSizeViolation(entry, add(none, entry), limits)).toBeUndefined();
  });

  it('lets small entries compress as they like (the floor)', () => {
    const entry = { uncompressed: 64 * 1024, compressed: 10 };
    expect(declaredSizeViolation(entry, entry, limits)).toBeUndefined();
  });

  it('names the compression ratio first for a zip bomb', () => {
    const entry = { uncompressed: 100 * MiB, compressed: 101_923 };
    expect(declaredSizeViolation(entry, entry, limits)).toEqual({
      limit: 'maxCompressionRatio',
      max: 100,
      message: 'entry declares 104857600 bytes from 101923 compressed bytes; at most 100:1 is accepted',
    });
  });

  it('names the entry size', () => {
    const entry = { uncompressed: 10 * MiB + 1, compressed: 5 * MiB };
    expect(declaredSizeViolation(entry, entry, limits)).toEqual({
      limit: 'maxEntryBytes',
      max: 10 * MiB,
      message: 'entry declares 10485761 bytes uncompressed; at most 10485760 are accepted',
    });
  });

  it('names the total size', () => {
    const entry = { uncompressed: 6 * MiB, compressed: 3 * MiB };
    const total = { uncompressed: 50 * MiB + 1, compressed: 25 * MiB };
    expect(declaredSizeViolation(entry, total, limits)).toEqual({
      limit: 'maxTotalBytes',
      max: 50 * MiB,
      message: 'the CSV files together declare 52428801 bytes; at most 52428800 are accepted',
    });
  });

  it('names the overall ratio', () => {
    const strict = { ...limits, maxCompressionRatio: 10, compressionRatioFloorBytes: 0 };
    const entry = { uncompressed: 1_000, compressed: 100 };
    const total = { uncompressed: 11_000, compressed: 1_000 };
    expect(declaredSizeViolation(entry, total, strict)).toEqual({
      limit: 'maxCompressionRatio',
      max: 10,
      message:
        'the CSV files together declare 11000 bytes from 1000 compressed bytes; at most 10:1 is accepted',
    });
  });
});

describe('inflateViolation', () => {
  it('holds the bytes actually inflated to the ratio, whatever the header said', () => {
    const entry = { uncompressed: 6_400_001, compressed: 64_000 };
    expect(inflateViolation(entry, entry, limits)).toEqual({
      limit: 'maxCompressionRatio',
      max: 100,
      message:
        'entry inflates to more than 6400000 bytes from 64000 compressed bytes; at most 100:1 is accepted',
    });
    const within = { uncompressed: 6_400_000, compressed: 64_000 };
    expect(inflateViolation(within, within, limits)).toBeUndefined();
  });

  it('holds them to the entry and total sizes', () => {
    const entry = { uncompressed: 10 * MiB + 1, compressed: 5 * MiB };
    expect(inflateViolation(entry, entry, limits)?.message).toBe(
      'entry inflates to more than 10485760 bytes; at most 10485760 are accepted',
    );
    const total = { uncompressed: 50 * MiB + 1, compressed: 25 * MiB };
    expect(inflateViolation({ uncompressed: 1, compressed: 1 }, total, limits)?.message).toBe(
      'the CSV files together inflate to more than 52428800 bytes; at most 52428800 are accepted',
    );
    const strict = { ...limits, maxCompressionRatio: 10, compressionRatioFloorBytes: 0 };
    expect(
      inflateViolation({ uncompressed: 1, compressed: 1 }, { uncompressed: 11, compressed: 1 }, strict)
        ?.message,
    ).toBe(
      'the CSV files together inflate to more than 10 bytes from 1 compressed bytes; at most 10:1 is accepted',
    );
  });
});
