import { ENGINE, ORG, startApi, TestApi } from './helpers';

describe('CRUD on every entity through HTTP (real SQLite)', () => {
  let api: TestApi;
  const base = `/api/organisations/${ORG.slug}`;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => api.close());

  it('creates, reads, lists, updates and deletes an organisation and each kind of record', async () => {
    const created = await api.http().post('/api/organisations').send(ORG).expect(201);
    expect(created.body).toMatchObject({ slug: ORG.slug, name: ORG.name, roles: ['controller'] });
    expect(created.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // subcontractor
    await api
      .http()
      .post(`${base}/subcontractors`)
      .send({ key: 'ovh', name: 'OVH', country: 'FR', guarantees: [{ kind: 'hds', text: 'Certifié HDS' }] })
      .expect(201);
    await api
      .http()
      .post(`${base}/subcontractors`)
      .send({ key: 'partitio', name: 'Partitio', country: 'FR' })
      .expect(201);
    const patchedSub = await api
      .http()
      .patch(`${base}/subcontractors/ovh`)
      .send({ parentGroup: 'OVH Groupe' })
      .expect(200);
    expect(patchedSub.body).toMatchObject({ key: 'ovh', name: 'OVH', parentGroup: 'OVH Groupe' });

    // certificate
    const cert = await api
      .http()
      .post(`${base}/certificates`)
      .send({
        key: 'ovh-hds',
        subcontractor: 'ovh',
        kind: 'hds',
        hdsReferential: 'v2',
        hdsActivities: ['physical-sites', 'hardware'],
        validFrom: '2024-12-01',
        validTo: '2027-11-30',
      })
      .expect(201);
    expect(cert.body).toMatchObject({ subcontractor: 'ovh', hdsActivities: ['physical-sites', 'hardware'] });
    const certPatched = await api
      .http()
      .patch(`${base}/certificates/ovh-hds`)
      .send({ validTo: '2027-12-31' })
      .expect(200);
    expect(certPatched.body.validTo).toBe('2027-12-31');

    // engagements, one of them a chain link (partitio engaged by ovh)
    await api
      .http()
      .post(`${base}/engagements`)
      .send({ key: 'ovh-hosting', provider: 'ovh', processingCountries: ['FR'], breachNoticeHours: 48 })
      .expect(201);
    const chain = await api
      .http()
      .post(`${base}/engagements`)
      .send({ key: 'partitio-ops', provider: 'partitio', client: 'ovh', hdsActivities: ['administration-operation'] })
      .expect(201);
    expect(chain.body).toMatchObject({ provider: 'partitio', client: 'ovh' });

    // treatment relying on both engagements
    const treatment = await api
      .http()
      .post(`${base}/treatments`)
      .send({
        key: 'dossier-patient',
        name: 'Dossier patient',
        role: 'controller',
        purposes: ['Suivi médical'],
        dataCategories: [{ category: 'health', label: 'Données de santé', health: true, article9: true }],
        uses: [{ engagement: 'ovh-hosting', purpose: 'hébergement' }, { engagement: 'partitio-ops' }],
      })
      .expect(201);
    expect(treatment.body.status).toBe('active');
    expect(treatment.body.uses).toEqual([
      { engagement: 'ovh-hosting', purpose: 'hébergement' },
      { engagement: 'partitio-ops' },
    ]);
    const treatmentPatched = await api
      .http()
      .patch(`${base}/treatments/dossier-patient`)
      .send({ status: 'retired', uses: [{ engagement: 'partitio-ops' }] })
      .expect(200);
    expect(treatmentPatched.body).toMatchObject({ status: 'retired', uses: [{ engagement: 'partitio-ops' }] });

    // sub-processor change
    await api
      .http()
      .post(`${base}/subprocessor-changes`)
      .send({
        key: 'add-partitio',
        engagement: 'ovh-hosting',
        subprocessor: 'partitio',
        kind: 'addition',
        noticeReceivedAt: '2026-03-02T10:00:00+01:00',
        plannedEffectiveOn: '2026-04-01',
      })
      .expect(201);
    const objected = await api
      .http()
      .patch(`${base}/subprocessor-changes/add-partitio`)
      .send({ objection: { at: '2026-03-10T09:00:00+01:00', reason: 'pas de certification HDS' } })
      .expect(200);
    expect(objected.body.objection.reason).toBe('pas de certification HDS');

    // lists come back ordered by key
    const list = await api.http().get(`${base}/engagements`).expect(200);
    expect(list.body.map((e: { key: string }) => e.key)).toEqual(['ovh-hosting', 'partitio-ops']);

    // organisation update
    const org = await api
      .http()
      .patch(`/api/organisations/${ORG.slug}`)
      .send({ settings: { expiryHorizonDays: 60 } })
      .expect(200);
    expect(org.body.settings).toEqual({ expiryHorizonDays: 60 });

    // deletes, in dependency order; each record is gone afterwards
    for (const [path, key] of [
      ['subprocessor-changes', 'add-partitio'],
      ['treatments', 'dossier-patient'],
      ['engagements', 'partitio-ops'],
      ['engagements', 'ovh-hosting'],
      ['certificates', 'ovh-hds'],
      ['subcontractors', 'partitio'],
      ['subcontractors', 'ovh'],
    ]) {
      await api.http().delete(`${base}/${path}/${key}`).expect(204);
      await api.http().get(`${base}/${path}/${key}`).expect(404);
    }
    await api.http().delete(`/api/organisations/${ORG.slug}`).expect(204);
    await api.http().get(`/api/organisations/${ORG.slug}`).expect(404);
  });

  it('deletes an organisation with everything it holds', async () => {
    await api
      .http()
      .post('/api/organisations')
      .send({ ...ORG, slug: 'a-supprimer' })
      .expect(201);
    await api.http().post('/api/organisations/a-supprimer/subcontractors').send({ key: 's', name: 'S' }).expect(201);
    await api.http().post('/api/organisations/a-supprimer/engagements').send({ key: 'e', provider: 's' }).expect(201);
    await api
      .http()
      .post('/api/organisations/a-supprimer/treatments')
      .send({ key: 't', name: 'T', role: 'controller', uses: [{ engagement: 'e' }] })
      .expect(201);
    await api.http().delete('/api/organisations/a-supprimer').expect(204);
    await api.http().get('/api/organisations/a-supprimer/treatments').expect(404);
  });

  it('answers health and serves the OpenAPI document', async () => {
    const health = await api.http().get('/api/health').expect(200);
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
