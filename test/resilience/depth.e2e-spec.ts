import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, executeSql, ORG, startApi, TestApi } from '../helpers';

/**
 * Issue 11 defect 6: JSON nested 3 000 levels deep answered 500 on every write route and on import
 * (RangeError in validation); an 8 000-long sub-processor chain was accepted, then findings, documents
 * and the calendar answered 500 and the alert scan found nothing.
 */
const DEPTH = 3000;
const deepJson = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;

/** A bundle whose sub-processing chain runs n levels deep: org → s0 → s1 → … → s{n-1}. */
function chainBundle(
  slug: string,
  n: number,
  client: (i: number) => string | undefined = (i) => (i ? `s${i - 1}` : undefined),
) {
  return {
    format: 'registre-bundle',
    version: 1,
    organisation: { ...ORG, slug },
    subcontractors: Array.from({ length: n }, (_, i) => ({ key: `s${i}`, name: `S${i}`, country: 'FR' })),
    certificates: [
      {
        key: 'deep-iso',
        subcontractor: `s${n - 1}`,
        kind: 'iso-27001',
        validFrom: '2024-01-01',
        validTo: '2026-06-20',
      },
    ],
    engagements: Array.from({ length: n }, (_, i) => ({ key: `e${i}`, provider: `s${i}`, client: client(i) })),
    treatments: [{ key: 't', name: 'Dossier patient', role: 'controller', uses: [{ engagement: 'e0' }] }],
  };
}

describe('depth: deep JSON is refused before validation, long chains are walked without recursion', () => {
  let api: TestApi;
  let writeRoutes: { method: 'post' | 'patch' | 'put'; path: string }[] = [];

  beforeAll(async () => {
    api = await startApi({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    await api.http().post('/api/organisations').send(ORG).expect(201);
    const docs = (await api.anonymous().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    writeRoutes = Object.entries(docs.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m): m is 'post' | 'patch' | 'put' => ['post', 'patch', 'put'].includes(m))
        .map((method) => ({
          method,
          path: path.replace('{slug}', ORG.slug).replace(/\{\w+\}/g, 'x'),
        })),
    );
  });
  afterAll(async () => api.close());

  it(`answers 400 naming the field to a body ${DEPTH} levels deep, on every write route and on import`, async () => {
    expect(writeRoutes.length).toBeGreaterThan(15);
    expect(writeRoutes.map((r) => r.path)).toContain('/api/import');
    for (const route of writeRoutes) {
      const res = await api.http()[route.method](route.path).set('Content-Type', 'application/json').send(deepJson);
      expect({ route: `${route.method} ${route.path}`, status: res.status, code: res.body.code }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 400,
        code: 'validation_failed',
      });
      expect(res.body.details[0]).toEqual({
        field: Array(32).fill('a').join('.'),
        problem: 'nests deeper than 32 levels',
      });
    }
  });

  it('refuses a bundle file nested too deep at the command line (exit 1, field named)', () => {
    const file = join(api.dir, 'deep.json');
    writeFileSync(file, deepJson);
    const res = cli(['import', file], api.databasePath);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('nests deeper than 32 levels');
  });

  it('refuses an 8 000-long chain on import with the engagement named, and writes nothing', async () => {
    const res = await api.http().post('/api/import').send(chainBundle('chaine', 8000)).expect(400);
    expect(res.body.details).toEqual([
      { field: 'engagements[20].client', problem: 'makes the sub-processing chain deeper than 20 levels (s19 → s20)' },
    ]);
    await api.http().get('/api/organisations/chaine').expect(404);
  });

  it('refuses a loop in the chain on import and on every write', async () => {
    const looped = chainBundle('boucle', 3, (i) => (i ? `s${i - 1}` : undefined));
    looped.engagements.push({ key: 'back', provider: 's0', client: 's2' });
    const res = await api.http().post('/api/import').send(looped).expect(400);
    expect(res.body.details[0].field).toBe('engagements[3].client');
    expect(res.body.details[0].problem).toContain('loop');

    await api.http().post('/api/import').send(chainBundle('boucle', 3)).expect(201);
    const base = '/api/organisations/boucle/engagements';
    const create = await api.http().post(base).send({ key: 'back', provider: 's0', client: 's2' }).expect(400);
    expect(create.body).toMatchObject({ code: 'invalid_chain', details: [{ field: 'client' }] });
    expect(create.body.details[0].problem).toMatch(/s0 → s1 → s2 → s0|s1 → s2 → s0 → s1|s2 → s0 → s1 → s2/);
    await api.http().get(`${base}/back`).expect(404);
    await api.http().patch(`${base}/e1`).send({ client: 's2' }).expect(400); // s2 → s1 → s2
    expect((await api.http().get(`${base}/e1`).expect(200)).body.client).toBe('s0');
    await api.http().post(`${base}`).send({ key: 'side', provider: 's2', client: 's0' }).expect(201); // a diamond is fine
  });

  it('accepts a chain of the maximum depth, 20 levels', async () => {
    await api.http().post('/api/import').send(chainBundle('vingt', 20)).expect(201);
    const findings = (await api.http().get('/api/organisations/vingt/findings?asOf=2026-06-01').expect(200)).body;
    expect(findings.findings.some((f: { subject: { id: string } }) => f.subject.id === 'deep-iso')).toBe(true);
  });

  describe('an 8 000-long chain already in the database (written before the limit)', () => {
    beforeAll(async () => {
      // Imported flat (every engagement with the organisation), then chained in SQL as older data could be.
      await api
        .http()
        .post('/api/import')
        .send(chainBundle('ancienne', 8000, () => undefined))
        .expect(201);
      // e<i> is given s<i-1> as its client: one statement, the same on both engines.
      await executeSql(
        api.databasePath,
        `UPDATE engagements SET client_id = (
           SELECT s.id FROM subcontractors s
           WHERE s.organisation_id = engagements.organisation_id
             AND s.key = 's' || CAST(CAST(substr(engagements.key, 2) AS integer) - 1 AS varchar)
         )
         WHERE organisation_id = (SELECT id FROM organisations WHERE slug = $1) AND key <> 'e0'`,
        ['ancienne'],
      );
    });

    it('gives its findings, with the certificate at the end of the chain', async () => {
      const res = await api.http().get('/api/organisations/ancienne/findings?asOf=2026-06-01').expect(200);
      expect(
        res.body.findings.some(
          (f: { ruleId: string; subject: { id: string } }) =>
            f.ruleId === 'certificate.expiring' && f.subject.id === 'deep-iso',
        ),
      ).toBe(true);
    });

    it('renders its documents and its calendar', async () => {
      for (const doc of ['register', 'compliance-report']) {
        await api.http().get(`/api/organisations/ancienne/documents/${doc}.html?asOf=2026-06-01`).expect(200);
      }
      const ics = await api.http().get('/api/organisations/ancienne/calendar.ics?asOf=2026-06-01').expect(200);
      expect(ics.text).toContain('deep-iso');
    });

    it('raises the alert for the certificate at the end of the chain', async () => {
      const scan = (await api.http().post('/api/organisations/ancienne/alerts/scan?asOf=2026-06-01').expect(200)).body;
      expect(scan.organisations[0]).toMatchObject({ slug: 'ancienne', created: 1 });
      expect(scan.organisations[0].error).toBeUndefined();
    });
  });
});
