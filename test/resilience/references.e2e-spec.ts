import { ORG, startApi, TestApi } from '../helpers';

/**
 * Issue 11, defect 2: every reference is checked on every write path, so that the organisation's own
 * export always imports again (breaches used to name missing treatments and subcontractors).
 */
describe('references are checked on every write path', () => {
  let api: TestApi;
  const base = `/api/organisations/${ORG.slug}`;
  const breach = {
    key: 'fuite',
    title: 'Fuite de données',
    riskLevel: 'risk',
    organisationAwareAt: '2026-03-02T10:00:00+01:00',
  };

  beforeAll(async () => {
    api = await startApi();
    await api.http().post('/api/organisations').send(ORG).expect(201);
    await api.http().post(`${base}/subcontractors`).send({ key: 'ovh', name: 'OVH', country: 'FR' }).expect(201);
    await api.http().post(`${base}/treatments`).send({ key: 'dossier', name: 'Dossier patient', role: 'controller' });
  });
  afterAll(() => api.close());

  it.each([
    [
      'a missing treatment',
      { treatments: ['ghost'] },
      'treatments[0]',
      'no treatment with key "ghost" in this organisation',
    ],
    [
      'a missing discoverer',
      { discoveredBy: 'ghost' },
      'discoveredBy',
      'no subcontractor with key "ghost" in this organisation',
    ],
    [
      'a missing aware provider',
      { providerAwareness: [{ subcontractor: 'ghost', at: '2026-03-01T10:00:00+01:00' }] },
      'providerAwareness[0].subcontractor',
      'no subcontractor with key "ghost" in this organisation',
    ],
    [
      'a missing notifying party',
      { notifications: [{ from: 'ghost', to: 'organisation', at: '2026-03-01T12:00:00+01:00' }] },
      'notifications[0].from',
      'no subcontractor with key "ghost" in this organisation',
    ],
    [
      'a treatment listed twice',
      { treatments: ['dossier', 'dossier'] },
      'treatments[1]',
      'treatment "dossier" is listed twice',
    ],
  ])(
    'a breach naming %s is refused with 400 invalid_reference and nothing is written',
    async (_, extra, field, problem) => {
      const res = await api
        .http()
        .post(`${base}/breaches`)
        .send({ ...breach, ...extra })
        .expect(400);
      expect(res.body).toMatchObject({ code: 'invalid_reference', details: [{ field, problem }] });
      await api.http().get(`${base}/breaches/fuite`).expect(404);
    },
  );

  it('refuses a change that would make a stored breach dangle, and an update that names nothing', async () => {
    await api
      .http()
      .post(`${base}/breaches`)
      .send({
        ...breach,
        discoveredBy: 'ovh',
        treatments: ['dossier'],
        notifications: [{ from: 'ovh', to: 'organisation', at: '2026-03-02T09:00:00+01:00' }],
      })
      .expect(201);
    const patch = await api
      .http()
      .patch(`${base}/breaches/fuite`)
      .send({ treatments: ['nope'] })
      .expect(400);
    expect(patch.body.code).toBe('invalid_reference');

    const treatment = await api.http().delete(`${base}/treatments/dossier`).expect(409);
    expect(treatment.body.details).toEqual([{ field: 'treatments[]', problem: 'used by breach "fuite"' }]);
    const provider = await api.http().delete(`${base}/subcontractors/ovh`).expect(409);
    expect(provider.body.details.map((d: { problem: string }) => d.problem)).toEqual([
      'used by breach "fuite"',
      'used by breach "fuite"',
    ]);

    // The export still imports: the organisation's own backup restores.
    const exported = await api.http().get(`${base}/export`).expect(200);
    await api.http().post('/api/import?replace=true').send(exported.body).expect(201);
    const again = await api.http().get(`${base}/export`).expect(200);
    expect(again.body).toEqual(exported.body);
  });
});
