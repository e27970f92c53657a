import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PdfRenderer } from '../src/documents/pdf-renderer';
import { canonicalJson, fingerprint } from '../src/documents/view-models';
import { countingServer, cli, SEED_SLUGS, SEEDS, startApi, TestApi, tempDatabase } from './helpers';
import { pdfOutline } from './pdf-outline';

const AS_OF = '2026-06-01';

/** pdftotext (poppler), whitespace folded so that wrapped table cells read as one line. */
function pdfText(pdf: Buffer, dir: string): string {
  const file = join(dir, `doc-${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** Chromium may break a line at a hyphen and pdftotext then drops it: compare without spaces or hyphens. */
const squeeze = (text: string) => text.replace(/[\s-]+/g, '');

/** Supertest body parser that keeps a PDF as bytes (the response is a Node stream at run time). */
function binary(res: unknown, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('documents: PDF and HTML through HTTP (real Chromium, read back with pdftotext)', () => {
  let api: TestApi;
  const tmp = tempDatabase();
  const pdf = async (slug: string, name: string, query = `asOf=${AS_OF}`) => {
    const res = await api
      .http()
      .get(`/api/organisations/${slug}/documents/${name}.pdf?${query}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    return { text: pdfText(body, tmp.dir), fingerprint: String(res.headers['x-registre-fingerprint']) };
  };

  beforeAll(async () => {
    api = await startApi();
    for (const slug of SEED_SLUGS) {
      const bundle = JSON.parse(readFileSync(join(SEEDS, `${slug}.json`), 'utf8')) as object;
      await api.http().post('/api/import').send(bundle).expect(201);
    }
  });
  afterAll(async () => {
    await api.close();
    tmp.cleanup();
  });

  it.each(SEED_SLUGS)(
    '%s: the documents name every treatment, sub-processor and certificate date, and end with the fingerprint',
    async (slug) => {
      const bundle = (await api.http().get(`/api/organisations/${slug}/export`).expect(200)).body as {
        treatments: { name: string; role: string; status?: string }[];
        subcontractors: { key: string; name: string }[];
        engagements: { provider: string }[];
        certificates: { subcontractor: string; validFrom?: string; validTo?: string }[];
      };
      const register = await pdf(slug, 'register');
      const processor = await pdf(slug, 'processor-register');
      const annex = await pdf(slug, 'dpa-annex');
      const all = [register.text, processor.text, annex.text].join(' ');
      const expected = fingerprint(bundle);
      for (const doc of [register, processor, annex]) {
        expect(doc.fingerprint).toBe(expected);
        expect(doc.text).toContain(expected);
      }
      for (const t of bundle.treatments.filter((t) => t.status !== 'retired')) {
        expect(squeeze(t.role === 'processor' ? processor.text : register.text)).toContain(squeeze(t.name));
      }
      const used = new Set(bundle.engagements.map((e) => e.provider));
      for (const s of bundle.subcontractors.filter((s) => used.has(s.key)))
        expect(squeeze(all)).toContain(squeeze(s.name));
      for (const c of bundle.certificates) {
        for (const date of [c.validFrom, c.validTo].filter(Boolean)) expect(all).toContain(date);
      }
      expect(register.text).toContain('Registre des activités de traitement');
      expect(register.text).toMatch(/Page 1 \/ \d+/);
    },
  );

  it('bookmarks the sections of a register printed in one piece (Chromium, from the headings)', async () => {
    const { treatments } = (await api.http().get('/api/organisations/desmos/export').expect(200)).body as {
      treatments: { name: string; role: string; status?: string }[];
    };
    const res = await api
      .http()
      .get(`/api/organisations/desmos/documents/register.pdf?asOf=${AS_OF}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const outline = pdfOutline(res.body as Buffer, tmp.dir);
    expect(outline[0]).toEqual({ title: 'Registre des activités de traitement', page: 1, depth: 0 });
    // The sections, under the title: the contents, the summary, each treatment in the register's order,
    // the general measures and the certificates; each treatment's own headings under it.
    const sections = outline.filter((b) => b.depth === 1).map((b) => b.title);
    const listed = treatments.filter((t) => t.role === 'controller' && t.status !== 'retired').map((t) => t.name);
    expect(listed.length).toBeGreaterThan(1);
    expect(sections).toEqual([
      'Sommaire',
      'Tableau récapitulatif des traitements',
      ...[...listed].sort((a, b) => a.localeCompare(b, 'fr')),
      "Mesures de sécurité générales de l'organisme",
      'Certificats',
    ]);
    const pages = outline.map((b) => b.page);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
  });

  it('renders the register in English on request', async () => {
    const { text } = await pdf('levy-nadlan', 'register', `asOf=${AS_OF}&lang=en`);
    expect(text).toContain('Record of processing activities');
    expect(text).toContain('DATA PROTECTION OFFICER');
  });

  it('lists every authorised Omnidoc sub-processor with its safeguard in the DPA annex', async () => {
    const { text } = await pdf('omnidoc', 'dpa-annex', `asOf=${AS_OF}&client=Requérant`);
    for (const name of ['OVH', 'Partitio', 'Twilio', 'Mailgun', 'Wraptor', 'Whereby', 'Lifen', 'Google', 'Hubspot']) {
      expect(text).toContain(name);
    }
    expect(text).toContain('Clauses contractuelles types (version non précisée)');
    expect(text).toContain('Annexe 2 — Sous-traitants ultérieurs autorisés et transferts');
    expect(text).toContain('48 heures');
  });

  it('renders the compliance report with the findings of the date', async () => {
    const { text } = await pdf('levy-nadlan', 'compliance-report');
    expect(text).toContain('Rapport de conformité');
    expect(text).toContain('CSP L.1111-8, R.1111-9');
    expect(text).toContain('hds.activity-gap:treatment:t-application-hebergee');
  });

  it('serves the same document as HTML for preview, inert in a browser too', async () => {
    const res = await api.http().get(`/api/organisations/desmos/documents/register.html?asOf=${AS_OF}`).expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.text).toContain('<h2>Comptabilité</h2>');
  });

  it('answers 404 for an unknown document and 400 for a bad date', async () => {
    await api.http().get('/api/organisations/desmos/documents/secret.pdf').expect(404);
    await api.http().get('/api/organisations/desmos/documents/register.odt').expect(404);
    // Word exists for the register, the processor register and the DPA annex only (test/word.e2e-spec.ts).
    await api.http().get('/api/organisations/desmos/documents/compliance-report.docx').expect(404);
    const bad = await api.http().get('/api/organisations/desmos/documents/register.pdf?asOf=2026-13-01').expect(400);
    expect(bad.body.details[0].field).toBe('asOf');
  });

  it('keeps user text inert: no script runs, no URL is fetched, a file link is only text', async () => {
    const server = await countingServer();
    const port = server.port;
    const evil = `<img src="http://127.0.0.1:${port}/pixel.png"><script>document.title='pwned'</script>`;
    try {
      await api
        .http()
        .post('/api/organisations')
        .send({ slug: 'hostile', name: 'Hostile <b>SA</b>', country: 'FR', roles: ['controller'], address: 'x' })
        .expect(201);
      await api
        .http()
        .post('/api/organisations/hostile/treatments')
        .send({
          key: 't',
          name: `Piège ${evil}`,
          role: 'controller',
          purposes: [
            '<a href="file:///etc/passwd">mot de passe</a>',
            `<link rel="stylesheet" href="http://127.0.0.1:${port}/x.css">`,
          ],
          dataSubjects: [`<iframe src="http://127.0.0.1:${port}/frame"></iframe>`],
        })
        .expect(201);
      const html = (await api.http().get('/api/organisations/hostile/documents/register.html').expect(200)).text;
      expect(html).not.toContain('<script>document');
      expect(html).toContain('&lt;script&gt;');
      expect(html).not.toContain(`<img src="http://127.0.0.1:${port}`);
      const { text } = await pdf('hostile', 'register', '');
      expect(text).toContain(`<script>document.title='pwned'</script>`);
      expect(text).toContain('<a href="file:///etc/passwd">mot de passe</a>');
      expect(text).toContain(`<img src="http://127.0.0.1:${port}/pixel.png">`);
      expect(text).toContain('Hostile <b>SA</b>');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.hits()).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('renders 20 documents at once and leaves no page behind', async () => {
    const renderer = api.app.get(PdfRenderer);
    const names = ['register', 'processor-register', 'dpa-annex', 'compliance-report'];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api
          .http()
          .get(`/api/organisations/${SEED_SLUGS[i % 4]}/documents/${names[i % 4]}.pdf?asOf=${AS_OF}`)
          .buffer(true)
          .parse(binary),
      ),
    );
    for (const res of results) {
      expect(res.status).toBe(200);
      expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    }
    // Only the browser's initial blank tab remains open.
    expect(await renderer.openPages()).toBeLessThanOrEqual(1);
  });

  it('hashes canonical JSON: key order does not change the fingerprint', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    expect(fingerprint({ a: 1, b: 2 })).toBe(fingerprint({ b: 2, a: 1 }));
  });
});

