import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { components } from './generated/api';
import { SEED_SLUGS, SEEDS, startApi, TestApi } from './helpers';
import { typedApi, TypedApi } from './typed-api';

type Bundle = components['schemas']['BundleDto'];
/** A seed file: a bundle as the API reads it (the import validates it; a bad one would fail the test). */
const seed = (slug: string) => JSON.parse(readFileSync(join(SEEDS, `${slug}.json`), 'utf8')) as Bundle;

describe('bundles: import all-or-nothing, export stable', () => {
  let api: TestApi;
  let http: TypedApi;

  beforeAll(async () => {
    api = await startApi();
    http = typedApi(api.http);
  });
  afterAll(async () => api.close());

  it.each(SEED_SLUGS)('%s: export → import → export gives identical JSON', async (slug) => {
    const imported = await http.post('/api/import', { body: seed(slug), expect: 201 });
    expect(imported.body.organisation).toBe(slug);
    const first = await http.get('/api/organisations/{slug}/export', { path: { slug }, expect: 200 });
    await http.post('/api/import', { query: { replace: true }, body: first.body, expect: 201 });
    const second = await http.get('/api/organisations/{slug}/export', { path: { slug }, expect: 200 });
    expect(second.raw.text).toBe(first.raw.text);
    // and the export holds the seed's content, whatever order the seed file used
    const original = seed(slug);
    for (const list of ['subcontractors', 'certificates', 'engagements', 'treatments'] as const) {
      const keys = (original[list] ?? []).map((r) => r.key).sort();
      expect((first.body[list] ?? []).map((r) => r.key)).toEqual(keys);
    }
  });

  it('rejects a bundle with one bad record, names its path, and writes nothing', async () => {
    const bundle = seed('omnidoc') as { organisation: { slug: string }; treatments: Record<string, unknown>[] };
    bundle.organisation.slug = 'omnidoc-copie';
    const bad = structuredClone(bundle);
    bad.treatments[2] = { ...bad.treatments[2], status: 'archived' };
    const res = await api.http().post('/api/import').send(bad).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.details).toContainEqual(expect.objectContaining({ field: 'treatments[2].status' }));
    await api.http().get('/api/organisations/omnidoc-copie').expect(404);
  });

  it('rejects dangling and duplicate keys inside a bundle with their paths', async () => {
    const bundle = seed('levy-nadlan') as {
      organisation: { slug: string };
      certificates: Record<string, unknown>[];
      subcontractors: { key: string }[];
    };
    bundle.organisation.slug = 'levy-copie';
    bundle.certificates[0] = { ...bundle.certificates[0], subcontractor: 'inconnu' };
    bundle.subcontractors.push({ ...bundle.subcontractors[0] });
    const res = await api.http().post('/api/import').send(bundle).expect(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'certificates[0].subcontractor',
        `subcontractors[${bundle.subcontractors.length - 1}].key`,
      ]),
    );
    await api.http().get('/api/organisations/levy-copie').expect(404);
  });

  it('keeps the existing organisation untouched when a replacing import is invalid', async () => {
    const path = { slug: 'desmos' };
    const before = await http.get('/api/organisations/{slug}/export', { path, expect: 200 });
    const bad = structuredClone(before.body);
    bad.engagements![0].processingCountries = ['ZZ'];
    const res = await http.post('/api/import', { query: { replace: true }, body: bad, expect: 400 });
    expect(res.body.details[0].field).toBe('engagements[0].processingCountries');
    const after = await http.get('/api/organisations/{slug}/export', { path, expect: 200 });
    expect(after.raw.text).toBe(before.raw.text);
  });

  it('answers 409 when the organisation exists and replace is not asked', async () => {
    const res = await http.post('/api/import', { body: seed('desmos'), expect: 409 });
    expect(res.body.details).toEqual([{ field: 'organisation.slug', problem: '"desmos" is already used' }]);
  });

  it('refuses a document that is not a bundle', async () => {
    const res = await api.http().post('/api/import').send({ hello: 'world' }).expect(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['format', 'version', 'organisation', 'hello']));
  });
});
