import { HttpStatus, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import { DomainError } from '../common/errors';

export interface PdfOptions {
  headerTemplate: string;
  footerTemplate: string;
}

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

/** A bounded number of renders at once; the others wait their turn (or are refused when stopping). */
class Semaphore {
  private active = 0;
  private readonly waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
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

/**
 * Turns HTML the application built into PDF with one Chromium per process, reused across documents,
 * a fresh page per document. User text must never run or fetch anything: JavaScript is disabled and
 * every network request the page attempts is aborted (the document is given as content, never
 * loaded from a URL).
 */
@Injectable()
export class PdfRenderer implements OnModuleDestroy {
  private readonly logger = new Logger(PdfRenderer.name);
  private browser?: Promise<Browser>;
  private readonly semaphore: Semaphore;
  private closing = false;
  /** Set when the server stops: no new render starts. */
  private refusing = false;
  /** Requests the renderer refused, for tests and logs. */
  blockedRequests = 0;

  /** `executablePath` comes from PUPPETEER_EXECUTABLE_PATH (default Debian's `/usr/bin/chromium`). */
  constructor(private readonly options: { concurrency?: number; timeoutMs?: number; executablePath?: string } = {}) {
    this.semaphore = new Semaphore(options.concurrency ?? 4);
  }

  async pdf(html: string, options: PdfOptions): Promise<Buffer> {
    if (this.refusing) throw shuttingDown();
    try {
      return await this.semaphore.run(() => {
        if (this.refusing) throw shuttingDown();
        return this.withPage(html, (page) => this.print(page, options));
      });
    } catch (error) {
      // The browser closed under the render because the server is stopping: a 503, not a 500.
      if ((this.closing || this.refusing) && !(error instanceof DomainError)) throw shuttingDown();
      throw error;
    }
  }

  /** The server is stopping: renders still queued are refused with a 503; those running go on. */
  stopAccepting(): void {
    this.refusing = true;
    this.semaphore.refuseWaiting(shuttingDown());
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

  async onModuleDestroy(): Promise<void> {
    const browser = this.browser;
    this.closing = true;
    this.browser = undefined;
    if (browser) await (await browser).close().catch(() => undefined);
  }

  private async withPage<T>(html: string, work: (page: Page) => Promise<T>): Promise<T> {
    const browser = await this.getBrowser();
    const page = await browser.newPage();
    const timeout = this.options.timeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        this.blockedRequests++;
        void request.abort('blockedbyclient').catch(() => undefined);
      });
      page.setDefaultTimeout(timeout);
      const run = (async () => {
        await page.setContent(html, { waitUntil: 'load', timeout });
        return work(page);
      })();
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new DomainError(HttpStatus.SERVICE_UNAVAILABLE, 'render_timeout', 'The document took too long to render'),
            ),
          timeout,
        );
      });
      return await Promise.race([run, expired]);
    } finally {
      if (timer) clearTimeout(timer);
      await page.close().catch(() => undefined);
    }
  }

  private async print(page: Page, options: PdfOptions): Promise<Buffer> {
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: options.headerTemplate,
      footerTemplate: options.footerTemplate,
      margin: { top: '22mm', bottom: '20mm', left: '16mm', right: '16mm' },
    });
    return Buffer.from(pdf);
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
    const browser = await launch({ executablePath, headless: true, args: LAUNCH_ARGS });
    browser.on('disconnected', () => {
      if (!this.closing) this.logger.warn('Chromium exited; the next document starts a new one');
      this.browser = undefined;
    });
    return browser;
  }
}
