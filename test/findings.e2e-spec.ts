import { readFileSync, writeFileSync } from 'node:fs';
import { get as httpGet, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { REVIEWED } from './findings-reviewed';
import type { components } from './generated/api';
import { cli, SEED_SLUGS, SEEDS, startApi, TestApi, tempDatabase } from './helpers';
import { typedApi, TypedApi } from './typed-api';

const AS_OF = '2026-06-01';

/** The flat view of the findings report, as the generated client declares it. */
type Report = components['schemas']['FindingsReportDto'];

describe('compliance findings through HTTP', () => {
  let api: TestApi;
  let http: TypedApi;
  const findings = async (slug: string, query: { asOf: string; lang?: 'fr' | 'en' }): Promise<Report> => {
    const { body } = await http.get('/api/organisations/{slug}/findings', { path: { slug }, query, expect: 200 });
    if (!('findings' in body)) throw new Error('the flat view (the default) answered another view');
    return body;
  };

  beforeAll(async () => {
    api = await startApi();
    http = typedApi(api.http);
    for (const slug of SEED_SLUGS) {
      const bundle = JSON.parse(readFileSync(join(SEEDS, `${slug}.json`), 'utf8')) as object;
      await api.http().post('/api/import').send(bundle).expect(201);
    }
  });
  afterAll(async () => api.close());

  it('lists the rule catalog with the required ids, severities and references', async () => {
    const rules = (await http.get('/api/rules', { expect: 200 })).body;
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'register.missing-field',
        'register.retention-missing',
        'register.security-measures-missing',
        'register.legal-basis-missing',
        'transfer.safeguard-missing',
        'transfer.scc-outdated',
        'transfer.scc-version-unknown',
        'certificate.expired',
        'certificate.expiring',
        'certificate.evidence-missing',
        'hds.certification-missing',
        'hds.activity-gap',
        'hds.scope-unknown',
        'hds.referential-outdated',
        'hds.data-location',
        'hds.extraterritorial-exposure',
        'dpa.missing',
        'subprocessor.authorisation-missing',
        'subprocessor.objection-window',
        'breach.processor-window-too-long',
      ]),
    );
    expect(rules.every((r) => r.reference.length > 0)).toBe(true);
    const en = (await http.get('/api/rules', { query: { lang: 'en' }, expect: 200 })).body;
    expect(en.find((r) => r.id === 'dpa.missing')?.title).toBe('Processor without a data-processing agreement');
  });

  it.each(SEED_SLUGS)('%s: exactly the reviewed findings on 2026-06-01', async (slug) => {
    const report = await findings(slug, { asOf: AS_OF });
    expect(report.asOf).toBe(AS_OF);
    expect(report.findings.map((f) => f.id)).toEqual(REVIEWED[slug]);
    const counts = { error: 0, warning: 0, info: 0, waived: 0 };
    for (const f of report.findings) counts[f.severity]++;
    expect(report.summary).toEqual(counts);
    for (const f of report.findings) {
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.reference.length).toBeGreaterThan(3);
      expect(f.remediation.length).toBeGreaterThan(10);
      expect(f.status).toBe('open');
    }
  });

  it('names the legal ground and the facts: the levy-nadlan agrément and its HDS gap', async () => {
    const report = await findings('levy-nadlan', { asOf: AS_OF });
    const expired = report.findings.find((f) => f.ruleId === 'certificate.expired');
    expect(expired?.evidence).toMatchObject({ validFrom: '2018-03-15', validTo: '2021-03-14', asOf: AS_OF });
    expect(expired?.message).toContain('2021-03-14');
    const gap = report.findings.find((f) => f.ruleId === 'hds.activity-gap');
    expect(gap?.reference).toBe('CSP L.1111-8, R.1111-9');
    expect(gap?.message).toContain('n° 1 Sites physiques');
    expect(gap?.message).toContain('n° 6 Sauvegarde externalisée');
    const breach = report.findings.find((f) => f.ruleId === 'breach.processor-window-too-long');
    expect(breach).toMatchObject({ severity: 'error', evidence: { breachNoticeHours: 72 } });
  });

  it('answers in English on request', async () => {
    const report = await findings('oci-hds-client', { asOf: AS_OF, lang: 'en' });
    const outdated = report.findings.find((f) => f.ruleId === 'hds.referential-outdated');
    expect(outdated?.message).toContain('2018 référentiel');
    expect(outdated?.remediation).toMatch(/^Obtain/);
  });

  it('follows the date asked: the HDS v2 transition and an ISO 27001 expiry', async () => {
    const before = await findings('oci-hds-client', { asOf: '2026-05-16' });
    const after = await findings('oci-hds-client', { asOf: '2026-05-17' });
    expect(before.findings.map((f) => f.ruleId)).not.toContain('hds.referential-outdated');
    expect(after.findings.map((f) => f.ruleId)).toContain('hds.referential-outdated');
    // AWS ISO 27001 ends 2025-10-31: still valid that day (expiring, 0 days), expired the next.
    const lastDay = await findings('desmos', { asOf: '2025-10-31' });
    const expiring = lastDay.findings.find((f) => f.id === 'certificate.expiring:certificate:aws-iso27001-2013-009');
    expect(expiring?.evidence).toMatchObject({ daysLeft: 0 });
    expect(lastDay.findings.map((f) => f.ruleId)).not.toContain('certificate.expired');
    const dayAfter = await findings('desmos', { asOf: '2025-11-01' });
    expect(dayAfter.findings.map((f) => f.id)).toContain('certificate.expired:certificate:aws-iso27001-2013-009');
  });

  it('uses the organisation horizon for expiring certificates', async () => {
    const id = 'certificate.expiring:certificate:claranet-iso27001-2020-89559-6';
    expect((await findings('desmos', { asOf: '2026-11-01' })).findings.map((f) => f.id)).toContain(id); // 71 days left
    await api
      .http()
      .patch('/api/organisations/desmos')
      .send({ settings: { expiryHorizonDays: 60 } })
      .expect(200);
    expect((await findings('desmos', { asOf: '2026-11-01' })).findings.map((f) => f.id)).not.toContain(id);
    await api.http().patch('/api/organisations/desmos').send({ settings: null }).expect(200);
  });

  it('keeps a waived finding visible as waived until the waiver ends', async () => {
    const id = 'transfer.scc-version-unknown:engagement:twilio-messages:US';
    await api
      .http()
      .post('/api/organisations/omnidoc/waivers')
      .send({ key: 'twilio-scc', findingId: id, reason: 'CCT 2021 demandées à Twilio', until: '2026-06-30' })
      .expect(201);
    const waived = await findings('omnidoc', { asOf: AS_OF });
    const finding = waived.findings.find((f) => f.id === id);
    expect(finding).toMatchObject({ status: 'waived', waiver: { key: 'twilio-scc', until: '2026-06-30' } });
    expect(waived.summary.waived).toBe(1);
    const open = await findings('omnidoc', { asOf: '2026-07-01' });
    expect(open.findings.find((f) => f.id === id)?.status).toBe('open');
    expect(open.summary.waived).toBe(0);
    await api.http().delete('/api/organisations/omnidoc/waivers/twilio-scc').expect(204);
  });

  it('rejects bad query parameters with the field named', async () => {
    const bad = await api.http().get('/api/organisations/desmos/findings?asOf=2026-02-30').expect(400);
    expect(bad.body.details[0].field).toBe('asOf');
    const lang = await api.http().get('/api/organisations/desmos/findings?lang=de').expect(400);
    expect(lang.body.details[0].field).toBe('lang');
    const unknown = await api.http().get('/api/organisations/desmos/findings?foo=1').expect(400);
    expect(unknown.body.details[0].field).toBe('foo');
    await api.http().get('/api/organisations/nobody/findings').expect(404);
  });
});

