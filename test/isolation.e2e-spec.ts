import { ORG, startApi, TestApi } from './helpers';

describe('organisation isolation', () => {
  let api: TestApi;
  const a = `/api/organisations/${ORG.slug}`;
  const b = '/api/organisations/autre-org';

  beforeAll(async () => {
    api = await startApi();
    await api.http().post('/api/organisations').send(ORG).expect(201);
    await api
      .http()
      .post('/api/organisations')
      .send({ ...ORG, slug: 'autre-org', name: 'Autre' })
      .expect(201);
    await api.http().post(`${a}/subcontractors`).send({ key: 'ovh', name: 'OVH', country: 'FR' }).expect(201);
    await api.http().post(`${a}/engagements`).send({ key: 'ovh-hosting', provider: 'ovh' }).expect(201);
    await api
      .http()
      .post(`${a}/treatments`)
      .send({ key: 'secret', name: 'Secret', role: 'controller', uses: [{ engagement: 'ovh-hosting' }] })
      .expect(201);
  });
  afterAll(async () => api.close());

  it("never shows one organisation's records through another's URL", async () => {
    for (const [path, patch] of [
      ['subcontractors/ovh', { name: 'volé' }],
      ['engagements/ovh-hosting', { notes: 'volé' }],
      ['treatments/secret', { name: 'volé' }],
    ] as const) {
      await api.http().get(`${b}/${path}`).expect(404);
      await api.http().patch(`${b}/${path}`).send(patch).expect(404);
      await api.http().delete(`${b}/${path}`).expect(404);
    }
    for (const list of ['subcontractors', 'engagements', 'treatments', 'certificates', 'subprocessor-changes']) {
      const res = await api.http().get(`${b}/${list}`).expect(200);
      expect(res.body).toEqual([]);
    }
    const exported = await api.http().get(`${b}/export`).expect(200);
    expect(exported.body.treatments).toEqual([]);
    const untouched = await api.http().get(`${a}/treatments/secret`).expect(200);
    expect(untouched.body.name).toBe('Secret');
  });

  it("refuses references to another organisation's records", async () => {
    const res = await api.http().post(`${b}/engagements`).send({ key: 'x', provider: 'ovh' }).expect(400);
    expect(res.body.details).toEqual([
      { field: 'provider', problem: 'no subcontractor with key "ovh" in this organisation' },
    ]);
    await api
      .http()
      .post(`${b}/treatments`)
      .send({ key: 't', name: 'T', role: 'controller', uses: [{ engagement: 'ovh-hosting' }] })
      .expect(400);
  });

  it('lets two organisations use the same keys independently', async () => {
    await api.http().post(`${b}/subcontractors`).send({ key: 'ovh', name: 'OVH pour B', country: 'FR' }).expect(201);
    const inA = await api.http().get(`${a}/subcontractors/ovh`).expect(200);
    const inB = await api.http().get(`${b}/subcontractors/ovh`).expect(200);
    expect([inA.body.name, inB.body.name]).toEqual(['OVH', 'OVH pour B']);
  });
});
