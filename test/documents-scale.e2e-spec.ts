import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { syntheticBundle } from '../src/bench/synthetic';
import { splitDocument } from '../src/documents/pdf-assembly';
import { PdfRenderer } from '../src/documents/pdf-renderer';
import { countingServer, startApi, TestApi, tempDatabase } from './helpers';
import { pdfOutline } from './pdf-outline';

const AS_OF = '2026-06-01';

/** The text of each page (pdftotext, form feed between pages), whitespace folded. */
function pdfPages(pdf: Buffer, dir: string): string[] {
  const file = join(dir, `doc-${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text
    .split('\f')
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p, i, all) => i < all.length - 1 || p !== '');
}

function binary(res: unknown, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Resolves when `condition` holds (checked every 10 ms): a state to reach, not a time to wait. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('large documents: printed in chunks on parallel pages, joined into one PDF', () => {
  let api: TestApi;
  const tmp = tempDatabase();
  const bundle = syntheticBundle(30, 'grande');
  const controllerTreatments = (bundle.treatments ?? []).filter(
    (t) => t.role === 'controller' && t.status !== 'retired',
  );
  const get = (path: string) => api.http().get(path).buffer(true).parse(binary);

  beforeAll(async () => {
    // 16 KB chunks: a 30-treatment register (about 60 KB of HTML) prints in several.
    api = await startApi({ env: { RENDER_CHUNK_KB: '16', RENDER_PAGES: '2' } });
    await api.http().post('/api/import').send(bundle).expect(201);
  });
  afterAll(async () => {
    await api.close();
    tmp.cleanup();
  });

  it('numbers pages across the whole document, and the contents give the pages the treatments are on', async () => {
    const renderer = api.app.get(PdfRenderer);
    const before = renderer.printedChunks;
    const res = await get(`/api/organisations/grande/documents/register.pdf?asOf=${AS_OF}`).expect(200);
    expect(renderer.printedChunks - before).toBeGreaterThan(2);
    const pages = pdfPages(res.body as Buffer, tmp.dir);
    const total = pages.length;
    expect(total).toBeGreaterThan(controllerTreatments.length);
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} / ${total}`));
    // Every page carries the header and the generation date (CSS margin boxes, in every chunk).
    for (const text of pages) {
      expect(text).toContain('Registre des activités de traitement');
      expect(text).toContain('Organisation synthétique 30');
      expect(text).toContain('Généré le');
    }
    const contents = pages.slice(1, 3).join(' ');
    for (const t of controllerTreatments) {
      const entry = new RegExp(`\\d+\\. ${t.name} \\(En cours\\) (\\d+)`).exec(contents);
      expect(entry).not.toBeNull();
      const page = Number(entry?.[1]);
      // The sheet starts on that page: its name and its reference line are there.
      expect(pages[page - 1]).toContain(`${t.key} — En cours`);
      // Each treatment's sheet is printed once: no chunk dropped or printed twice.
      expect(pages.filter((p) => p.includes(`${t.key} — En cours`))).toHaveLength(1);
    }
    // The outline: one bookmark per contents entry, in the same order, opening the page the contents give.
    const outline = pdfOutline(res.body as Buffer, tmp.dir);
    expect(outline.map((b) => b.title)).toEqual([
      ...controllerTreatments.map((t) => t.name),
      "Mesures de sécurité générales de l'organisme",
      'Certificats',
    ]);
    controllerTreatments.forEach((t, i) => {
      expect(pages[outline[i].page - 1]).toContain(`${t.key} — En cours`);
    });
    expect(pages[outline[outline.length - 2].page - 1]).toMatch(/^Registre.*Mesures de sécurité générales/);
    const measures = /Mesures de sécurité générales de l'organisme (\d+)/.exec(contents);
    expect(pages[Number(measures?.[1]) - 1]).toMatch(/^Registre.*Mesures de sécurité générales de l'organisme/);
    expect(pages[total - 1]).toContain('EMPREINTE DES DONNÉES');
    expect(await renderer.openPages()).toBeLessThanOrEqual(1);
  });

  it('prints the register table in chunks cut between rows: landscape, its head on every page, each treatment once', async () => {
    // 120 treatments: a table of about 60 KB of HTML, more than three 16 KB chunks.
    const wide = syntheticBundle(120, 'tableau');
    await api.http().post('/api/import').send(wide).expect(201);
    const renderer = api.app.get(PdfRenderer);
    const before = renderer.printedChunks;
    const res = await get(`/api/organisations/tableau/documents/register-table.pdf?asOf=${AS_OF}`).expect(200);
    expect(renderer.printedChunks - before).toBeGreaterThan(3);
    // The cut falls between two rows of the table: the next chunk opens the table again, head first.
    const html = (
      await api.http().get(`/api/organisations/tableau/documents/register-table.html?asOf=${AS_OF}`).expect(200)
    ).text;
    const { chunks } = splitDocument(html, 16 * 1024, 2);
    expect(chunks.length).toBe(renderer.printedChunks - before);
    // As many chunks as a multiple of the two pages printing at once, none a small remainder.
    expect(chunks.length % 2).toBe(0);
    expect(chunks.some((c) => /<body><table class="register-table">\s*<thead>/.test(c))).toBe(true);
    const doc = await PDFDocument.load(res.body as Buffer);
    for (const page of doc.getPages()) expect(page.getWidth()).toBeGreaterThan(page.getHeight());
    const pages = pdfPages(res.body as Buffer, tmp.dir);
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} / ${pages.length}`));
    const tablePages = pages.filter((p) => /\bt-\d{6}\b/.test(p));
    expect(tablePages.length).toBeGreaterThan(2);
    // The head row repeats on every page the table runs over, chunks included.
    for (const text of tablePages) expect(text).toMatch(/Réf\. Traitement Rôle Finalités Base légale/);
    const inUse = (wide.treatments ?? []).filter((t) => t.status !== 'retired');
    for (const t of inUse) expect(pages.join(' ').split(` ${t.key} `)).toHaveLength(2);
    expect(pages[pages.length - 1]).toContain('EMPREINTE DES DONNÉES');
  });

  it('serves a repeated document from the disk cache, and renders anew after a write', async () => {
    const url = `/api/organisations/grande/documents/dpa-annex.pdf?asOf=${AS_OF}`;
    const first = await get(url).expect(200);
    const second = await get(url).expect(200);
    expect(first.headers['x-registre-cache']).toBe('miss');
    expect(second.headers['x-registre-cache']).toBe('hit');
    expect(Buffer.compare(first.body as Buffer, second.body as Buffer)).toBe(0);
    expect(second.headers['x-registre-fingerprint']).toBe(first.headers['x-registre-fingerprint']);
    expect(second.headers['content-disposition']).toBe(first.headers['content-disposition']);

    await api
      .http()
      .patch('/api/organisations/grande/treatments/t-000004')
      .send({ name: 'Traitement renommé' })
      .expect(200);
    const third = await get(url).expect(200);
    expect(third.headers['x-registre-cache']).toBe('miss');
    expect(pdfPages(third.body as Buffer, tmp.dir).join(' ')).toContain('Traitement renommé');
    expect(pdfPages(first.body as Buffer, tmp.dir).join(' ')).not.toContain('Traitement renommé');

    // Another language is another document.
    expect((await get(`${url}&lang=en`).expect(200)).headers['x-registre-cache']).toBe('miss');
  });

  it('treats a damaged cache file as a miss, never an error', async () => {
    const url = `/api/organisations/grande/documents/compliance-report.pdf?asOf=${AS_OF}`;
    await get(url).expect(200);
    const dir = join(api.dir, 'documents');
    for (const name of readdirSync(dir)) writeFileSync(join(dir, name), name.endsWith('.pdf') ? '%PDF-1.4 trunc' : '{');
    const again = await get(url).expect(200);
    expect(again.headers['x-registre-cache']).toBe('miss');
    expect((again.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(url).expect(200)).headers['x-registre-cache']).toBe('hit');
  });
});

describe('the render queue: full means 503 at once', () => {
  let api: TestApi;
  const tmp = tempDatabase();

  beforeAll(async () => {
    api = await startApi({ env: { RENDER_CONCURRENCY: '1', RENDER_QUEUE: '0', DOCUMENT_CACHE_MB: '0' } });
    await api.http().post('/api/import').send(syntheticBundle(4, 'petite')).expect(201);
  });
  afterAll(async () => {
    await api.close();
    tmp.cleanup();
  });

  it('refuses a second document with Retry-After while one renders, and other routes still answer', async () => {
    const renderer = api.app.get(PdfRenderer);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    renderer.beforePrint = () => held;
    try {
      const first = api
        .http()
        .get(`/api/organisations/petite/documents/register.pdf?asOf=${AS_OF}`)
        .buffer(true)
        .parse(binary)
        .then((res) => res);
      await until(() => renderer.running === 1);
      const second = await api.http().get(`/api/organisations/petite/documents/dpa-annex.pdf?asOf=${AS_OF}`);
      expect(second.status).toBe(503);
      expect(second.body.code).toBe('render_busy');
      expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
      await api.http().get('/api/health').expect(200);
      await api.http().get('/api/organisations/petite/findings').expect(200);
      release();
      const res = await first;
      expect(res.status).toBe(200);
      expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      release();
      renderer.beforePrint = undefined;
    }
    // Once the render is over, the next one is taken.
    await api.http().get(`/api/organisations/petite/documents/dpa-annex.pdf?asOf=${AS_OF}`).expect(200);
  });
});

describe('chunked printing stays inert: no script runs, no request leaves', () => {
  it('blocks every request and runs no script in every chunk', async () => {
    const server = await countingServer();
    const port = server.port;
    const renderer = new PdfRenderer({ chunkKb: 16, pages: 2 });
    try {
      const sheet = (i: number) =>
        `<section class="sheet" id="s-${i}"><h2>Feuille ${i}</h2><img src="http://127.0.0.1:${port}/p${i}.png">` +
        `<link rel="stylesheet" href="http://127.0.0.1:${port}/s${i}.css">` +
        `<script>document.body.insertAdjacentText('beforeend', 'SCRIPT RAN ${i}')</script>` +
        `<p>${'texte '.repeat(3000)}</p></section>`;
      const html = `<!doctype html><html><head><title>t</title></head><body>${Array.from({ length: 8 }, (_, i) => sheet(i)).join('')}</body></html>`;
      const pdf = await renderer.pdf(html, { pageLabel: 'Page' });
      expect(renderer.printedChunks).toBeGreaterThan(2);
      const tmp = tempDatabase();
      try {
        const text = pdfPages(pdf, tmp.dir).join(' ');
        for (let i = 0; i < 8; i++) expect(text).toContain(`Feuille ${i}`);
        expect(text).not.toContain('SCRIPT RAN');
      } finally {
        tmp.cleanup();
      }
      expect(renderer.blockedRequests).toBeGreaterThanOrEqual(8);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.hits()).toBe(0);
    } finally {
      await renderer.onModuleDestroy();
      await server.close();
    }
  });
});
