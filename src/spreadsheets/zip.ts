import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { FileRefusedError } from './file-errors';

/**
 * The ZIP container of XLSX and ODS files, read and written without trusting it. Reading checks the
 * whole archive before any parser sees it: the central directory must be consistent, there is no
 * ZIP64 (no spreadsheet within our limits needs it), and every entry is inflated against one budget
 * of decompressed bytes shared by the whole file — so a zip bomb (a small file that inflates to
 * gigabytes, or entries that overlap) is refused after at most `maxUnzippedBytes` of work, whatever
 * sizes its headers declare.
 */

export interface ZipLimits {
  maxEntries: number;
  maxUnzippedBytes: number;
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  /** Offset of the local file header. */
  offset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function isZip(data: Buffer): boolean {
  return data.length >= 4 && data.readUInt32LE(0) === LOCAL;
}

function findEndOfCentralDirectory(data: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the end of the file.
  const stop = Math.max(0, data.length - 22 - 0xffff);
  for (let i = data.length - 22; i >= stop; i--) {
    if (data.readUInt32LE(i) === EOCD) return i;
  }
  throw new FileRefusedError('file_unreadable', 'The file is not a readable ZIP archive (no central directory)');
}

/** The entries the central directory lists, checked for consistency (no data is inflated). */
export function listZip(data: Buffer, limits: Pick<ZipLimits, 'maxEntries'>): ZipEntry[] {
  const end = findEndOfCentralDirectory(data);
  const count = data.readUInt16LE(end + 10);
  const size = data.readUInt32LE(end + 12);
  const start = data.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) {
    throw new FileRefusedError('file_refused', 'ZIP64 archives are not accepted: a spreadsheet never needs one');
  }
  if (count > limits.maxEntries) {
    throw new FileRefusedError(
      'file_too_large',
      `The archive holds ${count} files; at most ${limits.maxEntries} are accepted`,
    );
  }
  if (start + size > end) throw new FileRefusedError('file_unreadable', 'The ZIP central directory is corrupt');
  const entries: ZipEntry[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || data.readUInt32LE(at) !== CENTRAL) {
      throw new FileRefusedError('file_unreadable', 'The ZIP central directory is corrupt');
    }
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      method: data.readUInt16LE(at + 10),
      crc: data.readUInt32LE(at + 16),
      compressedSize: data.readUInt32LE(at + 20),
      size: data.readUInt32LE(at + 24),
      offset: data.readUInt32LE(at + 42),
      name: data.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.offset === 0xffffffff) {
      throw new FileRefusedError('file_refused', 'ZIP64 archives are not accepted: a spreadsheet never needs one');
    }
    if (entry.offset + 30 > data.length)
      throw new FileRefusedError('file_unreadable', 'A ZIP entry lies outside the file');
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(data: Buffer, entry: ZipEntry): Buffer {
  const at = entry.offset;
  if (data.readUInt32LE(at) !== LOCAL)
    throw new FileRefusedError('file_unreadable', `ZIP entry ${entry.name} is corrupt`);
  const begin = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  const stop = begin + entry.compressedSize;
  if (stop > data.length) throw new FileRefusedError('file_unreadable', `ZIP entry ${entry.name} is truncated`);
  return data.subarray(begin, stop);
}

function tooLarge(limits: ZipLimits): FileRefusedError {
  return new FileRefusedError(
    'file_too_large',
    `The file unpacks to more than ${Math.round(limits.maxUnzippedBytes / 1048576)} MB (a compressed archive that inflates far beyond its size is refused)`,
  );
}

/**
 * Inflates every entry against the shared budget and checks its CRC, so nothing downstream meets an
 * entry larger than announced. Returns the entries (names, sizes as inflated).
 */
export function checkZip(data: Buffer, limits: ZipLimits): ZipEntry[] {
  const entries = listZip(data, limits);
  let budget = limits.maxUnzippedBytes;
  for (const entry of entries) {
    const inflated = inflate(data, entry, budget, limits);
    budget -= inflated.length;
    entry.size = inflated.length;
  }
  return entries;
}

function inflate(data: Buffer, entry: ZipEntry, budget: number, limits: ZipLimits): Buffer {
  if (entry.size > budget) throw tooLarge(limits);
  const raw = entryData(data, entry);
  let out: Buffer;
  if (entry.method === 0) out = raw;
  else if (entry.method === 8) {
    try {
      // One byte more than the budget tells "exactly the budget" from "beyond it".
      out = inflateRawSync(raw, { maxOutputLength: budget + 1 });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limits);
      throw new FileRefusedError('file_unreadable', `ZIP entry ${entry.name} cannot be inflated`);
    }
  } else {
    throw new FileRefusedError('file_refused', `ZIP entry ${entry.name} uses compression method ${entry.method}`);
  }
  if (out.length > budget) throw tooLarge(limits);
  if (crc32(out) !== entry.crc)
    throw new FileRefusedError('file_unreadable', `ZIP entry ${entry.name} is corrupt (CRC)`);
  return out;
}

/** One entry's content, inflated within `maxBytes`. */
export function readZipEntry(data: Buffer, entry: ZipEntry, limits: ZipLimits): Buffer {
  return inflate(data, entry, limits.maxUnzippedBytes, limits);
}

export interface ZipFile {
  name: string;
  data: Buffer;
  /** Stored without compression (ODS wants its `mimetype` first and stored). */
  store?: boolean;
}

/**
 * Writes a ZIP archive. Entries carry a fixed timestamp (1 January 1980, the format's epoch), so
 * that the same content always gives the same bytes.
 */
export function writeZip(files: readonly ZipFile[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const body = file.store ? file.data : deflateRawSync(file.data);
    const method = file.store ? 0 : 8;
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
