import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticBundle } from '../src/bench/synthetic';
import type { components } from './generated/api';
import { SEED_SLUGS, SEEDS, selectRows, startApi, TestApi } from './helpers';
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

describe('import of a new organisation, in batches', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => api.close());

  /** The trail of one organisation's creations: entity, key and what was written, in a stable order. */
  const creations = async (slug: string) =>
    (
      await selectRows<{ entity: string; entity_key: string; after: string; actor_id: string }>(
        api.databasePath,
        `SELECT a.entity, a.entity_key, a.after, a.actor_id FROM audit_log a JOIN organisations o ON o.id = a.organisation_id
         WHERE o.slug = $1 AND a.action = 'create'`,
        [slug],
      )
    )
      .map((r) => `${r.entity}\u0000${r.entity_key}\u0000${r.after}\u0000${r.actor_id}`)
      .sort();

  it('writes what the record-by-record path writes: the same export, the same audit rows', async () => {
    // 2 500 treatments: more rows than one multi-row insert holds, for records, uses and audit rows.
    const bundle = syntheticBundle(2500, 'batched');
    const created = await api.http().post('/api/import').send(bundle).expect(201);
    expect(created.body).toMatchObject({ replaced: false, counts: { treatments: 2500, subcontractors: 250 } });
    const batched = await api.http().get('/api/organisations/batched/export').expect(200);
    const batchedTrail = await creations('batched');
    const records = ['subcontractors', 'certificates', 'engagements', 'treatments', 'subprocessorChanges'] as const;
    expect(batchedTrail.length).toBe(records.reduce((n, list) => n + (bundle[list]?.length ?? 0), 0));

    // The same bundle replacing the organisation goes record by record (existence checks, deletes of links).
    const replaced = await api.http().post('/api/import?replace=true').send(bundle).expect(201);
    expect(replaced.body.replaced).toBe(true);
    const oneByOne = await api.http().get('/api/organisations/batched/export').expect(200);
    expect(oneByOne.text).toBe(batched.text);
    const both = await creations('batched');
    // Every creation written twice, identically: once per import.
    expect(both).toEqual([...batchedTrail, ...batchedTrail].sort());
    const uses = (batched.body as { treatments: { uses?: unknown[] }[] }).treatments.flatMap((t) => t.uses ?? []);
    expect(uses.length).toBe(bundle.treatments!.reduce((n, t) => n + (t.uses?.length ?? 0), 0));
  });

  it('still refuses a bundle that names what does not exist, and writes nothing', async () => {
    const bundle = syntheticBundle(30, 'batched-bad');
    bundle.treatments![5].uses = [{ engagement: 'e-nowhere' }];
    const res = await api.http().post('/api/import').send(bundle).expect(400);
    expect(res.body.details).toContainEqual(expect.objectContaining({ field: 'treatments[5].uses[0].engagement' }));
    await api.http().get('/api/organisations/batched-bad').expect(404);
  });
});
