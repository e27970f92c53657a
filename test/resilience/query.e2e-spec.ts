import { ORG, startApi, TestApi } from '../helpers';

/**
 * Issue 11 defect 7: query values were not validated (`asOf=garbage` answered 500, `2026-13-45` was
 * read as 2027-02-14, an instant without offset was read in the server's zone, `replace=maybe` as
 * false). Every query parameter is now validated like a body field, and unknown ones are refused.
 */
describe('query values are validated like body fields', () => {
  let api: TestApi;
  const org = `/api/organisations/${ORG.slug}`;
  const routes: { method: 'get' | 'post' | 'patch' | 'put' | 'delete'; path: string }[] = [];

  beforeAll(async () => {
    api = await startApi({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    await api.http().post('/api/organisations').send(ORG).expect(201);
    await api
      .http()
      .post(`${org}/breaches`)
      .send({ key: 'b', title: 'Fuite', riskLevel: 'risk', organisationAwareAt: '2026-05-01T10:00:00+02:00' })
      .expect(201);
    const docs = (await api.anonymous().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const [path, ops] of Object.entries(docs.paths)) {
      for (const method of Object.keys(ops) as (typeof routes)[number]['method'][]) {
        routes.push({
          method,
          path: path
            .replace('{slug}', ORG.slug)
            .replace('{number}', '1')
            .replace(/\{\w+\}/g, 'x'),
        });
      }
    }
  });
  afterAll(async () => api.close());

  /** The fields named, each once (a value may break several constraints). */
  const fields = (res: { body: { details: { field: string }[] } }) => [
    ...new Set(res.body.details.map((d) => d.field)),
  ];

  it.each([
    ['garbage', 'a word'],
    ['2026-13-45', 'an impossible day'],
    ['2026-02-29', 'a day of a common year'],
    ['2026-05-01T10:00:00', 'an instant without offset'],
    ['2026-05-01 10:00:00+02:00', 'an instant with a space'],
    ['', 'nothing'],
  ])('refuses asOf=%j (%s) on the breach timeline with 400 naming asOf', async (asOf) => {
    const res = await api
      .http()
      .get(`${org}/breaches/b/timeline?asOf=${encodeURIComponent(asOf)}`)
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(fields(res)).toEqual(['asOf']);
  });

  it('reads a day as its end and an instant with its offset on the breach timeline', async () => {
    const day = (await api.http().get(`${org}/breaches/b/timeline?asOf=2026-05-02`).expect(200)).body;
    expect(day.at).toBe('2026-05-03T00:00:00+02:00');
    const instant = (await api.http().get(`${org}/breaches/b/timeline?asOf=2026-05-02T10:00:00Z`).expect(200)).body;
    expect(Date.parse(instant.at)).toBe(Date.parse('2026-05-02T10:00:00Z'));
  });

  it.each([
    `${org}/findings`,
    `${org}/calendar.ics`,
    `${org}/documents/register.html`,
    `${org}/breaches/b/report.html`,
    `${org}/subprocessor-changes/x/window`,
  ])('refuses an impossible asOf on %s', async (path) => {
    const res = await api.http().get(`${path}?asOf=2026-13-45`).expect(400);
    expect(fields(res)).toEqual(['asOf']);
  });

  it('refuses an impossible asOf on the alert scan, and a repeated one', async () => {
    expect(fields(await api.http().post(`${org}/alerts/scan?asOf=garbage`).expect(400))).toEqual(['asOf']);
    expect(fields(await api.http().get(`${org}/findings?asOf=2026-06-01&asOf=2026-06-02`).expect(400))).toEqual([
      'asOf',
    ]);
  });

  it('refuses replace=maybe on import (and reads replace=true)', async () => {
    const bundle = { format: 'registre-bundle', version: 1, organisation: { ...ORG, slug: 'import-q' } };
    await api.http().post('/api/import').send(bundle).expect(201);
    const maybe = await api.http().post('/api/import?replace=maybe').send(bundle).expect(400);
    expect(fields(maybe)).toEqual(['replace']);
    await api.http().post('/api/import?replace=false').send(bundle).expect(409);
    await api.http().post('/api/import?replace=true').send(bundle).expect(201);
  });

  it('refuses bad audit filters and version numbers, naming them', async () => {
    expect(fields(await api.http().get(`${org}/audit?from=2026-01-01T00:00:00`).expect(400))).toEqual(['from']);
    expect(fields(await api.http().get(`${org}/audit?limit=abc`).expect(400))).toEqual(['limit']);
    expect(fields(await api.http().get(`${org}/versions/abc`).expect(400))).toEqual(['number']);
    expect(fields(await api.http().get(`${org}/versions/-1/register.pdf`).expect(400))).toEqual(['number']);
    expect(fields(await api.http().get(`${org}/versions/diff?from=1&to=two`).expect(400))).toEqual(['to']);
    expect(fields(await api.http().get('/api/rules?lang=de').expect(400))).toEqual(['lang']);
  });

  it('refuses an unknown query parameter on every route, like an unknown body field', async () => {
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) {
      const res = await api.http()[route.method](`${route.path}?bogus=1`).send({});
      expect({
        route: `${route.method} ${route.path}`,
        status: res.status,
        named: fields(res).includes('bogus'),
      }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 400,
        named: true,
      });
    }
  });
});
