import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { COMPRESS_MIN_BYTES, encodeBody, negotiateCoding } from './content-coding';

describe('negotiateCoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['deflate', 'identity'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=0.8, gzip;q=0.8', 'br'],
    ['GZIP;Q=1', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0.2', 'gzip'],
    ['identity', 'identity'],
    ['identity;q=1, br;q=0.9', 'identity'],
    // An unnamed identity weighs least: a low weight for brotli still wins.
    ['br;q=0.1', 'br'],
    ['identity;q=0, gzip;q=0.1', 'gzip'],
    ['*;q=0', 'identity'],
    ['br;q=abc', 'br'],
    [' , gzip ; q=0.3 ,', 'gzip'],
  ])('%j answers %s', (header, coding) => {
    expect(negotiateCoding(header)).toBe(coding);
  });
});

describe('encodeBody', () => {
  const json = Buffer.from(JSON.stringify({ findings: Array.from({ length: 400 }, (_, i) => ({ id: `f${i}` })) }));

  it('compresses with brotli and gzip, both decoding to the same bytes', async () => {
    const br = await encodeBody(json, 'br');
    expect(br.coding).toBe('br');
    expect(br.bytes.length).toBeLessThan(json.length / 5);
    expect(brotliDecompressSync(br.bytes).equals(json)).toBe(true);
    const gz = await encodeBody(json, 'gzip');
    expect(gz.coding).toBe('gzip');
    expect(gz.bytes.length).toBeLessThan(json.length / 5);
    expect(gunzipSync(gz.bytes).equals(json)).toBe(true);
  });

  it('sends identity as it is, and bodies under the threshold uncompressed whatever was asked', async () => {
    expect(await encodeBody(json, 'identity')).toEqual({ coding: 'identity', bytes: json });
    const small = Buffer.alloc(COMPRESS_MIN_BYTES - 1, 'a');
    expect(await encodeBody(small, 'br')).toEqual({ coding: 'identity', bytes: small });
    const threshold = Buffer.alloc(COMPRESS_MIN_BYTES, 'a');
    expect((await encodeBody(threshold, 'gzip')).coding).toBe('gzip');
  });
});
