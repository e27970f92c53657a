import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SettableClock } from '../src/common/clock';
import { fingerprint } from '../src/documents/view-models';
import { checkZip, readZipEntry } from '../src/spreadsheets/zip';
import { SEED_SLUGS, SEEDS, startApi, TestApi } from './helpers';

const AS_OF = '2026-06-01';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const LIMITS = { maxEntries: 1000, maxUnzippedBytes: 50 * 1048576 };

const entities = (text: string) =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The text of a DOCX as Word shows it: word/document.xml unzipped, one line per paragraph. */
function docxText(file: Buffer): string {
  const entry = checkZip(file, LIMITS).find((e) => e.name === 'word/document.xml');
  if (!entry) throw new Error('no word/document.xml');
  const xml = readZipEntry(file, entry, LIMITS).toString('utf8');
  return entities(
    xml
      .replace(/<w:br\/>/g, '\n')
      .replace(/<\/w:p>/g, '\n')
      .replace(/<[^>]+>/g, ''),
  );
}

/** The text of the HTML the PDF is printed from. */
function htmlText(html: string): string {
  return entities(
    html
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/<br\s*\/?>/g, '\n')
      .replace(/<[^>]+>/g, '\n'),
  );
}

/** `names` in the order they first appear in `text` (each must appear). */
function orderIn(text: string, names: string[]): string[] {
  const flat = text.replace(/\s+/g, ' ');
  return names
    .map((name) => ({ name, at: flat.indexOf(name.replace(/\s+/g, ' ')) }))
    .map((n) => {
      if (n.at < 0) throw new Error(`"${n.name}" is not in the document`);
      return n;
    })
    .sort((a, b) => a.at - b.at)
    .map((n) => n.name);
}

function binary(res: unknown, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

interface SeedBundle {
  treatments: { name: string; role: string; status?: string }[];
  subcontractors: { key: string; name: string }[];
  engagements: { provider: string }[];
}

describe('Word documents (register 30(1), 30(2), DPA annex) read back from word/document.xml', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi({ clock: new SettableClock('2026-06-01T08:00:00Z') });
    for (const slug of SEED_SLUGS) {
      const bundle = JSON.parse(readFileSync(join(SEEDS, `${slug}.json`), 'utf8')) as object;
      await api.http().post('/api/import').send(bundle).expect(201);
    }
  });
  afterAll(() => api.close());

  const word = async (slug: string, name: string, query = `asOf=${AS_OF}`) => {
    const res = await api
      .http()
      .get(`/api/organisations/${slug}/documents/${name}.docx?${query}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe(DOCX);
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="${slug}-.*-${AS_OF}\\.fr\\.docx"$`),
    );
    return { text: docxText(res.body as Buffer), fingerprint: String(res.headers['x-registre-fingerprint']) };
  };
  const html = async (slug: string, name: string, query = `asOf=${AS_OF}`) =>
    htmlText((await api.http().get(`/api/organisations/${slug}/documents/${name}.html?${query}`).expect(200)).text);

  it.each(SEED_SLUGS)(
    '%s: every treatment and sub-processor, in the order of the PDF, and the fingerprint',
    async (slug) => {
      const bundle = (await api.http().get(`/api/organisations/${slug}/export`).expect(200)).body as SeedBundle;
      const live = bundle.treatments.filter((t) => t.status !== 'retired');
      const used = new Set(bundle.engagements.map((e) => e.provider));
      const subprocessors = bundle.subcontractors.filter((s) => used.has(s.key)).map((s) => s.name);
      const docs = {
        register: live.filter((t) => t.role !== 'processor').map((t) => t.name),
        'processor-register': live.filter((t) => t.role === 'processor').map((t) => t.name),
        // The annex lists the treatments it covers: those the printed annex names.
        'dpa-annex': undefined,
      };
      let all = '';
      for (const [name, treatments] of Object.entries(docs)) {
        const doc = await word(slug, name);
        expect(doc.fingerprint).toBe(fingerprint(bundle));
        expect(doc.text).toContain(doc.fingerprint);
        // Same content and order as the PDF (printed from this HTML): treatments, and sub-processors.
        const printed = await html(slug, name);
        const covered = treatments ?? live.map((t) => t.name).filter((t) => printed.replace(/\s+/g, ' ').includes(t));
        expect(orderIn(doc.text, covered)).toEqual(orderIn(printed, covered));
        const listed = subprocessors.filter((s) => printed.replace(/\s+/g, ' ').includes(s));
        expect(orderIn(doc.text, listed)).toEqual(orderIn(printed, listed));
        all += doc.text;
      }
      for (const s of subprocessors) expect(all.replace(/\s+/g, ' ')).toContain(s);
    },
  );

  it('the register is in French by default, English on request; the annex names its client', async () => {
    expect((await word('levy-nadlan', 'register')).text).toContain('Registre des activités de traitement');
    const en = await api
      .http()
      .get(`/api/organisations/levy-nadlan/documents/register.docx?asOf=${AS_OF}&lang=en`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(docxText(en.body as Buffer)).toContain('Record of processing activities');
    const annex = await word('omnidoc', 'dpa-annex', `asOf=${AS_OF}&client=Clinique Requérante`);
    expect(annex.text).toContain('Clinique Requérante');
    for (const name of ['OVH', 'Twilio', 'Mailgun', 'Lifen']) expect(annex.text).toContain(name);
  });

  it('has no Word version of the compliance report', async () => {
    await api.http().get(`/api/organisations/desmos/documents/compliance-report.docx?asOf=${AS_OF}`).expect(404);
  });
});
