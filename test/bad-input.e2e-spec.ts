import { ORG, startApi, TestApi } from './helpers';

interface Case {
  name: string;
  method: 'post' | 'patch';
  path: string;
  body: unknown;
  raw?: string;
  status: number;
  code: string;
  field?: string;
}

const base = `/api/organisations/${ORG.slug}`;
const longText = 'x'.repeat(301);

/** Every case is a user's mistake: a 4xx naming the field, never a 500, and nothing written. */
const CASES: Case[] = [
  {
    name: 'wrong type',
    method: 'post',
    path: `${base}/engagements`,
    body: { key: 'e2', provider: 'ovh', breachNoticeHours: '48' },
    status: 400,
    code: 'validation_failed',
    field: 'breachNoticeHours',
  },
  {
    name: 'unknown field',
    method: 'post',
    path: `${base}/subcontractors`,
    body: { key: 's2', name: 'S2', country: 'FR', isEvil: true },
    status: 400,
    code: 'validation_failed',
    field: 'isEvil',
  },
  {
    name: 'unknown nested field',
    method: 'post',
    path: `${base}/treatments`,
    body: { key: 't2', name: 'T', role: 'controller', dataCategories: [{ category: 'identity', label: 'Nom', x: 1 }] },
    status: 400,
    code: 'validation_failed',
    field: 'dataCategories[0].x',
  },
  {
    name: 'malformed JSON',
    method: 'post',
    path: `${base}/subcontractors`,
    body: undefined,
    raw: '{"key": "s3", "name": ',
    status: 400,
    code: 'malformed_json',
    field: '(body)',
  },
  {
    name: 'impossible date',
    method: 'post',
    path: `${base}/certificates`,
    body: { key: 'c2', subcontractor: 'ovh', kind: 'hds', validFrom: '2025-02-30' },
    status: 400,
    code: 'validation_failed',
    field: 'validFrom',
  },
  {
    name: 'date in another format',
    method: 'post',
    path: `${base}/certificates`,
    body: { key: 'c2', subcontractor: 'ovh', kind: 'hds', validTo: '31/12/2027' },
    status: 400,
    code: 'validation_failed',
    field: 'validTo',
  },
  {
    name: 'valid-to before valid-from',
    method: 'post',
    path: `${base}/certificates`,
    body: { key: 'c2', subcontractor: 'ovh', kind: 'iso-27001', validFrom: '2025-01-01', validTo: '2024-12-31' },
    status: 400,
    code: 'validation_failed',
    field: 'validTo',
  },
  {
    name: 'valid-to before valid-from through a PATCH (checked on the merged record)',
    method: 'patch',
    path: `${base}/certificates/ovh-hds`,
    body: { validTo: '2020-01-01' },
    status: 400,
    code: 'validation_failed',
    field: 'validTo',
  },
  {
    name: 'unknown country',
    method: 'post',
    path: `${base}/subcontractors`,
    body: { key: 's4', name: 'S4', country: 'XX' },
    status: 400,
    code: 'validation_failed',
    field: 'country',
  },
  {
    name: 'country in lower case / not alpha-2',
    method: 'post',
    path: `${base}/engagements`,
    body: { key: 'e3', provider: 'ovh', processingCountries: ['FR', 'usa'] },
    status: 400,
    code: 'validation_failed',
    field: 'processingCountries',
  },
  {
    name: 'unknown HDS activity',
    method: 'post',
    path: `${base}/certificates`,
    body: { key: 'c3', subcontractor: 'ovh', kind: 'hds', hdsActivities: ['hardware', 'couche-7'] },
    status: 400,
    code: 'validation_failed',
    field: 'hdsActivities',
  },
  {
    name: 'duplicate slug',
    method: 'post',
    path: '/api/organisations',
    body: ORG,
    status: 409,
    code: 'conflict',
    field: 'slug',
  },
  {
    name: 'duplicate key',
    method: 'post',
    path: `${base}/subcontractors`,
    body: { key: 'ovh', name: 'OVH bis', country: 'FR' },
    status: 409,
    code: 'conflict',
    field: 'key',
  },
  {
    name: 'dangling reference',
    method: 'post',
    path: `${base}/engagements`,
    body: { key: 'e4', provider: 'nobody' },
    status: 400,
    code: 'invalid_reference',
    field: 'provider',
  },
  {
    name: 'dangling reference in a list',
    method: 'post',
    path: `${base}/treatments`,
    body: { key: 't3', name: 'T3', role: 'controller', uses: [{ engagement: 'ovh-hosting' }, { engagement: 'ghost' }] },
    status: 400,
    code: 'invalid_reference',
    field: 'uses[1].engagement',
  },
  {
    name: 'oversized string',
    method: 'post',
    path: `${base}/subcontractors`,
    body: { key: 's5', name: longText, country: 'FR' },
    status: 400,
    code: 'validation_failed',
    field: 'name',
  },
  {
    name: 'enum value outside the vocabulary',
    method: 'post',
    path: `${base}/treatments`,
    body: { key: 't4', name: 'T4', role: 'owner' },
    status: 400,
    code: 'validation_failed',
    field: 'role',
  },
  {
    name: 'invalid key',
    method: 'post',
    path: `${base}/subcontractors`,
    body: { key: 'Not A Key', name: 'S6', country: 'FR' },
    status: 400,
    code: 'validation_failed',
    field: 'key',
  },
  {
    name: 'instant without offset',
    method: 'post',
    path: `${base}/subprocessor-changes`,
    body: {
      key: 'ch',
      engagement: 'ovh-hosting',
      subprocessor: 'ovh',
      kind: 'addition',
      noticeReceivedAt: '2026-03-02T10:00:00',
    },
    status: 400,
    code: 'validation_failed',
    field: 'noticeReceivedAt',
  },
  {
    name: 'a subcontractor engaging itself',
    method: 'post',
    path: `${base}/engagements`,
    body: { key: 'e5', provider: 'ovh', client: 'ovh' },
    status: 400,
    code: 'validation_failed',
    field: 'client',
  },
  {
    name: 'missing required field',
    method: 'post',
    path: `${base}/treatments`,
    body: { key: 't5', role: 'controller' },
    status: 400,
    code: 'validation_failed',
    field: 'name',
  },
  {
    name: 'clearing a required field through PATCH',
    method: 'patch',
    path: `${base}/subcontractors/ovh`,
    body: { name: null },
    status: 400,
    code: 'validation_failed',
    field: 'name',
  },
  {
    name: 'negative hours',
    method: 'post',
    path: `${base}/engagements`,
    body: { key: 'e6', provider: 'ovh', breachNoticeHours: -1 },
    status: 400,
    code: 'validation_failed',
    field: 'breachNoticeHours',
  },
  {
    name: 'bad e-mail in a contact',
    method: 'patch',
    path: `/api/organisations/${ORG.slug}`,
    body: { dpo: { email: 'not-an-email' } },
    status: 400,
    code: 'validation_failed',
    field: 'dpo.email',
  },
  {
    name: 'slug change is not allowed',
    method: 'patch',
    path: `/api/organisations/${ORG.slug}`,
    body: { slug: 'other' },
    status: 400,
    code: 'validation_failed',
    field: 'slug',
  },
];