describe('renderer lifecycle', () => {
  it('says how to install Chromium when it is missing', async () => {
    const renderer = new PdfRenderer({ executablePath: '/nonexistent/chromium' });
    await expect(renderer.pdf('<p>x</p>')).rejects.toMatchObject({
      code: 'renderer_unavailable',
      message: expect.stringContaining('npm run setup'),
    });
  });

  it('closes its Chromium on shutdown: no process left behind', async () => {
    const renderer = new PdfRenderer();
    await renderer.pdf('<p>x</p>');
    const pid = await renderer.browserPid();
    expect(pid).toBeGreaterThan(0);
    await renderer.onModuleDestroy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(() => process.kill(pid as number, 0)).toThrow();
  });
});

describe('registre render (CLI)', () => {
  const db = tempDatabase();
  beforeAll(() => expect(cli(['seed'], db.path).code).toBe(0));
  afterAll(() => db.cleanup());

  it('writes the Desmos register as PDF and says where', () => {
    const out = join(db.dir, 'desmos.pdf');
    const res = cli(['render', 'register', '--org', 'desmos', '--as-of', AS_OF, '--out', out], db.path);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`wrote ${out}`);
    const text = pdfText(readFileSync(out), db.dir);
    expect(text).toContain('Orisha Healthcare France');
    expect(squeeze(text)).toContain(squeeze('Newsletter & communication actualité'));
  });

  it('writes HTML when the file ends in .html, and refuses an unknown kind (exit 2)', () => {
    const out = join(db.dir, 'annex.html');
    expect(cli(['render', 'dpa-annex', '--org', 'omnidoc', '--out', out], db.path).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Annexe 2');
    expect(cli(['render', 'contract', '--org', 'omnidoc', '--out', out], db.path).code).toBe(2);
  });
});
