import { Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What is kept beside a cached PDF: the fields the response needs besides the bytes. */
export interface CachedMeta {
  organisation: string;
  fingerprint: string;
  title: string;
  filename: string;
}

/** The key of a document: a hash of everything its bytes depend on. */
export function cacheKey(parts: Record<string, unknown>): string {
  return createHash('sha256')
    .update(JSON.stringify(Object.entries(parts).sort(([a], [b]) => (a < b ? -1 : 1))))
    .digest('hex');
}

/**
 * Rendered PDFs on disk, least recently used evicted past a size budget. Each entry is two files,
 * `<key>.pdf` and `<key>.json`, each written to a temporary name and renamed into place (a reader
 * never sees half a file). Anything that cannot be read back as a whole PDF is a miss, never an error.
 */
export class DocumentCache {
  private readonly logger = new Logger(DocumentCache.name);
  private ready?: Promise<void>;
  /** Key → bytes on disk and last use (ms), for the size budget. */
  private readonly entries = new Map<string, { bytes: number; used: number }>();
  private total = 0;

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  async get(key: string): Promise<{ pdf: Buffer; meta: CachedMeta } | undefined> {
    if (!this.enabled) return undefined;
    try {
      await this.init();
      const [pdf, json] = await Promise.all([
        readFile(join(this.dir, `${key}.pdf`)),
        readFile(join(this.dir, `${key}.json`), 'utf8'),
      ]);
      const meta = JSON.parse(json) as CachedMeta;
      if (!isWholePdf(pdf) || typeof meta.filename !== 'string' || typeof meta.fingerprint !== 'string') {
        return undefined;
      }
      const now = new Date();
      await utimes(join(this.dir, `${key}.pdf`), now, now).catch(() => undefined);
      const entry = this.entries.get(key);
      if (entry) entry.used = now.getTime();
      return { pdf, meta };
    } catch {
      return undefined;
    }
  }

  /** Stores a rendered PDF; a failure to write is logged, never the request's failure. */
  async put(key: string, pdf: Buffer, meta: CachedMeta): Promise<void> {
    if (!this.enabled || pdf.length > this.maxBytes) return;
    try {
      await this.init();
      await atomicWrite(join(this.dir, `${key}.json`), JSON.stringify(meta));
      await atomicWrite(join(this.dir, `${key}.pdf`), pdf);
      this.account(key, pdf.length, Date.now());
      await this.evict();
    } catch (error) {
      this.logger.warn(`could not cache a document in ${this.dir}: ${(error as Error).message}`);
    }
  }

  private init(): Promise<void> {
    this.ready ??= (async () => {
      await mkdir(this.dir, { recursive: true });
      for (const name of await readdir(this.dir)) {
        if (!name.endsWith('.pdf')) continue;
        const info = await stat(join(this.dir, name)).catch(() => undefined);
        if (info) this.account(name.slice(0, -'.pdf'.length), info.size, info.mtimeMs);
      }
    })();
    return this.ready;
  }

  private account(key: string, bytes: number, used: number): void {
    this.total -= this.entries.get(key)?.bytes ?? 0;
    this.entries.set(key, { bytes, used });
    this.total += bytes;
  }

  private async evict(): Promise<void> {
    if (this.total <= this.maxBytes) return;
    const oldest = [...this.entries].sort(([, a], [, b]) => a.used - b.used);
    for (const [key, entry] of oldest) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(key);
      this.total -= entry.bytes;
      await unlink(join(this.dir, `${key}.pdf`)).catch(() => undefined);
      await unlink(join(this.dir, `${key}.json`)).catch(() => undefined);
    }
  }
}

/** A PDF that starts with its header and ends with its end-of-file marker (not a truncated write). */
function isWholePdf(pdf: Buffer): boolean {
  return pdf.subarray(0, 5).toString('latin1') === '%PDF-' && pdf.subarray(-32).toString('latin1').includes('%%EOF');
}

async function atomicWrite(path: string, data: string | Buffer): Promise<void> {
  const tmp = `${path}.${randomUUID()}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}
