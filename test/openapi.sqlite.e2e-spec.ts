import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiText } from '../src/openapi';
import type { components } from './generated/api';
import { ROOT, SEED_SLUGS, SEEDS, startApi, TestApi, withAuth } from './helpers';
import { OPENAPI_PATH, openApiDocument, responseSchema, schemaProblems } from './openapi-schema';
import { typedApi } from './typed-api';

/**
 * The committed openapi.json is the API's contract as reviewers read it: the running application must
 * serve exactly it, and the typed client generated from it (test/generated/api.d.ts) must be current.
 * When either fails: run `npm run openapi` and review the diff (it is the change of the API).
 */
const REVIEW = 'run npm run openapi and review the diff';
const GENERATED = join(ROOT, 'test', 'generated', 'api.d.ts');

describe('the OpenAPI document (openapi.json)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => api.close());

  it('is what the running application serves', async () => {
    const served = (await api.anonymous().get('/api/docs-json').expect(200)).body as unknown;
    const committed = readFileSync(OPENAPI_PATH, 'utf8');
    // The same text as `npm run openapi` writes (sorted keys): a diff of the two is the review.
    const current = openApiText(served);
    if (current !== committed) {
      const a = committed.split('\n');
      const b = current.split('\n');
      const first = a.findIndex((line, i) => line !== b[i]);
      throw new Error(
        `openapi.json differs from the served document (first at line ${first + 1}: ` +
          `committed ${JSON.stringify(a[first])}, served ${JSON.stringify(b[first])}): ${REVIEW}`,
      );
    }
    expect(JSON.parse(committed)).toEqual(served);
  });

  it('has a generated client that is up to date', () => {
    // The arguments `npm run openapi` gives openapi-typescript, the output moved to a temporary folder.
    const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
      .scripts.openapi;
    const args = script.split('openapi-typescript ')[1].split(' ');
    const out = join(api.dir, 'api.d.ts');
    args[args.indexOf('-o') + 1] = out;
    const bin = join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    const run = spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    const fresh = readFileSync(out, 'utf8');
    if (fresh !== readFileSync(GENERATED, 'utf8')) {
      throw new Error(`test/generated/api.d.ts is not what openapi-typescript makes of openapi.json: ${REVIEW}`);
    }
    expect(fresh).toContain('"/api/organisations/{slug}/treatments"');
  });

  it('declares the bearer scheme on every route but the health probe, and an answer type on each', () => {
    const document = openApiDocument() as unknown as {
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { content?: object }> }>>;
      components: { securitySchemes: Record<string, { scheme: string }> };
    };
    expect(document.components.securitySchemes.bearer.scheme).toBe('bearer');
    const unprotected: string[] = [];
    const untyped: string[] = [];
    const noAuthErrors: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const route = `${method.toUpperCase()} ${path}`;
        if (!JSON.stringify(operation.security ?? []).includes('bearer')) unprotected.push(route);
        const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
        if (!success.length || success.some(([status, r]) => status !== '204' && !r.content)) untyped.push(route);
        if (!operation.responses['401'] || !operation.responses['403']) noAuthErrors.push(route);
      }
    }
    expect(unprotected).toEqual(['GET /api/health']);
    expect(untyped).toEqual([]);
    expect(noAuthErrors).toEqual(['GET /api/health']);
    // No page of the web application (HTML for people) is part of the API's document.
    expect(Object.keys(document.paths).filter((p) => !p.startsWith('/api/'))).toEqual([]);
  });

  it('describes errors in the error filter’s shape', async () => {
    const missing = await api.http().get('/api/organisations/nowhere/treatments').expect(404);
    expect(schemaProblems(missing.body, responseSchema('/api/organisations/{slug}/treatments', 'get', 404)!)).toEqual(
      [],
    );
    const refused = await api.http().post('/api/organisations').send({ slug: 'Not A Slug' }).expect(400);
    expect(schemaProblems(refused.body, responseSchema('/api/organisations', 'post', 400)!)).toEqual([]);
    expect(refused.body.details.length).toBeGreaterThan(0);
  });

  it('checks answers against it: a field the schema does not declare, or a missing one, is reported', async () => {
    const http = typedApi(api.http);
    const health = await typedApi(api.anonymous).get('/api/health', { expect: 200 });
    expect(health.body.status).toBe('ok');
    const keys = await http.get('/api/keys', { expect: 200 });
    const schema = responseSchema('/api/keys', 'get', 200)!;
    expect(schemaProblems(keys.body, schema)).toEqual([]);
    // The checker bites: an extra field, a missing one, a wrong type, a value out of the enum.
    const [key] = keys.body;
    expect(schemaProblems([{ ...key, secret: 'x' }], schema)).toEqual(['$[0].secret: not declared in the schema']);
    const { role: _role, ...noRole } = key;
    expect(schemaProblems([noRole], schema)).toEqual(['$[0].role: required but missing']);
    expect(schemaProblems([{ ...key, createdAt: 1 }], schema)).toEqual([
      '$[0].createdAt: integer where the schema says string',
    ]);
    expect(schemaProblems([{ ...key, role: 'root' }], schema)).toEqual(['$[0].role: "root" not in enum']);
    expect(schemaProblems([{ ...key, expiresAt: null }], schema)).toEqual([]);
  });

  it('matches what the routes answer on the seeds (each typed call checks its answer against it)', async () => {
    const http = typedApi(api.http);
    for (const seed of SEED_SLUGS) {
      const bundle = JSON.parse(
        readFileSync(join(SEEDS, `${seed}.json`), 'utf8'),
      ) as components['schemas']['BundleDto'];
      await http.post('/api/import', { body: bundle, expect: 201 });
    }
    const slug = 'desmos';
    const path = { slug };
    const asOf = '2026-11-01';
    expect((await http.get('/api/organisations', { expect: 200 })).body.map((o) => o.slug)).toEqual(SEED_SLUGS);
    await http.get('/api/organisations/{slug}', { path, expect: 200 });
    // Every kind of record, listed and read one by one.
    const lists = [
      '/api/organisations/{slug}/treatments',
      '/api/organisations/{slug}/subcontractors',
      '/api/organisations/{slug}/certificates',
      '/api/organisations/{slug}/engagements',
      '/api/organisations/{slug}/subprocessor-changes',
      '/api/organisations/{slug}/breaches',
      '/api/organisations/{slug}/waivers',
    ] as const;
    let records = 0;
    for (const seed of SEED_SLUGS) {
      for (const list of lists) records += (await http.get(list, { path: { slug: seed }, expect: 200 })).body.length;
    }
    expect(records).toBeGreaterThan(50);
    const engagement = (await http.get('/api/organisations/{slug}/engagements', { path, expect: 200 })).body[0];
    await http.get('/api/organisations/{slug}/engagements/{key}', { path: { slug, key: engagement.key }, expect: 200 });
    await http.get('/api/organisations/{slug}/engagements/{key}/deadlines', {
      path: { slug, key: engagement.key },
      expect: 200,
    });
    // The three views of the findings, the catalog, the export and an import's plan.
    for (const view of ['findings', 'groups', 'subjects'] as const) {
      await http.get('/api/organisations/{slug}/findings', { path, query: { asOf, view }, expect: 200 });
    }
    await http.get('/api/rules', { query: { lang: 'en' }, expect: 200 });
    const exported = await http.get('/api/organisations/{slug}/export', { path, expect: 200 });
    const plan = await http.post('/api/import', {
      query: { dryRun: true, replace: true },
      body: exported.body,
      expect: 200,
    });
    expect(plan.body.summary.create).toBe(0);
    // Alerts (no channel: nothing is sent), then a channel whose secret is never answered.
    const scanned = await http.post('/api/organisations/{slug}/alerts/scan', { path, query: { asOf }, expect: 200 });
    expect(scanned.body.organisations[0].created).toBeGreaterThan(0);
    const alerts = await http.get('/api/organisations/{slug}/alerts', { path, expect: 200 });
    await http.post('/api/organisations/{slug}/alerts/{id}/acknowledge', {
      path: { slug, id: alerts.body[0].id },
      body: { note: 'vu' },
      expect: 200,
    });
    await http.post('/api/organisations/{slug}/alert-channels', {
      path,
      body: { key: 'dpo', kind: 'email', recipients: ['dpo@desmos.example'] },
      expect: 201,
    });
    await http.get('/api/organisations/{slug}/alert-channels', { path, expect: 200 });
    // Versions, their difference, the audit trail, keys.
    await http.post('/api/organisations/{slug}/versions', { path, body: { note: 'première' }, expect: 201 });
    await http.patch('/api/organisations/{slug}', { path, body: { description: 'modifiée' }, expect: 200 });
    await http.post('/api/organisations/{slug}/versions', { path, body: {}, expect: 201 });
    await http.get('/api/organisations/{slug}/versions', { path, expect: 200 });
    await http.get('/api/organisations/{slug}/versions/{number}', { path: { slug, number: 2 }, expect: 200 });
    await http.get('/api/organisations/{slug}/versions/diff', { path, query: { from: 1, to: 2 }, expect: 200 });
    const audit = await http.get('/api/organisations/{slug}/audit', { path, query: { limit: 20 }, expect: 200 });
    expect(audit.body.map((a) => a.action)).toContain('publish');
    const key = await http.post('/api/keys', {
      body: { name: 'lecture', role: 'viewer', organisations: [slug] },
      expect: 201,
    });
    await http.delete('/api/keys/{id}', { path: { id: key.body.id }, expect: 200 });
    // A viewer's audit trail is masked, still in the declared shape.
    const viewer = await api.key('viewer', [slug]);
    const masked = await typedApi(() => withAuth(api.anonymous(), viewer.token)).get(
      '/api/organisations/{slug}/audit',
      {
        path,
        expect: 200,
      },
    );
    expect(masked.body.length).toBeGreaterThan(0);
  });
});
