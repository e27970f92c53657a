import { ENGINE, ORG, startApi, TestApi } from './helpers';
import { typedApi, TypedApi } from './typed-api';

describe('CRUD on every entity through HTTP (real SQLite)', () => {
  let api: TestApi;
  let http: TypedApi;
  const slug = ORG.slug;

  beforeAll(async () => {
    api = await startApi();
    http = typedApi(api.http);
  });
  afterAll(async () => api.close());

  it('creates, reads, lists, updates and deletes an organisation and each kind of record', async () => {
    const created = await http.post('/api/organisations', { body: ORG, expect: 201 });
    expect(created.body).toMatchObject({ slug: ORG.slug, name: ORG.name, roles: ['controller'] });
    expect(created.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // subcontractor
    const path = { slug };
    await http.post('/api/organisations/{slug}/subcontractors', {
      path,
      body: { key: 'ovh', name: 'OVH', country: 'FR', guarantees: [{ kind: 'hds', text: 'Certifié HDS' }] },
      expect: 201,
    });
    await http.post('/api/organisations/{slug}/subcontractors', {
      path,
      body: { key: 'partitio', name: 'Partitio', country: 'FR' },
      expect: 201,
    });
    const patchedSub = await http.patch('/api/organisations/{slug}/subcontractors/{key}', {
      path: { slug, key: 'ovh' },
      body: { parentGroup: 'OVH Groupe' },
      expect: 200,
    });
    expect(patchedSub.body).toMatchObject({ key: 'ovh', name: 'OVH', parentGroup: 'OVH Groupe' });

    // certificate
    const cert = await http.post('/api/organisations/{slug}/certificates', {
      path,
      body: {
        key: 'ovh-hds',
        subcontractor: 'ovh',
        kind: 'hds',
        hdsReferential: 'v2',
        hdsActivities: ['physical-sites', 'hardware'],
        validFrom: '2024-12-01',
        validTo: '2027-11-30',
      },
      expect: 201,
    });
    expect(cert.body).toMatchObject({ subcontractor: 'ovh', hdsActivities: ['physical-sites', 'hardware'] });
    const certPatched = await http.patch('/api/organisations/{slug}/certificates/{key}', {
      path: { slug, key: 'ovh-hds' },
      body: { validTo: '2027-12-31' },
      expect: 200,
    });
    expect(certPatched.body.validTo).toBe('2027-12-31');

    // engagements, one of them a chain link (partitio engaged by ovh)
    await http.post('/api/organisations/{slug}/engagements', {
      path,
      body: { key: 'ovh-hosting', provider: 'ovh', processingCountries: ['FR'], breachNoticeHours: 48 },
      expect: 201,
    });
    const chain = await http.post('/api/organisations/{slug}/engagements', {
      path,
      body: { key: 'partitio-ops', provider: 'partitio', client: 'ovh', hdsActivities: ['administration-operation'] },
      expect: 201,
    });
    expect(chain.body).toMatchObject({ provider: 'partitio', client: 'ovh' });

    // treatment relying on both engagements
    const treatment = await http.post('/api/organisations/{slug}/treatments', {
      path,
      body: {
        key: 'dossier-patient',
        name: 'Dossier patient',
        role: 'controller',
        purposes: ['Suivi médical'],
        dataCategories: [{ category: 'health', label: 'Données de santé', health: true, article9: true }],
        uses: [{ engagement: 'ovh-hosting', purpose: 'hébergement' }, { engagement: 'partitio-ops' }],
      },
      expect: 201,
    });
    expect(treatment.body.status).toBe('active');
    expect(treatment.body.uses).toEqual([
      { engagement: 'ovh-hosting', purpose: 'hébergement' },
      { engagement: 'partitio-ops' },
    ]);
    const treatmentPatched = await http.patch('/api/organisations/{slug}/treatments/{key}', {
      path: { slug, key: 'dossier-patient' },
      body: { status: 'retired', uses: [{ engagement: 'partitio-ops' }] },
      expect: 200,
    });
    expect(treatmentPatched.body).toMatchObject({ status: 'retired', uses: [{ engagement: 'partitio-ops' }] });

    // sub-processor change
    await http.post('/api/organisations/{slug}/subprocessor-changes', {
      path,
      body: {
        key: 'add-partitio',
        engagement: 'ovh-hosting',
        subprocessor: 'partitio',
        kind: 'addition',
        noticeReceivedAt: '2026-03-02T10:00:00+01:00',
        plannedEffectiveOn: '2026-04-01',
      },
      expect: 201,
    });
    const objected = await http.patch('/api/organisations/{slug}/subprocessor-changes/{key}', {
      path: { slug, key: 'add-partitio' },
      body: { objection: { at: '2026-03-10T09:00:00+01:00', reason: 'pas de certification HDS' } },
      expect: 200,
    });
    expect(objected.body.objection?.reason).toBe('pas de certification HDS');

    // lists come back ordered by key
    const list = await http.get('/api/organisations/{slug}/engagements', { path, expect: 200 });
    expect(list.body.map((e) => e.key)).toEqual(['ovh-hosting', 'partitio-ops']);

    // organisation update
    const org = await http.patch('/api/organisations/{slug}', {
      path,
      body: { settings: { expiryHorizonDays: 60 } },
      expect: 200,
    });
    expect(org.body.settings).toEqual({ expiryHorizonDays: 60 });

    // deletes, in dependency order; each record is gone afterwards
    const key = (k: string) => ({ path: { slug, key: k }, expect: 204 as const });
    const gone = (k: string) => ({ path: { slug, key: k }, expect: 404 as const });
    await http.delete('/api/organisations/{slug}/subprocessor-changes/{key}', key('add-partitio'));
    await http.get('/api/organisations/{slug}/subprocessor-changes/{key}', gone('add-partitio'));
    await http.delete('/api/organisations/{slug}/treatments/{key}', key('dossier-patient'));
    await http.get('/api/organisations/{slug}/treatments/{key}', gone('dossier-patient'));
    for (const k of ['partitio-ops', 'ovh-hosting']) {
      await http.delete('/api/organisations/{slug}/engagements/{key}', key(k));
      await http.get('/api/organisations/{slug}/engagements/{key}', gone(k));
    }
    await http.delete('/api/organisations/{slug}/certificates/{key}', key('ovh-hds'));
    await http.get('/api/organisations/{slug}/certificates/{key}', gone('ovh-hds'));
    for (const k of ['partitio', 'ovh']) {
      await http.delete('/api/organisations/{slug}/subcontractors/{key}', key(k));
      await http.get('/api/organisations/{slug}/subcontractors/{key}', gone(k));
    }
    await http.delete('/api/organisations/{slug}', { path, expect: 204 });
    await http.get('/api/organisations/{slug}', { path, expect: 404 });
  });

  it('deletes an organisation with everything it holds', async () => {
    const path = { slug: 'a-supprimer' };
    await http.post('/api/organisations', { body: { ...ORG, slug: 'a-supprimer' }, expect: 201 });
    await http.post('/api/organisations/{slug}/subcontractors', { path, body: { key: 's', name: 'S' }, expect: 201 });
    await http.post('/api/organisations/{slug}/engagements', { path, body: { key: 'e', provider: 's' }, expect: 201 });
    await http.post('/api/organisations/{slug}/treatments', {
      path,
      body: { key: 't', name: 'T', role: 'controller', uses: [{ engagement: 'e' }] },
      expect: 201,
    });
    await http.delete('/api/organisations/{slug}', { path, expect: 204 });
    await http.get('/api/organisations/{slug}/treatments', { path, expect: 404 });
  });

  it('answers health and serves the OpenAPI document', async () => {
    const health = await http.get('/api/health', { expect: 200 });
    expect(health.body).toEqual({ status: 'ok', database: ENGINE === 'postgres' ? 'postgres' : 'better-sqlite3' });
    const docs = await api.http().get('/api/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/organisations/{slug}/treatments',
        '/api/organisations/{slug}/certificates/{key}',
        '/api/organisations/{slug}/export',
        '/api/import',
      ]),
    );
    expect(docs.body.components.schemas.CreateCertificateDto.properties.hdsActivities).toBeDefined();
  });
});
