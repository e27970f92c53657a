import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFArray } from 'pdf-lib';
import { assemble, contentsEntries, readChunk, splitDocument } from './pdf-assembly';

async function blank(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  return doc.save();
}

/** The outline's items in order: title and 1-based page. */
function outlineOf(doc: PDFDocument): { title: string; page: number }[] {
  const pages = doc.getPages().map((p) => p.ref.toString());
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const items: { title: string; page: number }[] = [];
  let ref = root?.get(PDFName.of('First'));
  while (ref instanceof PDFRef) {
    const item = doc.context.lookup(ref, PDFDict);
    const dest = item.lookup(PDFName.of('Dest'), PDFArray);
    items.push({
      title: item.lookup(PDFName.of('Title'), PDFHexString).decodeText(),
      page: pages.indexOf(String(dest.get(0))) + 1,
    });
    ref = item.get(PDFName.of('Next'));
  }
  return items;
}

describe('contentsEntries', () => {
  it('reads each entry of the contents, its section and its title unescaped', () => {
    const html =
      '<ol class="toc"><li><span class="toc-page" data-ref="t-a"></span><a href="#t-a">Paie &amp; RH</a> <span class="muted">(x)</span></li>' +
      '<li><span class="toc-page" data-ref="measures">12</span><a href="#measures">Mesures de l&#x27;organisme &lt;g&gt; &quot;q&quot; &#x3D; &#96;</a></li>' +
      '<li><span class="toc-page" data-ref="t-b"></span><a href="#t-c">mismatched</a></li></ol>';
    expect(contentsEntries(html)).toEqual([
      { id: 't-a', title: 'Paie & RH' },
      { id: 'measures', title: 'Mesures de l\'organisme <g> "q" = `' },
    ]);
  });

  it('leaves an unknown entity as written', () => {
    const html = '<span class="toc-page" data-ref="x"></span><a href="#x">A &nbsp; B &#0;</a>';
    expect(contentsEntries(html)).toEqual([{ id: 'x', title: 'A &nbsp; B &#0;' }]);
  });
});

describe('splitDocument', () => {
  const head = '<!doctype html><html><head><style></style></head><body>';
  const row = (i: number) => `<tr><td>row ${i} ${'x'.repeat(80)}</td></tr>`;
  const table = (rows: number) =>
    `<section><h2>T</h2><table class="wide"><thead><tr><th>H</th></tr></thead><tbody>${Array.from(
      { length: rows },
      (_, i) => (i ? '<!--rows-->' : '') + row(i),
    ).join('')}</tbody></table></section>`;
  const bodyOf = (chunk: string) => chunk.slice(chunk.indexOf('<body>') + 6, chunk.lastIndexOf('</body>'));

  it('cuts a long table between rows, closing it and opening it again with its head', () => {
    const { chunks } = splitDocument(`${head}${table(40)}</body></html>`, 1000);
    expect(chunks.length).toBeGreaterThan(3);
    const bodies = chunks.map(bodyOf);
    expect(bodies[0].startsWith('<section><h2>T</h2><table class="wide">')).toBe(true);
    for (const [i, b] of bodies.entries()) {
      if (i > 0)
        expect(b.startsWith('<table class="wide"><thead><tr><th>H</th></tr></thead><tbody><!--rows--><tr>')).toBe(true);
      if (i < bodies.length - 1) expect(b.endsWith('</tr></tbody></table>')).toBe(true);
      expect(b.length).toBeLessThan(1000 + 200);
    }
    // Every row once, in order.
    const rows = bodies.join('').match(/row \d+/g);
    expect(rows).toEqual(Array.from({ length: 40 }, (_, i) => `row ${i}`));
    expect(bodies[bodies.length - 1].endsWith('</tbody></table></section>')).toBe(true);
  });

  it('does not cut at the rows marker while the chunk has room', () => {
    const html = `${head}${table(5)}</body></html>`;
    expect(splitDocument(html, 100_000).chunks).toEqual([html]);
    // Over the size, but one table of few rows that fits: one chunk holding all.
    const { chunks } = splitDocument(`${head}<p>${'y'.repeat(300)}</p>${table(3)}</body></html>`, 400);
    expect(
      chunks
        .map(bodyOf)
        .join('')
        .match(/row \d+/g),
    ).toEqual(['row 0', 'row 1', 'row 2']);
  });

  it('cuts into chunks of about equal length, as many as a multiple of the pages printing at once', () => {
    // 40 rows of about 110 characters: 4 500 characters of body.
    const html = `${head}${table(40)}</body></html>`;
    const lengths = (parallel: number) => splitDocument(html, 2000, parallel).chunks.map((c) => bodyOf(c).length);
    // Three chunks are enough for 2 000 characters each; for two pages, four of about 1 150.
    const alone = lengths(1);
    const two = lengths(2);
    expect(alone).toHaveLength(3);
    expect(two).toHaveLength(4);
    for (const length of two) expect(Math.abs(length - 4500 / 4)).toBeLessThan(200);
    // Never past the size asked for, however many pages print.
    for (const length of [...alone, ...lengths(3)]) expect(length).toBeLessThan(2000 + 150);
    // The last chunk is not a remainder: within a row or two of the others.
    expect(Math.max(...alone) - Math.min(...alone)).toBeLessThan(300);
  });

  it('refuses a rows marker outside a table', () => {
    const html = `${head}<p>${'z'.repeat(500)}</p><!--rows--><p>${'z'.repeat(500)}</p></body></html>`;
    expect(() => splitDocument(html, 600)).toThrow('<!--rows--> outside a table');
  });
});

describe('assemble', () => {
  it('joins the chunks, numbers every page and bookmarks the entries on their pages', async () => {
    const chunks = [await readChunk(await blank(2)), await readChunk(await blank(3))];
    const out = await PDFDocument.load(
      await assemble(chunks, {
        pageLabel: 'Page',
        outline: [
          { title: 'Sommaire', page: 1 },
          { title: 'Traitement « paie »', page: 3 },
          { title: 'hors du document', page: 6 },
          { title: 'Certificats', page: 5 },
        ],
      }),
    );
    expect(out.getPageCount()).toBe(5);
    expect(outlineOf(out)).toEqual([
      { title: 'Sommaire', page: 1 },
      { title: 'Traitement « paie »', page: 3 },
      { title: 'Certificats', page: 5 },
    ]);
    const root = out.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    expect(root.get(PDFName.of('Count'))?.toString()).toBe('3');
    expect(out.catalog.get(PDFName.of('PageMode'))).toBe(PDFName.of('UseOutlines'));
  });

  it('writes no outline when there is nothing to bookmark', async () => {
    const out = await PDFDocument.load(await assemble([await readChunk(await blank(1))], { pageLabel: 'Page' }));
    expect(out.catalog.get(PDFName.of('Outlines'))).toBeUndefined();
    expect(out.catalog.get(PDFName.of('PageMode'))).toBeUndefined();
  });
});
