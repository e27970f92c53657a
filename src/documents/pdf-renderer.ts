import { HttpStatus, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Browser, Page } from 'puppeteer-core';
import { BusyError, DomainError } from '../common/errors';
import { assemble, contentsEntries, fillPageSlots, hasPageSlots, readChunk, splitDocument } from './pdf-assembly';

/** Flags that work as root on Debian's Chromium (also used by the browser tests). */
export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * A bounded number of tasks at once and a bounded number waiting: beyond both, `run` refuses at once
 * (the caller answers 503 rather than hold a connection it cannot serve soon).
 */
class Semaphore {
  active = 0;
  private readonly waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  constructor(
    readonly limit: number,
    private readonly maxWaiting = Infinity,
  ) {}

  /** `full` is the error when every slot runs and the waiting line is full. */
  async run<T>(task: () => Promise<T>, full?: () => Error): Promise<T> {
    if (this.active >= this.limit) {
      if (full && this.waiting.length >= this.maxWaiting) throw full();
      await new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
    }
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.resolve();
    }
  }

  /** Refuses every task still waiting. */
  refuseWaiting(error: Error): void {
    for (const w of this.waiting.splice(0)) w.reject(error);
  }
}

const shuttingDown = () =>
  new DomainError(HttpStatus.SERVICE_UNAVAILABLE, 'shutting_down', 'The server is stopping; try again shortly');
const timedOut = () =>
  new DomainError(HttpStatus.SERVICE_UNAVAILABLE, 'render_timeout', 'The document took too long to render');

export interface RendererOptions {
  /** Documents rendered at once (RENDER_CONCURRENCY). */
  concurrency?: number;
  /** Documents waiting for a turn before new ones are refused with 503 `render_busy` (RENDER_QUEUE). */
  queue?: number;
  /** Chromium pages printing at once, over all documents (RENDER_PAGES; default: the cores). */
  pages?: number;
  /** Time limit of one document (RENDER_TIMEOUT_MS); puppeteer's protocol timeout follows it. */
  timeoutMs?: number;
  /** Above this much HTML (KB), a document prints in chunks on parallel pages (RENDER_CHUNK_KB). */
  chunkKb?: number;
  /** Chromium's memory budget (MB of resident memory over its processes; RENDER_MEMORY_MB). */
  memoryMb?: number;
  executablePath?: string;
}

export interface PrintOptions {
  /** The word before "x / y", stamped on chunked documents ("Page"). */
  pageLabel: string;
}

/**
 * Memory of a process and its descendants (Linux /proc), in MB: the proportional set size (shared
 * pages split between the processes that map them, so Chromium's shared libraries count once), or the
 * resident size where smaps_rollup cannot be read; 0 where /proc is not there.
 */
export function processTreeMemoryMb(root: number): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return 0;
  }
  const children = new Map<number, number[]>();
  const rssKb = new Map<number, number>();
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command (in parentheses, which may hold spaces): state, ppid, …; rss is the 22nd.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      const ppid = Number(fields[1]);
      rssKb.set(pid, Number(fields[21]) * 4);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // The process ended while we read: it holds no memory any more.
    }
  }
  let kb = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop() as number;
    kb += pssKb(pid) ?? rssKb.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return kb / 1024;
}

