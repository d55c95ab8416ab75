import * as yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';

import { deflateZeros, writeZip } from './zip-writer';

/** Reads an archive with yauzl's own checks on (names, sizes), as an independent judge of the writer. */
async function readStrictly(archive: Buffer): Promise<[string, string][]> {
  const zip = await yauzl.fromBufferPromise(archive);
  const entries: [string, string][] = [];
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.push([entry.fileName, Buffer.concat(chunks).toString('utf8')]);
  }
  return entries;
}

describe('writeZip', () => {
  it('writes archives a conforming reader reads back (stored, deflated, empty, UTF-8 names)', async () => {
    const archive = writeZip([
      { name: 'Positions.csv', data: 'Company Name,Title\nAcme,Engineer\n' },
      { name: 'Skills.csv', data: 'Name\nGo\n', method: 'store' },
      { name: 'folder/', data: '', method: 'store' },
      { name: 'folder/Email Addresses – old.csv', data: 'Email Address\nada@example.com\n' },
    ]);
    expect(await readStrictly(archive)).toEqual([
      ['Positions.csv', 'Company Name,Title\nAcme,Engineer\n'],
      ['Skills.csv', 'Name\nGo\n'],
      ['folder/', ''],
      ['folder/Email Addresses – old.csv', 'Email Address\nada@example.com\n'],
    ]);
  });

  it('writes the lies it is told in both headers', async () => {
    const archive = writeZip([{ name: 'a.csv', data: 'abc', declaredUncompressedSize: 1, declaredCrc32: 7 }]);
    const zip = await yauzl.fromBufferPromise(archive, { validateEntrySizes: false });
    const entry = await zip.eachEntry().next();
    expect(entry.value).toMatchObject({ uncompressedSize: 1, crc32: 7, compressionMethod: 8 });
    expect(archive.readUInt32LE(22)).toBe(1); // local header's uncompressed size
  });
});

describe('deflateZeros', () => {
  it('deflates many zeros into a small payload without holding them', async () => {
    const bomb = await deflateZeros(10 * 1024 * 1024);
    expect(bomb.uncompressedSize).toBe(10 * 1024 * 1024);
    expect(bomb.data.length).toBeLessThan(20 * 1024);
    const archive = writeZip([{ name: 'zeros.bin', deflated: bomb }]);
    const [[, content]] = await readStrictly(archive);
    expect(content).toBe('\0'.repeat(10 * 1024 * 1024));
  });
});