describe('bad input: a clear 4xx naming the field, and nothing written', () => {
  let api: TestApi;
  let snapshot: unknown;
  const exportOrg = async () => (await api.http().get(`${base}/export`).expect(200)).body as unknown;

  beforeAll(async () => {
    api = await startApi();
    await api.http().post('/api/organisations').send(ORG).expect(201);
    await api.http().post(`${base}/subcontractors`).send({ key: 'ovh', name: 'OVH', country: 'FR' }).expect(201);
    await api
      .http()
      .post(`${base}/certificates`)
      .send({ key: 'ovh-hds', subcontractor: 'ovh', kind: 'hds', validFrom: '2024-01-01', validTo: '2026-12-31' })
      .expect(201);
    await api.http().post(`${base}/engagements`).send({ key: 'ovh-hosting', provider: 'ovh' }).expect(201);
    snapshot = await exportOrg();
  });
  afterAll(async () => api.close());

  it('covers at least 15 distinct mistakes', () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBeGreaterThanOrEqual(15);
  });

  it.each(CASES)('$name → $status $code', async (c) => {
    let req = api.http()[c.method](c.path);
    if (c.raw !== undefined) req = req.set('content-type', 'application/json').send(c.raw);
    else req = req.send(c.body as object);
    const res = await req;
    expect(res.status).toBe(c.status);
    expect(res.body).toMatchObject({ statusCode: c.status, code: c.code });
    expect(typeof res.body.message).toBe('string');
    if (c.field) expect(res.body.details.map((d: { field: string }) => d.field)).toContain(c.field);
    expect(await exportOrg()).toEqual(snapshot);
    const orgs = await api.http().get('/api/organisations').expect(200);
    expect(orgs.body.map((o: { slug: string }) => o.slug)).toEqual([ORG.slug]);
  });

  it('answers 404 for an unknown slug and an unknown key, in the same error shape', async () => {
    const slug = await api.http().get('/api/organisations/nobody/treatments').expect(404);
    expect(slug.body).toMatchObject({ statusCode: 404, code: 'not_found' });
    const key = await api.http().get(`${base}/certificates/nothing`).expect(404);
    expect(key.body.message).toContain('nothing');
    await api.http().patch(`${base}/engagements/nothing`).send({ notes: 'x' }).expect(404);
    await api.http().delete(`${base}/subcontractors/nothing`).expect(404);
  });

  it('refuses to delete a record others still refer to, naming them (409)', async () => {
    const res = await api.http().delete(`${base}/subcontractors/ovh`).expect(409);
    expect(res.body.details.map((d: { problem: string }) => d.problem)).toEqual(
      expect.arrayContaining(['used by certificate "ovh-hds"', 'used by engagement "ovh-hosting"']),
    );
    expect(await exportOrg()).toEqual(snapshot);
  });
});
