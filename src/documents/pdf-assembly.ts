import {
  ParseSpeeds,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRef,
  rgb,
  StandardFonts,
} from 'pdf-lib';

/**
 * Objects pdf-lib parses or writes before giving the event loop back. Its defaults (100 and 50) made
 * reading a 200-page chunk take about a second of the main thread in thousands of ticks; 1 500 reads
 * it three times faster, each tick still a few milliseconds.
 */
const OBJECTS_PER_TICK = ParseSpeeds.Fast;

/**
 * A large document printed in pieces: its HTML cut at section boundaries into chunks that print on
 * parallel Chromium pages, then the chunk PDFs joined into one (pdf-lib), page numbers stamped across
 * the whole, the contents page filled with the pages the sections landed on.
 */

/**
 * Where a chunk may start: a section that begins on a new page anyway, a marker in a template that
 * always starts a chunk (`<!--chunk-->`), or one between two rows of a long table (`<!--rows-->`), where
 * a chunk may end when it is full: the table is closed there and opened again, with its head, in the
 * next chunk (the head repeats on every page anyway).
 */
const CUT = /<section class="sheet"|<!--chunk-->|<!--rows-->/g;
const ROWS = '<!--rows-->';
/** A contents entry's page number slot, empty until the pages are known (fixed width: filling it moves nothing). */
const PAGE_SLOT = /<span class="toc-page" data-ref="([a-z0-9._-]+)"><\/span>/g;
/** A contents entry: the page slot, then the link to the section with its title (escaped by Handlebars). */
const CONTENTS_ENTRY = /<span class="toc-page" data-ref="([a-z0-9._-]+)">[^<]*<\/span><a href="#\1">([^<]*)<\/a>/g;
/** The element ids sections carry (template-made from record keys: `t-…`, `c-…`, `measures`). */
const SECTION_ID = /<section[^>]* id="([a-z0-9._-]+)"[^>]*>/g;

/** Chunked pages leave the page number to the assembly (a chunk does not know the whole's count). */
const CHUNK_STYLE = '<style>@page { @bottom-right { content: none; } }</style>';

export interface ChunkedDocument {
  /** Chunk HTML documents, in order; one means "print as is". */
  chunks: string[];
  /** Per chunk, the section ids it holds (their first page is read back from the chunk's PDF). */
  sections: string[][];
}

/**
 * Cuts `html` into chunks of at most about `maxChars` of body (a longer section stays whole), of about
 * equal length, and as many as a multiple of `parallel` (the pages printing at once): two pages given
 * three chunks of 265, 265 and 82 KB idle one while the last prints; four of 156 KB keep both busy.
 */
export function splitDocument(html: string, maxChars: number, parallel = 1): ChunkedDocument {
  const open = html.indexOf('<body>');
  const close = html.lastIndexOf('</body>');
  if (open < 0 || close < open || close - open <= maxChars) return { chunks: [html], sections: [[]] };
  const head = html.slice(0, open).replace('</head>', `${CHUNK_STYLE}</head>`) + '<body>';
  const tail = html.slice(close);
  const body = html.slice(open + '<body>'.length, close);
  const cuts = [0, ...[...body.matchAll(CUT)].map((m) => m.index), body.length];
  const per = Math.max(1, Math.floor(parallel));
  const target = body.length / (Math.ceil(Math.ceil(body.length / maxChars) / per) * per);
  const bodies: string[] = [];
  let current = '';
  for (let i = 0; i < cuts.length - 1; i++) {
    const segment = body.slice(cuts[i], cuts[i + 1]);
    // A cut at the boundary nearest the chunk's end at equal lengths (never past maxChars).
    const full =
      current.length + segment.length > maxChars || cuts[i] + segment.length / 2 > target * (bodies.length + 1);
    if (current && (segment.startsWith('<!--chunk-->') || full)) {
      if (segment.startsWith(ROWS)) {
        const table = openTable(body, cuts[i]);
        if (!table) throw new Error('<!--rows--> outside a table with a <tbody>');
        bodies.push(`${current}</tbody></table>`);
        current = table;
      } else {
        bodies.push(current);
        current = '';
      }
    }
    current += segment;
  }
  if (current) bodies.push(current);
  if (bodies.length <= 1) return { chunks: [html], sections: [[]] };
  const sections = bodies.map((b) => [...b.matchAll(SECTION_ID)].map((m) => m[1]));
  // A link to itself inside each section makes Chromium record where the section starts (a named
  // destination); out of the flow, it moves nothing.
  const chunks = bodies.map(
    (b) =>
      `${head}${b.replace(SECTION_ID, (tag: string, id: string) => `${tag}<a href="#${id}" style="position:absolute"></a>`)}${tail}`,
  );
  return { chunks, sections };
}

/** The opening of the table a `<!--rows-->` marker at `at` sits in: from `<table` to its `<tbody>`, head included. */
function openTable(body: string, at: number): string | undefined {
  const start = body.lastIndexOf('<table', at);
  const tbody = start < 0 ? -1 : body.indexOf('<tbody>', start);
  return tbody < 0 || tbody > at ? undefined : body.slice(start, tbody + '<tbody>'.length);
}

