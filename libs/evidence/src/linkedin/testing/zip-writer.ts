/**
 * A tiny ZIP writer for tests only (APPNOTE 6.3: local file headers, central directory, end record;
 * methods 0 = store and 8 = deflate; no ZIP64). Besides honest archives it writes the hostile ones the
 * reader must refuse: headers that lie about sizes, unsafe names, encrypted flags, odd methods.
 */
import { Readable } from 'node:stream';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

export interface DeflatedData {
  data: Buffer;
  uncompressedSize: number;
  crc32: number;
}

export interface ZipEntrySpec {
  name: string;
  /** The entry's content (strings are written as UTF-8). Ignored when `deflated` is given. */
  data?: string | Buffer;
  /** Default 'deflate'. */
  method?: 'store' | 'deflate';
  /** Data deflated beforehand (e.g. by `deflateZeros`), written as a deflated entry. */
  deflated?: DeflatedData;
  /** Header values to write instead of the true ones (both local and central headers lie alike). */
  declaredUncompressedSize?: number;
  declaredCompressedSize?: number;
  declaredCrc32?: number;
  /** Compression method number to write instead of 0/8 (the data is still written as `method` says). */
  compressionMethod?: number;
  /** Sets the "encrypted" flag (bit 0); the data is not actually encrypted. */
  encrypted?: boolean;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;
const VERSION = 20;
const DOS_TIME = 0;
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1;

interface PreparedEntry {
  name: Buffer;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  payload: Buffer;
}

function prepare(spec: ZipEntrySpec): PreparedEntry {
  const raw = typeof spec.data === 'string' ? Buffer.from(spec.data, 'utf8') : (spec.data ?? Buffer.alloc(0));
  const store = spec.method === 'store' && !spec.deflated;
  const payload = spec.deflated?.data ?? (store ? raw : deflateRawSync(raw));
  return {
    name: Buffer.from(spec.name, 'utf8'),
    flags: FLAG_UTF8 | (spec.encrypted ? FLAG_ENCRYPTED : 0),
    method: spec.compressionMethod ?? (store ? 0 : 8),
    crc32: spec.declaredCrc32 ?? spec.deflated?.crc32 ?? crc32(raw),
    compressedSize: spec.declaredCompressedSize ?? payload.length,
    uncompressedSize: spec.declaredUncompressedSize ?? spec.deflated?.uncompressedSize ?? raw.length,
    payload,
  };
}

/** The header fields shared by the local and central headers, from "version needed" to "extra length". */
function commonFields(entry: PreparedEntry): Buffer {
  const fields = Buffer.alloc(26);
  fields.writeUInt16LE(VERSION, 0);
  fields.writeUInt16LE(entry.flags, 2);
  fields.writeUInt16LE(entry.method, 4);
  fields.writeUInt16LE(DOS_TIME, 6);
  fields.writeUInt16LE(DOS_DATE, 8);
  fields.writeUInt32LE(entry.crc32 >>> 0, 10);
  fields.writeUInt32LE(entry.compressedSize, 14);
  fields.writeUInt32LE(entry.uncompressedSize, 18);
  fields.writeUInt16LE(entry.name.length, 22);
  fields.writeUInt16LE(0, 24); // extra field length
  return fields;
}

function localHeader(entry: PreparedEntry): Buffer {
  const signature = Buffer.alloc(4);
  signature.writeUInt32LE(LOCAL_HEADER, 0);
  return Buffer.concat([signature, commonFields(entry), entry.name]);
}

function centralHeader(entry: PreparedEntry, localOffset: number): Buffer {
  const head = Buffer.alloc(6);
  head.writeUInt32LE(CENTRAL_HEADER, 0);
  head.writeUInt16LE(VERSION, 4); // version made by
  const tail = Buffer.alloc(14);
  tail.writeUInt16LE(0, 0); // file comment length
  tail.writeUInt16LE(0, 2); // disk number start
  tail.writeUInt16LE(0, 4); // internal attributes
  tail.writeUInt32LE(0, 6); // external attributes
  tail.writeUInt32LE(localOffset, 10);
  return Buffer.concat([head, commonFields(entry), tail, entry.name]);
}

function endOfCentralDirectory(entryCount: number, directorySize: number, directoryOffset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(0, 4); // this disk
  end.writeUInt16LE(0, 6); // disk with the central directory
  end.writeUInt16LE(entryCount, 8);
  end.writeUInt16LE(entryCount, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(directoryOffset, 16);
  end.writeUInt16LE(0, 20); // comment length
  return end;
}

/** A complete ZIP archive holding the given entries, in order. */
export function writeZip(specs: readonly ZipEntrySpec[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of specs.map(prepare)) {
    const header = localHeader(entry);
    central.push(centralHeader(entry, offset));
    parts.push(header, entry.payload);
    offset += header.length + entry.payload.length;
  }
  const directory = Buffer.concat(central);
  return Buffer.concat([...parts, directory, endOfCentralDirectory(specs.length, directory.length, offset)]);
}

/**
 * `bytes` zero bytes, deflated without ever holding them in memory at once (1 MiB at a time): the
 * payload of a zip bomb. 100 MiB of zeros deflate to about 100 KiB.
 */
export async function deflateZeros(bytes: number): Promise<DeflatedData> {
  const chunk = Buffer.alloc(Math.min(bytes, 1024 * 1024));
  let checksum = 0;
  let remaining = bytes;
  async function* zeros(): AsyncGenerator<Buffer> {
    while (remaining > 0) {
      const piece = remaining >= chunk.length ? chunk : chunk.subarray(0, remaining);
      remaining -= piece.length;
      checksum = crc32(piece, checksum);
      yield piece;
    }
  }
  const deflated: Buffer[] = [];
  for await (const out of Readable.from(zeros()).pipe(createDeflateRaw({ level: 9 }))) {
    deflated.push(out as Buffer);
  }
  return { data: Buffer.concat(deflated), uncompressedSize: bytes, crc32: checksum };
}