function pssKb(pid: number): number | undefined {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns HTML the application built into PDF with one Chromium per process, reused across documents,
 * a fresh page per print. User text must never run or fetch anything: JavaScript is disabled and
 * every network request the page attempts is aborted (the document is given as content, never
 * loaded from a URL). A document larger than RENDER_CHUNK_KB prints in chunks on parallel pages,
 * joined into one PDF (see docs/documents.md).
 */
@Injectable()
export class PdfRenderer implements OnModuleDestroy {
  private readonly logger = new Logger(PdfRenderer.name);
  private browser?: Promise<Browser>;
  private readonly documents: Semaphore;
  private readonly pages: Semaphore;
  private closing = false;
  /** Set when the server stops: no new render starts. */
  private refusing = false;
  /** Requests the renderer refused, for tests and logs. */
  blockedRequests = 0;
  /** Chunks printed (a document in one piece counts one), for tests and the bench. */
  printedChunks = 0;
  /** Tests hold a render here (after its turn came, before Chromium prints) to make a queue fill up. */
  beforePrint?: () => Promise<void>;

  /** `executablePath` comes from PUPPETEER_EXECUTABLE_PATH (default Debian's `/usr/bin/chromium`). */
  constructor(private readonly options: RendererOptions = {}) {
    this.documents = new Semaphore(options.concurrency ?? 4, options.queue ?? 8);
    this.pages = new Semaphore(options.pages ?? availableParallelism());
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 30_000;
  }

  /** Documents rendering now. */
  get running(): number {
    return this.documents.active;
  }

  async pdf(html: string, options: PrintOptions = { pageLabel: 'Page' }): Promise<Buffer> {
    if (this.refusing) throw shuttingDown();
    try {
      return await this.documents.run(async () => {
        if (this.refusing) throw shuttingDown();
        await this.keepWithinBudget();
        await this.beforePrint?.();
        return await this.render(html, options);
      }, this.busy);
    } catch (error) {
      // The browser closed under the render because the server is stopping: a 503, not a 500.
      if ((this.closing || this.refusing) && !(error instanceof DomainError)) throw shuttingDown();
      throw error;
    }
  }

  private readonly busy = () =>
    new BusyError(
      'render_busy',
      'Too many documents are being rendered; try again shortly',
      Math.max(1, Math.ceil(this.timeoutMs / 10_000)),
    );

  /** The server is stopping: renders still queued are refused with a 503; those running go on. */
  stopAccepting(): void {
    this.refusing = true;
    this.documents.refuseWaiting(shuttingDown());
  }

  /** Ends the renders still running (they answer 503) by closing the browser. */
  async abort(): Promise<void> {
    this.stopAccepting();
    await this.onModuleDestroy();
  }

  async openPages(): Promise<number> {
    if (!this.browser) return 0;
    return (await (await this.browser).pages()).length;
  }

  /** The Chromium process id, while one runs. */
  async browserPid(): Promise<number | undefined> {
    if (!this.browser) return undefined;
    return (await this.browser).process()?.pid;
  }

  /** Chromium's memory now (all its processes, proportional set size), MB; 0 when none runs. */
  async chromiumMemoryMb(): Promise<number> {
    const pid = await this.browserPid().catch(() => undefined);
    return pid ? processTreeMemoryMb(pid) : 0;
  }

  async onModuleDestroy(): Promise<void> {
    const browser = this.browser;
    this.closing = true;
    this.browser = undefined;
    if (browser) await (await browser).close().catch(() => undefined);
  }

  /**
   * Over the memory budget: with no other document on the browser, start a fresh one (a long-lived
   * Chromium keeps memory it once needed); with others printing, refuse this one until they end.
   */
  private async keepWithinBudget(): Promise<void> {
    const budget = this.options.memoryMb;
    if (!budget || !this.browser || (await this.chromiumMemoryMb()) <= budget) return;
    if (this.documents.active > 1) {
      throw new BusyError('render_busy', 'The document renderer is at its memory budget; try again shortly', 5);
    }
    this.logger.warn(`Chromium above RENDER_MEMORY_MB (${budget} MB): restarting it`);
    const browser = this.browser;
    this.browser = undefined;
    await (await browser).close().catch(() => undefined);
  }

  /** One document within one time limit: in one piece, or in chunks joined into one PDF. */
  private async render(html: string, options: PrintOptions): Promise<Buffer> {
    const deadline = Date.now() + this.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timedOut()), this.timeoutMs);
    });
    try {
      return await Promise.race([this.chunked(html, options, deadline), expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async chunked(html: string, options: PrintOptions, deadline: number): Promise<Buffer> {
    const { chunks, sections } = splitDocument(html, (this.options.chunkKb ?? 256) * 1024, this.pages.limit);
    // In one piece, Chromium builds the outline from the headings; in chunks, the assembly builds it from
    // the contents (a chunk's own outline would know its pages only).
    if (chunks.length === 1) return this.print(chunks[0], deadline, true);
    const printed = await Promise.all(chunks.map(async (chunk) => readChunk(await this.print(chunk, deadline))));
    const firstPages = () => {
      const pages = new Map<string, number>();
      let offset = 0;
      printed.forEach((chunk, i) => {
        for (const id of sections[i]) {
          const at = chunk.destinations.get(id);
          if (at !== undefined) pages.set(id, offset + at + 1);
        }
        offset += chunk.pages;
      });
      return pages;
    };
    // The contents page: printed again with the pages its entries landed on (the slots have a fixed
    // width, so filling them keeps the contents' own length; if it did not, the numbers are redone once).
    for (let pass = 0; pass < 2; pass++) {
      const index = chunks.findIndex(hasPageSlots);
      if (index < 0) break;
      const before = printed[index].pages;
      printed[index] = await readChunk(await this.print(fillPageSlots(chunks[index], firstPages()), deadline));
      if (printed[index].pages === before) break;
    }
    const pages = firstPages();
    const outline = chunks.flatMap((chunk) =>
      contentsEntries(chunk).flatMap(({ id, title }) => {
        const page = pages.get(id);
        return page === undefined ? [] : [{ title, page }];
      }),
    );
    return Buffer.from(await assemble(printed, { pageLabel: options.pageLabel, outline }));
  }

  /**
   * One HTML document printed on one Chromium page, when a page is free. `whole`: the document in one
   * piece, tagged and with Chromium's bookmarks. A chunk is printed untagged: the assembly does not carry
   * a structure tree over, and a table's tags made its PDF six times larger and slower to read back.
   */
  private print(html: string, deadline: number, whole = false): Promise<Buffer> {
    return this.pages.run(() => {
      this.printedChunks++;
      return this.withPage(html, deadline, async (page) =>
        Buffer.from(
          await page.pdf({
            format: 'A4',
            printBackground: true,
            outline: whole,
            tagged: whole,
            timeout: remaining(deadline),
          }),
        ),
      );
    });
  }

  private async withPage<T>(html: string, deadline: number, work: (page: Page) => Promise<T>): Promise<T> {
    if (Date.now() >= deadline) throw timedOut();
    const browser = await this.getBrowser();
    const page = await browser.newPage();
    try {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        this.blockedRequests++;
        void request.abort('blockedbyclient').catch(() => undefined);
      });
      page.setDefaultTimeout(remaining(deadline));
      await page.setContent(html, { waitUntil: 'load', timeout: remaining(deadline) });
      return await work(page);
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  private getBrowser(): Promise<Browser> {
    if (this.closing) return Promise.reject(shuttingDown());
    if (!this.browser) {
      this.browser = this.launch();
      this.browser.catch(() => (this.browser = undefined));
    }
    return this.browser;
  }

  private async launch(): Promise<Browser> {
    const executablePath = this.options.executablePath ?? '/usr/bin/chromium';
    if (!existsSync(executablePath)) {
      throw new DomainError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'renderer_unavailable',
        `Chromium was not found at ${executablePath}: run \`npm run setup\` (installs Debian's chromium) or set PUPPETEER_EXECUTABLE_PATH`,
      );
    }
    const { launch } = await import('puppeteer-core');
    const browser = await launch({
      executablePath,
      headless: true,
      args: LAUNCH_ARGS,
      // puppeteer's own limit on one protocol call (180 s by default) must not cut a render the
      // render timeout still allows.
      protocolTimeout: this.timeoutMs + 10_000,
    });
    browser.on('disconnected', () => {
      if (!this.closing) this.logger.warn('Chromium exited; the next document starts a new one');
      this.browser = undefined;
    });
    return browser;
  }
}

/** Milliseconds left before `deadline`, at least 1 (0 would mean "no limit" to puppeteer). */
const remaining = (deadline: number) => Math.max(1, deadline - Date.now());