/** Whether a chunk holds contents entries waiting for their page numbers. */
export const hasPageSlots = (html: string): boolean => html.search(PAGE_SLOT) >= 0;

/** Fills the contents' page slots from `pages` (section id → page number in the whole document). */
export function fillPageSlots(html: string, pages: ReadonlyMap<string, number>): string {
  return html.replace(PAGE_SLOT, (slot: string, ref: string) => {
    const page = pages.get(ref);
    return page === undefined ? slot : `<span class="toc-page" data-ref="${ref}">${page}</span>`;
  });
}

/** The entity references Handlebars writes (`&<>"'\`=`), and numeric ones, back to their characters. */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole: string, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The contents' entries, in order: the section each names and its title as printed. */
export function contentsEntries(html: string): { id: string; title: string }[] {
  return [...html.matchAll(CONTENTS_ENTRY)].map((m) => ({ id: m[1], title: unescapeHtml(m[2]).trim() }));
}

/** One bookmark of the outline: a title and the page (1-based, in the whole document) it opens. */
export interface OutlineEntry {
  title: string;
  page: number;
}

export interface ChunkPdf {
  doc: PDFDocument;
  pages: number;
  /** Section id → page index (0-based) inside the chunk. */
  destinations: Map<string, number>;
}

export async function readChunk(pdf: Uint8Array): Promise<ChunkPdf> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: OBJECTS_PER_TICK });
  const index = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const destinations = new Map<string, number>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [name, value] of dests?.entries() ?? []) {
    const array = doc.context.lookupMaybe(value, PDFArray);
    const page = array?.get(0);
    const at = page instanceof PDFRef ? index.get(page.toString()) : undefined;
    if (at !== undefined) destinations.set(name.decodeText(), at);
  }
  return { doc, pages: doc.getPageCount(), destinations };
}

export interface Stamp {
  /** "Page" / "Page": the word before "x / y". */
  pageLabel: string;
  /** The bookmarks, in order (the contents' entries); none: no outline. */
  outline?: readonly OutlineEntry[];
}

/**
 * Joins the chunks into one PDF and stamps "Page x / y" where the stylesheet's bottom-right margin box
 * puts it on a single-piece document (A4, 16 mm right margin, middle of the 20 mm bottom margin).
 * The structure tree (tagging) of the chunks is not carried over: pdf-lib copies pages, not tags. The
 * outline is built anew from `stamp.outline` (a chunk's own outline would name its pages only).
 */
export async function assemble(chunks: ChunkPdf[], stamp: Stamp): Promise<Uint8Array> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const first = chunks[0].doc;
  out.setTitle(first.getTitle() ?? '', { showInWindowTitleBar: true });
  out.setCreator(first.getCreator() ?? '');
  out.setProducer(first.getProducer() ?? '');
  const lang = first.catalog.get(PDFName.of('Lang'));
  if (lang) out.catalog.set(PDFName.of('Lang'), lang);
  for (const chunk of chunks) {
    const pages = await out.copyPages(chunk.doc, chunk.doc.getPageIndices());
    for (const page of pages) out.addPage(page);
  }
  const font = await out.embedFont(StandardFonts.Helvetica);
  const pages = out.getPages();
  const mm = 72 / 25.4;
  const size = 7;
  pages.forEach((page, i) => {
    const text = `${stamp.pageLabel} ${i + 1} / ${pages.length}`;
    const width = font.widthOfTextAtSize(text, size);
    page.drawText(text, {
      x: page.getWidth() - 16 * mm - width,
      y: 10 * mm - font.heightAtSize(size, { descender: false }) / 2,
      size,
      font,
      color: rgb(0x6b / 255, 0x77 / 255, 0x85 / 255),
    });
  });
  addOutline(out, stamp.outline ?? []);
  return out.save({ objectsPerTick: OBJECTS_PER_TICK });
}

/**
 * A flat outline (PDF 32000-1, 12.3.3): one item per entry, each opening its page at the top; the
 * viewer shows it on opening (`/PageMode /UseOutlines`). Entries naming a page the document does not
 * have are left out.
 */
function addOutline(doc: PDFDocument, entries: readonly OutlineEntry[]): void {
  const pages = doc.getPages();
  const kept = entries.filter((e) => Number.isInteger(e.page) && e.page >= 1 && e.page <= pages.length);
  if (kept.length === 0) return;
  const { context } = doc;
  const root = context.nextRef();
  const refs = kept.map(() => context.nextRef());
  kept.forEach((entry, i) => {
    const item = context.obj({});
    item.set(PDFName.of('Title'), PDFHexString.fromText(entry.title));
    item.set(PDFName.of('Parent'), root);
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]);
    if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1]);
    item.set(
      PDFName.of('Dest'),
      context.obj([pages[entry.page - 1].ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]),
    );
    context.assign(refs[i], item);
  });
  const outlines = context.obj({});
  outlines.set(PDFName.of('Type'), PDFName.of('Outlines'));
  outlines.set(PDFName.of('First'), refs[0]);
  outlines.set(PDFName.of('Last'), refs[refs.length - 1]);
  outlines.set(PDFName.of('Count'), PDFNumber.of(refs.length));
  context.assign(root, outlines);
  doc.catalog.set(PDFName.of('Outlines'), root);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
