import { deflateRawSync } from 'node:zlib';
import { FileRefusedError } from './file-errors';
import { checkZip, listZip, readZipEntry, writeZip } from './zip';

const limits = { maxEntries: 10, maxUnzippedBytes: 1024 * 1024 };

function refusal(run: () => unknown): FileRefusedError {
  try {
    run();
  } catch (error) {
    if (error instanceof FileRefusedError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('zip', () => {
  it('writes archives it reads back, mimetype stored first, byte for byte the same each time', () => {
    const files = [
      { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'), store: true },
      { name: 'content.xml', data: Buffer.from('<x>é</x>'.repeat(100)) },
    ];
    const zip = writeZip(files);
    expect(writeZip(files).equals(zip)).toBe(true);
    const entries = checkZip(zip, limits);
    expect(entries.map((e) => [e.name, e.method])).toEqual([
      ['mimetype', 0],
      ['content.xml', 8],
    ]);
    expect(readZipEntry(zip, entries[1], limits).toString()).toBe('<x>é</x>'.repeat(100));
  });

  it('refuses a zip bomb after inflating no more than the budget, whatever its headers declare', () => {
    const bomb = writeZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(5 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(10_000);
    const e = refusal(() => checkZip(bomb, limits));
    expect(e.status).toBe(413);
    expect(e.message).toMatch(/unpacks to more than 1 MB/);

    // The same archive with sizes that lie (1 byte announced): the inflater still stops at the budget.
    const lying = Buffer.from(bomb);
    const central = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lying.writeUInt32LE(1, central + 24);
    lying.writeUInt32LE(1, 22);
    expect(refusal(() => checkZip(lying, limits)).status).toBe(413);
  });

  it('shares the budget between entries (many small bombs are one big one)', () => {
    const parts = Array.from({ length: 5 }, (_, i) => ({ name: `p${i}`, data: Buffer.alloc(300 * 1024) }));
    expect(refusal(() => checkZip(writeZip(parts), limits)).code).toBe('file_too_large');
  });

  it('refuses too many entries, ZIP64 and corrupt data with a clear error', () => {
    const many = writeZip(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') })));
    expect(refusal(() => listZip(many, limits)).message).toMatch(/holds 11 files/);

    const zip64 = writeZip([{ name: 'a', data: Buffer.from('abc') }]);
    zip64.writeUInt16LE(0xffff, zip64.length - 22 + 10);
    expect(refusal(() => listZip(zip64, limits)).message).toMatch(/ZIP64/);

    const corrupt = writeZip([{ name: 'a', data: Buffer.from('hello hello hello') }]);
    const body = deflateRawSync(Buffer.from('hello hello hello'));
    corrupt[30 + 1 + Math.floor(body.length / 2)] ^= 0xff;
    expect(refusal(() => checkZip(corrupt, limits)).code).toBe('file_unreadable');
    expect(refusal(() => listZip(Buffer.from('PK\u0003\u0004 not really'), limits)).code).toBe('file_unreadable');
  });
});
