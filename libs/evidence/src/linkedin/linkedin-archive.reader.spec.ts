import { beforeAll, describe, expect, it } from 'vitest';

import { LinkedInArchiveReader, createLinkedInArchiveStats } from './linkedin-archive.reader';
import { rejectedDomainError } from './testing/domain-error.capture';
import {
  FULL_EXPORT_FILES,
  OTHER_EXPORT_ENTRIES,
  REORDERED_FILES,
  fullExportZip,
  reorderedExportZip,
} from './testing/linkedin-export.fixture';
import { type DeflatedData, deflateZeros, writeZip } from './testing/zip-writer';

const MiB = 1024 * 1024;
/** zlib hands out inflated data in chunks of this size: the most a stopped entry may overshoot by. */
const INFLATE_CHUNK = 16 * 1024;
const SKILLS = 'Name\nGo\n';

const reader = new LinkedInArchiveReader();

const problem = (status: number, code: string, field: string, rule: string, message: string) => ({
  status,
  code,
  errors: [{ in: 'body', field, rule, message }],
});

describe('LinkedInArchiveReader', () => {
  let zeros100MiB: DeflatedData;
  beforeAll(async () => {
    zeros100MiB = await deflateZeros(100 * MiB);
  });

  describe('reading', () => {
    it('extracts every known file of a full export and nothing else', async () => {
      const stats = createLinkedInArchiveStats();
      const { files } = await reader.read(fullExportZip(), stats);
      expect(files.map((file) => [file.name, file.entryName, file.content.toString('utf8')])).toEqual(
        Object.entries(FULL_EXPORT_FILES).map(([name, content]) => [name, name, content]),
      );
      const knownBytes = Object.values(FULL_EXPORT_FILES).reduce(
        (sum, text) => sum + Buffer.byteLength(text),
        0,
      );
      expect(stats).toEqual({
        entriesSeen: Object.keys(FULL_EXPORT_FILES).length + OTHER_EXPORT_ENTRIES.length,
        entriesExtracted: 8,
        bytesInflated: knownBytes,
      });
    });

    it('finds the files inside a folder, whatever their case', async () => {
      const { files } = await reader.read(reorderedExportZip());
      expect(files.map((file) => [file.name, file.entryName, file.content.toString('utf8')])).toEqual([
        [
          'Positions.csv',
          'LinkedInDataExport_03-14-2025/positions.csv',
          REORDERED_FILES['LinkedInDataExport_03-14-2025/positions.csv'],
        ],
        [
          'Education.csv',
          'LinkedInDataExport_03-14-2025/EDUCATION.CSV',
          REORDERED_FILES['LinkedInDataExport_03-14-2025/EDUCATION.CSV'],
        ],
        [
          'Skills.csv',
          'LinkedInDataExport_03-14-2025/Skills.csv',
          REORDERED_FILES['LinkedInDataExport_03-14-2025/Skills.csv'],
        ],
      ]);
    });

    it('never inflates other entries, however large they claim or turn out to be', async () => {
      const stats = createLinkedInArchiveStats();
      const archive = writeZip([
        { name: 'messages.csv', deflated: zeros100MiB },
        { name: 'Ads/huge.csv', deflated: zeros100MiB, declaredUncompressedSize: 10 },
        { name: 'Connections.csv', data: 'x', compressionMethod: 12 },
        { name: 'Skills.csv', data: SKILLS },
      ]);
      const { files } = await reader.read(archive, stats);
      expect(files.map((file) => file.name)).toEqual(['Skills.csv']);
      expect(stats).toEqual({ entriesSeen: 4, entriesExtracted: 1, bytesInflated: SKILLS.length });
    });

    it('reads a file decoded from a CP437 name (no UTF-8 flag) like any other', async () => {
      const archive = writeZip([{ name: 'Skills.csv', data: SKILLS }]);
      archive.writeUInt16LE(0, 6); // local header flags
      archive.writeUInt16LE(0, archive.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8); // central flags
      const { files } = await reader.read(archive);
      expect(files.map((file) => file.entryName)).toEqual(['Skills.csv']);
    });
  });

  describe('zip bombs', () => {
    it('refuses an entry whose declared sizes break the ratio before inflating a byte', async () => {
      const stats = createLinkedInArchiveStats();
      const archive = writeZip([{ name: 'Positions.csv', deflated: zeros100MiB }]);
      const error = await rejectedDomainError(reader.read(archive, stats));
      const message =
        `entry declares ${100 * MiB} bytes from ${zeros100MiB.data.length} compressed bytes; ` +
        'at most 100:1 is accepted';
      expect(error).toMatchObject(
        problem(413, 'linkedin_archive_too_large', 'archive/Positions.csv', 'maxCompressionRatio', message),
      );
      expect(error.extensions).toEqual({ limit: 'maxCompressionRatio', max: 100 });
      expect(stats).toEqual({ entriesSeen: 1, entriesExtracted: 0, bytesInflated: 0 });
    });

    it('stops an entry whose header understates its size one chunk past the declared size', async () => {
      const stats = createLinkedInArchiveStats();
      const archive = writeZip([
        { name: 'Positions.csv', deflated: zeros100MiB, declaredUncompressedSize: 1000 },
      ]);
      const error = await rejectedDomainError(reader.read(archive, stats));
      expect(error).toMatchObject(
        problem(
          422,
          'linkedin_archive_unsafe_entry',
          'archive/Positions.csv',
          'declared-size',
          'entry inflates to more than the 1000 bytes its header declares',
        ),
      );
      expect(stats.bytesInflated).toBeGreaterThan(1000);
      expect(stats.bytesInflated).toBeLessThanOrEqual(1000 + INFLATE_CHUNK);
    });

    it('stops a lying entry that stays within every limit by its header at its declared size', async () => {
      const stats = createLinkedInArchiveStats();
      const declared = 5 * MiB; // 5 MiB from ~100 KiB: within 100:1, within 10 MiB
      const archive = writeZip([
        { name: 'Skills.csv', data: SKILLS },
        { name: 'Positions.csv', deflated: zeros100MiB, declaredUncompressedSize: declared },
      ]);
      const error = await rejectedDomainError(reader.read(archive, stats));
      expect(error.code).toBe('linkedin_archive_unsafe_entry');
      expect(error.errors?.[0].rule).toBe('declared-size');
      expect(stats.entriesExtracted).toBe(1);
      expect(stats.bytesInflated - SKILLS.length).toBeGreaterThan(declared);
      expect(stats.bytesInflated - SKILLS.length).toBeLessThanOrEqual(declared + INFLATE_CHUNK);
    });
  });

  describe('limits', () => {
    it('refuses an archive over maxArchiveBytes without opening it', async () => {
      const stats = createLinkedInArchiveStats();
      const error = await rejectedDomainError(
        new LinkedInArchiveReader({ maxArchiveBytes: 1000 }).read(fullExportZip(), stats),
      );
      expect(error).toMatchObject({
        status: 413,
        code: 'linkedin_archive_too_large',
        errors: [{ in: 'body', field: 'archive', rule: 'maxArchiveBytes' }],
      });
      expect(error.errors?.[0].message).toMatch(/^archive is \d+ bytes; at most 1000 bytes are accepted$/);
      expect(error.extensions).toEqual({ limit: 'maxArchiveBytes', max: 1000 });
      expect(stats.entriesSeen).toBe(0);
    });

    it('refuses an archive listing more than maxEntries before visiting any', async () => {
      const stats = createLinkedInArchiveStats();
      const entries = Array.from({ length: 201 }, (_, index) => ({
        name: `Articles/${index}.html`,
        data: 'x',
      }));
      const error = await rejectedDomainError(
        reader.read(writeZip([...entries, { name: 'Skills.csv', data: SKILLS }]), stats),
      );
      expect(error).toMatchObject(
        problem(
          413,
          'linkedin_archive_too_large',
          'archive',
          'maxEntries',
          'archive lists 202 entries; at most 200 are accepted',
        ),
      );
      expect(stats.entriesSeen).toBe(0);
    });

    it('refuses a known file over maxEntryBytes', async () => {
      const error = await rejectedDomainError(
        new LinkedInArchiveReader({ maxEntryBytes: 100 }).read(
          writeZip([{ name: 'Skills.csv', data: 'Name\n' + 'Go\n'.repeat(40) }]),
        ),
      );
      expect(error).toMatchObject(
        problem(
          413,
          'linkedin_archive_too_large',
          'archive/Skills.csv',
          'maxEntryBytes',
          'entry declares 125 bytes uncompressed; at most 100 are accepted',
        ),
      );
    });

    it('refuses known files together over maxTotalBytes, naming the one that crossed it', async () => {
      const archive = writeZip([
        { name: 'Skills.csv', data: 'Name\n' + 'Go\n'.repeat(30) },
        { name: 'Languages.csv', data: 'Name\n' + 'English\n'.repeat(10) },
      ]);
      const error = await rejectedDomainError(
        new LinkedInArchiveReader({ maxTotalBytes: 150 }).read(archive),
      );
      expect(error).toMatchObject(
        problem(
          413,
          'linkedin_archive_too_large',
          'archive/Languages.csv',
          'maxTotalBytes',
          'the CSV files together declare 180 bytes; at most 150 are accepted',
        ),
      );
    });
  });

  describe('unsafe and unsupported entries', () => {
    it.each([
      ['../../etc/passwd', 'path-traversal', 'entry name climbs out of the archive with ".."'],
      ['export/../../Positions.csv', 'path-traversal', 'entry name climbs out of the archive with ".."'],
      ['..\\..\\Windows\\win.ini', 'path-traversal', 'entry name climbs out of the archive with ".."'],
      ['/etc/passwd', 'absolute-path', 'entry name is an absolute path'],
      ['C:/Users/Public/Positions.csv', 'drive-letter', 'entry name starts with a drive letter'],
      ['export\\Positions.csv', 'backslash', 'entry name contains a backslash'],
    ])('refuses the whole archive for %j (%s)', async (name, rule, message) => {
      const stats = createLinkedInArchiveStats();
      const archive = writeZip([
        { name: 'Skills.csv', data: SKILLS },
        { name, data: 'root:x:0:0:root:/root:/bin/sh\n' },
      ]);
      const error = await rejectedDomainError(reader.read(archive, stats));
      expect(error).toMatchObject(
        problem(422, 'linkedin_archive_unsafe_entry', `archive/${name}`, rule, message),
      );
      expect(error.message).toBe(
        `The LinkedIn archive was refused because of the entry "${name}": ${message}.`,
      );
      expect(stats.entriesSeen).toBe(2);
    });

    it('refuses encrypted entries, known or not', async () => {
      for (const name of ['Positions.csv', 'Private/notes.txt']) {
        const archive = writeZip([
          { name: 'Skills.csv', data: SKILLS },
          { name, data: 'secret', encrypted: true },
        ]);
        expect(await rejectedDomainError(reader.read(archive))).toMatchObject(
          problem(
            422,
            'linkedin_archive_unsupported_entry',
            `archive/${name}`,
            'encrypted',
            'entry is encrypted',
          ),
        );
      }
    });

    it('refuses a known file stored with a method other than store or deflate', async () => {
      const archive = writeZip([{ name: 'Positions.csv', data: 'x', compressionMethod: 12 }]);
      expect(await rejectedDomainError(reader.read(archive))).toMatchObject(
        problem(
          422,
          'linkedin_archive_unsupported_entry',
          'archive/Positions.csv',
          'compression-method',
          'entry uses compression method 12; only 0 (stored) and 8 (deflated) are supported',
        ),
      );
    });
  });

  describe('malformed archives', () => {
    const notAZip =
      'not a ZIP archive, or a truncated one: end of central directory record signature not found. ' +
      'Either not a zip file, or file is truncated';

    it.each([
      ['a truncated archive', () => fullExportZip().subarray(0, 700)],
      ['a text file', () => Buffer.from('First Name,Last Name\nAda,Lovelace\n')],
      ['an empty upload', () => Buffer.alloc(0)],
    ])('refuses %s', async (_, archive) => {
      const error = await rejectedDomainError(reader.read(archive()));
      expect(error).toMatchObject(problem(422, 'linkedin_archive_invalid', 'archive', 'zip', notAZip));
      expect(error.message).toBe(`The upload is not a readable LinkedIn data archive (ZIP): ${notAZip}.`);
    });

    it('refuses a central directory that lists more entries than it holds', async () => {
      const archive = writeZip([{ name: 'Skills.csv', data: SKILLS }]);
      const end = archive.length - 22;
      archive.writeUInt16LE(2, end + 8);
      archive.writeUInt16LE(2, end + 10);
      expect(await rejectedDomainError(reader.read(archive))).toMatchObject(
        problem(
          422,
          'linkedin_archive_invalid',
          'archive',
          'zip',
          'its central directory is malformed (unexpected EOF)',
        ),
      );
    });

    it.each([
      [
        'data that does not match its CRC-32',
        { name: 'Skills.csv', data: SKILLS, declaredCrc32: 1234 },
        'entry data does not match its CRC-32',
      ],
      [
        'data that is not deflate data',
        {
          name: 'Skills.csv',
          deflated: { data: Buffer.from([0xff, 0xff, 0xff, 0xff]), uncompressedSize: 8, crc32: 0 },
        },
        'its data cannot be inflated (invalid block type)',
      ],
      [
        'deflate data cut short',
        { name: 'Skills.csv', deflated: { data: Buffer.from([0x02, 0x00]), uncompressedSize: 8, crc32: 0 } },
        'its data cannot be inflated (unexpected end of file)',
      ],
      [
        'data shorter than its header says',
        { name: 'Skills.csv', data: SKILLS, declaredUncompressedSize: 100 },
        'entry inflates to 8 bytes but its header declares 100',
      ],
      [
        'a stored entry whose sizes disagree',
        { name: 'Skills.csv', data: SKILLS, method: 'store' as const, declaredUncompressedSize: 4 },
        'stored entry has different compressed and uncompressed sizes',
      ],
      [
        'data past the end of the archive',
        {
          name: 'Skills.csv',
          data: SKILLS,
          method: 'store' as const,
          declaredCompressedSize: 100_000,
          declaredUncompressedSize: 100_000,
        },
        'its data cannot be located (file data overflows file bounds: 40 + 100000 > 126)',
      ],
    ])('refuses %s, naming the entry', async (_, entry, message) => {
      expect(await rejectedDomainError(reader.read(writeZip([entry])))).toMatchObject(
        problem(422, 'linkedin_archive_invalid', 'archive/Skills.csv', 'zip', message),
      );
    });

    it('refuses a known file present twice', async () => {
      const archive = writeZip([
        { name: 'Skills.csv', data: SKILLS },
        { name: 'old/skills.csv', data: SKILLS },
      ]);
      expect(await rejectedDomainError(reader.read(archive))).toMatchObject(
        problem(
          422,
          'linkedin_archive_invalid',
          'archive/old/skills.csv',
          'zip',
          'Skills.csv appears twice (also as Skills.csv)',
        ),
      );
    });

    it('refuses a ZIP that holds none of the LinkedIn files', async () => {
      const archive = writeZip(OTHER_EXPORT_ENTRIES);
      expect(await rejectedDomainError(reader.read(archive))).toMatchObject(
        problem(
          422,
          'linkedin_archive_invalid',
          'archive',
          'zip',
          'it holds none of the LinkedIn export files (Profile.csv, Positions.csv, Education.csv, Skills.csv, ' +
            'Certifications.csv, Languages.csv, Projects.csv, Email Addresses.csv)',
        ),
      );
    });
  });
});