describe('findings answers: computed once per revision, tagged, shared by instances', () => {
  let api: TestApi;
  let other: TestApi;
  const path = (query: string) => `/api/organisations/desmos/findings?${query}`;
  const get = async (query: string, from: TestApi = api) => {
    const res = await from.http().get(path(query)).expect(200);
    return { etag: res.headers.etag, text: res.text, body: res.body as Report };
  };
  const bundle = () => JSON.parse(readFileSync(join(SEEDS, 'desmos.json'), 'utf8')) as Record<string, unknown>;

  beforeAll(async () => {
    api = await startApi();
    await api.http().post('/api/import').send(bundle()).expect(201);
    // A second instance on the same database, as behind a load balancer.
    other = await startApi({ path: api.databasePath });
  });
  afterAll(async () => {
    await other.close();
    await api.close();
  });

  it('answers a repeated request with the same body and tag, as JSON', async () => {
    const first = await api
      .http()
      .get(path(`asOf=${AS_OF}`))
      .expect(200);
    const second = await api
      .http()
      .get(path(`asOf=${AS_OF}`))
      .expect(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.text).toBe(first.text);
    expect((first.body as Report).findings.map((f) => f.id)).toEqual(REVIEWED.desmos);
  });

  it('answers 304 without a body to If-None-Match with the tag, per view', async () => {
    const { etag } = await get(`asOf=${AS_OF}`);
    const fresh = await api
      .http()
      .get(path(`asOf=${AS_OF}`))
      .set('If-None-Match', etag)
      .expect(304);
    expect(fresh.text ?? '').toBe('');
    expect(fresh.headers.etag).toBe(etag);
    await api
      .http()
      .get(path(`asOf=${AS_OF}`))
      .set('If-None-Match', `W/${etag}`)
      .expect(304);
    await api
      .http()
      .get(path(`asOf=${AS_OF}`))
      .set('If-None-Match', '"something-else"')
      .expect(200);
    const groups = await api
      .http()
      .get(path(`asOf=${AS_OF}&view=groups`))
      .expect(200);
    expect(groups.headers.etag).not.toBe(etag);
    expect((groups.body as { view: string }).view).toBe('groups');
    const ids = (groups.body as { groups: { findings: { id: string }[] }[] }).groups.flatMap((g) =>
      g.findings.map((f) => f.id),
    );
    expect([...ids].sort()).toEqual([...REVIEWED.desmos].sort());
    await api
      .http()
      .get(path(`asOf=${AS_OF}&view=groups`))
      .set('If-None-Match', groups.headers.etag)
      .expect(304);
    const subjects = await api
      .http()
      .get(path(`asOf=${AS_OF}&view=subjects`))
      .expect(200);
    expect((subjects.body as { view: string }).view).toBe('subjects');
    expect(new Set([etag, groups.headers.etag, subjects.headers.etag]).size).toBe(3);
  });

  it('keeps days and languages apart', async () => {
    const fr = await get(`asOf=${AS_OF}`);
    const en = await get(`asOf=${AS_OF}&lang=en`);
    const earlier = await get('asOf=2025-11-01');
    expect(new Set([fr.etag, en.etag, earlier.etag]).size).toBe(3);
    expect(en.body.findings.map((f) => f.id)).toEqual(fr.body.findings.map((f) => f.id));
    const id = fr.body.findings[0].id;
    expect(en.body.findings.find((f) => f.id === id)?.message).not.toBe(
      fr.body.findings.find((f) => f.id === id)?.message,
    );
    expect(earlier.body.asOf).toBe('2025-11-01');
    expect(earlier.body.findings.map((f) => f.id)).toContain('certificate.expired:certificate:aws-iso27001-2013-009');
    expect((await get(`asOf=${AS_OF}`)).text).toBe(fr.text);
  });

  it('follows every write: a record created, changed and deleted', async () => {
    const before = await get(`asOf=${AS_OF}`);
    await api
      .http()
      .post('/api/organisations/desmos/treatments')
      .send({ key: 'cache-probe', name: 'Sonde', role: 'controller' })
      .expect(201);
    const created = await get(`asOf=${AS_OF}`);
    expect(created.etag).not.toBe(before.etag);
    const probe = (r: Report) => r.findings.filter((f) => f.subject.id === 'cache-probe');
    expect(probe(created.body).length).toBeGreaterThan(0);
    expect(probe(created.body).every((f) => f.subject.name === 'Sonde')).toBe(true);
    await api
      .http()
      .get(path(`asOf=${AS_OF}`))
      .set('If-None-Match', before.etag)
      .expect(200);

    await api.http().patch('/api/organisations/desmos/treatments/cache-probe').send({ name: 'Sonde 2' }).expect(200);
    const changed = await get(`asOf=${AS_OF}`);
    expect(changed.etag).not.toBe(created.etag);
    expect(probe(changed.body).every((f) => f.subject.name === 'Sonde 2')).toBe(true);

    await api.http().delete('/api/organisations/desmos/treatments/cache-probe').expect(204);
    const deleted = await get(`asOf=${AS_OF}`);
    expect(probe(deleted.body)).toEqual([]);
    expect(deleted.body.findings.map((f) => f.id)).toEqual(before.body.findings.map((f) => f.id));
    expect(deleted.etag).not.toBe(before.etag);
  });

  it('follows the organisation changed and an import replacing it', async () => {
    const before = await get(`asOf=${AS_OF}`);
    await api.http().patch('/api/organisations/desmos').send({ name: 'Orisha renommée' }).expect(200);
    const renamed = await get(`asOf=${AS_OF}`);
    expect(renamed.body.organisation.name).toBe('Orisha renommée');
    expect(renamed.etag).not.toBe(before.etag);

    const replaced = bundle();
    const treatments = replaced.treatments as { key: string }[];
    const dropped = treatments[0].key;
    replaced.treatments = treatments.slice(1);
    await api.http().post('/api/import?replace=true').send(replaced).expect(201);
    const after = await get(`asOf=${AS_OF}`);
    expect(after.body.organisation.name).toBe('Orisha Healthcare France');
    expect(after.body.findings.some((f) => f.subject.type === 'treatment' && f.subject.id === dropped)).toBe(false);
    expect(before.body.findings.some((f) => f.subject.type === 'treatment' && f.subject.id === dropped)).toBe(true);
  });

  it('answers compressed as the client accepts, one tag per coding, 304 for any of them', async () => {
    const server = api.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const { token } = await api.key('viewer', ['desmos']);
    const raw = (headers: Record<string, string>) =>
      new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((done, fail) => {
        const req = httpGet(
          {
            host: '127.0.0.1',
            port,
            path: path(`asOf=${AS_OF}`),
            headers: { authorization: `Bearer ${token}`, ...headers },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
            );
          },
        );
        req.on('error', fail);
      });
    const identity = await raw({});
    expect(identity.status).toBe(200);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers.vary).toMatch(/Accept-Encoding/i);
    const text = identity.body.toString('utf8');
    // The same answer the API's own client reads (the data was changed by the tests above).
    expect(text).toBe((await get(`asOf=${AS_OF}`)).text);
    expect((JSON.parse(text) as Report).findings.length).toBeGreaterThan(10);

    const br = await raw({ 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(text);
    expect(br.body.length).toBeLessThan(identity.body.length / 4);
    const gzip = await raw({ 'accept-encoding': 'gzip;q=1, br;q=0.5' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(text);
    const refused = await raw({ 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.toString('utf8')).toBe(text);

    const tags = [identity, br, gzip].map((r) => String(r.headers.etag));
    expect(tags[1]).toBe(`${tags[0].slice(0, -1)}-br"`);
    expect(tags[2]).toBe(`${tags[0].slice(0, -1)}-gzip"`);
    expect(String(refused.headers.etag)).toBe(tags[0]);
    // A client holding the answer in one coding asks in another: still unchanged.
    const fresh = await raw({ 'accept-encoding': 'br', 'if-none-match': tags[2] });
    expect(fresh.status).toBe(304);
    expect(fresh.body.length).toBe(0);
    expect(fresh.headers.etag).toBe(tags[1]);
    expect((await raw({ 'if-none-match': `W/${tags[1]}` })).status).toBe(304);
    expect((await raw({ 'accept-encoding': 'br', 'if-none-match': `${tags[0].slice(0, -1)}-zstd"` })).status).toBe(200);
  });

  it('keeps its revision token to itself: reads do not move it, records and exports never show it', async () => {
    const seen = await get(`asOf=${AS_OF}`);
    const record = await api.http().get('/api/organisations/desmos').expect(200);
    const exported = await api.http().get('/api/organisations/desmos/export').expect(200);
    expect(record.body).not.toHaveProperty('revision');
    expect((exported.body as { organisation: object }).organisation).not.toHaveProperty('revision');
    expect(exported.text).not.toContain('"revision"');
    await api
      .http()
      .get(path(`asOf=${AS_OF}`))
      .set('If-None-Match', seen.etag)
      .expect(304);
  });

  it('follows a write made through another instance on the same database', async () => {
    const seen = await get(`asOf=${AS_OF}`);
    expect((await get(`asOf=${AS_OF}`, other)).text).toBe(seen.text);
    await other.http().patch('/api/organisations/desmos').send({ name: 'Vue par une autre instance' }).expect(200);
    const after = await get(`asOf=${AS_OF}`);
    expect(after.body.organisation.name).toBe('Vue par une autre instance');
    expect(after.etag).not.toBe(seen.etag);
    await api
      .http()
      .get(path(`asOf=${AS_OF}`))
      .set('If-None-Match', seen.etag)
      .expect(200);
  });
});

describe('registre check (CLI)', () => {
  const db = tempDatabase();
  beforeAll(() => expect(cli(['seed'], db.path).code).toBe(0));
  afterAll(() => db.cleanup());

  it('prints the same JSON as the API with --json and exits 1 when an error is open', () => {
    const res = cli(['check', '--org', 'levy-nadlan', '--as-of', AS_OF, '--json'], db.path);
    expect(res.code).toBe(1);
    const report = JSON.parse(res.stdout) as Report;
    expect(report.findings.map((f) => f.id)).toEqual(REVIEWED['levy-nadlan']);
  });

  it('prints a readable table by default, in English on request', () => {
    const fr = cli(['check', '--org', 'oci-hds-client', '--as-of', AS_OF], db.path);
    expect(fr.stdout).toMatch(/^Centre de santé exemple \(fictif\) \(oci-hds-client\) au 2026-06-01: \d+ ERREUR/);
    expect(fr.stdout).toContain('hds.referential-outdated');
    const en = cli(['check', '--org', 'oci-hds-client', '--as-of', AS_OF, '--lang', 'en'], db.path);
    expect(en.stdout).toContain('as of 2026-06-01');
  });

  it('exits 0 when no error is open', () => {
    const other = tempDatabase();
    try {
      const bundle = {
        format: 'registre-bundle',
        version: 2,
        organisation: {
          slug: 'propre',
          name: 'Cabinet propre',
          country: 'FR',
          roles: ['controller'],
          address: '1 place de la République, 35000 Rennes',
          dpo: { email: 'dpo@propre.fr' },
          securityMeasures: [{ title: 'Chiffrement des postes' }],
        },
        treatments: [
          {
            key: 'rdv',
            name: 'Prise de rendez-vous',
            role: 'controller',
            purposes: ['Gestion des rendez-vous'],
            legalBasis: { article6: ['contract'] },
            dataSubjects: ['Patients'],
            dataCategories: [{ category: 'identity', label: 'Nom, téléphone', retention: '3 ans' }],
            recipients: [{ kind: 'internal', name: 'Secrétariat' }],
          },
        ],
      };
      const file = join(other.dir, 'propre.json');
      writeFileSync(file, JSON.stringify(bundle));
      expect(cli(['import', file], other.path).code).toBe(0);
      const res = cli(['check', '--org', 'propre', '--as-of', AS_OF], other.path);
      expect(res.stdout).toContain('Aucun constat.');
      expect(res.code).toBe(0);
    } finally {
      other.cleanup();
    }
  });

  it('exits 2 on a bad date or language', () => {
    expect(cli(['check', '--org', 'desmos', '--as-of', '01/06/2026'], db.path).code).toBe(2);
    expect(cli(['check', '--org', 'desmos', '--lang', 'de'], db.path).code).toBe(2);
    expect(cli(['check'], db.path).code).toBe(2);
  });
});
