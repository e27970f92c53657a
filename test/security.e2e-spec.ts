import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ORG, selectRows, startApi, TestApi, tempDatabase } from './helpers';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

const PARAMS: Record<string, string> = {
  slug: 'org-a',
  key: 'x',
  id: 'x',
  number: '1',
  name: 'register',
  format: 'pdf',
};

describe('access control on every route', () => {
  let api: TestApi;
  const routes: { method: Method; path: string; hasSlug: boolean }[] = [];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    process.env.RATE_LIMIT_PER_MINUTE = '100000';
    api = await startApi();
    delete process.env.RATE_LIMIT_PER_MINUTE;
    for (const slug of ['org-a', 'org-b']) {
      await api
        .http()
        .post('/api/organisations')
        .send({ ...ORG, slug })
        .expect(201);
    }
    tokens.wrong = `rk_${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}_${'A'.repeat(43)}`;
    tokens.expired = (await api.key('admin', ['*'], '2020-01-01T00:00:00Z')).token;
    const revoked = await api.key('admin', ['*']);
    await api.http().delete(`/api/keys/${revoked.id}`).expect(200);
    tokens.revoked = revoked.token;
    tokens.viewerA = (await api.key('viewer', ['org-a'])).token;
    tokens.viewerB = (await api.key('viewer', ['org-b'])).token;
    tokens.editorA = (await api.key('editor', ['org-a'])).token;
    const docs = (await api.anonymous().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const [path, ops] of Object.entries(docs.paths)) {
      for (const method of Object.keys(ops) as Method[]) {
        const concrete = path.replace(/\{(\w+)\}/g, (_, p: string) => PARAMS[p] ?? 'x');
        routes.push({ method, path: concrete, hasSlug: path.includes('{slug}') });
      }
    }
  });
  afterAll(async () => api.close());

  const call = (method: Method, path: string, token?: string) => {
    const req = api.anonymous()[method](path);
    return token ? req.set('Authorization', `Bearer ${token}`).send({}) : req.send({});
  };

  it('knows the routes (from the OpenAPI document)', () => {
    expect(routes.length).toBeGreaterThan(40);
  });

  it('answers health without a key, and nothing else', async () => {
    await api.anonymous().get('/api/health').expect(200);
    for (const r of routes.filter((x) => x.path !== '/api/health')) {
      const res = await call(r.method, r.path);
      expect({ route: `${r.method} ${r.path}`, status: res.status, code: res.body.code }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 401,
        code: 'authentication_required',
      });
    }
  });

  it.each(['wrong', 'expired', 'revoked'])('refuses a %s key on every route (401)', async (which) => {
    for (const r of routes.filter((x) => x.path !== '/api/health')) {
      const res = await call(r.method, r.path, tokens[which]);
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 401,
      });
    }
  });

  it("answers 404 to a key of another organisation on every organisation's route (no existence leak)", async () => {
    for (const r of routes.filter((x) => x.hasSlug)) {
      const res = await call(r.method, r.path, tokens.viewerB);
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 404,
      });
    }
    const list = await api
      .anonymous()
      .get('/api/organisations')
      .set('Authorization', `Bearer ${tokens.viewerB}`)
      .expect(200);
    expect(list.body.map((o: { slug: string }) => o.slug)).toEqual(['org-b']);
  });

  it('lets a viewer read but never write (403 on every write)', async () => {
    for (const r of routes.filter((x) => x.path !== '/api/health')) {
      const res = await call(r.method, r.path, tokens.viewerA);
      // Keys and alert channels are read by admins only.
      const read = r.method === 'get' && r.path !== '/api/keys' && !r.path.includes('/alert-channels');
      if (read) expect([r.path, [401, 403].includes(res.status)]).toEqual([r.path, false]);
      else
        expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({
          route: `${r.method} ${r.path}`,
          status: 403,
        });
    }
  });

  it('keeps keys, channels and settings for admins', async () => {
    const editor = (method: Method, path: string) => call(method, path, tokens.editorA);
    expect((await editor('get', '/api/keys')).status).toBe(403);
    expect((await editor('post', '/api/organisations/org-a/alert-channels')).status).toBe(403);
    const settings = await api
      .anonymous()
      .patch('/api/organisations/org-a')
      .set('Authorization', `Bearer ${tokens.editorA}`)
      .send({ settings: { expiryHorizonDays: 30 } });
    expect(settings.status).toBe(403);
    const name = await api
      .anonymous()
      .patch('/api/organisations/org-a')
      .set('Authorization', `Bearer ${tokens.editorA}`)
      .send({ address: '2 rue Neuve' });
    expect(name.status).toBe(200);
    const create = await api
      .anonymous()
      .post('/api/organisations')
      .set('Authorization', `Bearer ${(await api.key('admin', ['org-a'])).token}`)
      .send({ ...ORG, slug: 'org-c' });
    expect(create.status).toBe(403);
  });
});

describe('audit trail and published versions', () => {
  let api: TestApi;
  const tmp = tempDatabase();
  let editor: { id: string; token: string };

  beforeAll(async () => {
    api = await startApi();
    await api.http().post('/api/organisations').send(ORG).expect(201);
    editor = await api.key('editor', [ORG.slug]);
  });
  afterAll(async () => {
    await api.close();
    tmp.cleanup();
  });
  const asEditor = (method: Method, path: string) =>
    api.anonymous()[method](path).set('Authorization', `Bearer ${editor.token}`);

  it('traces every write to a key and a time, with before and after, and nothing for a refused write', async () => {
    const base = `/api/organisations/${ORG.slug}`;
    await asEditor('post', `${base}/subcontractors`).send({ key: 'ovh', name: 'OVH', country: 'FR' }).expect(201);
    await asEditor('patch', `${base}/subcontractors/ovh`).send({ name: 'OVHcloud' }).expect(200);
    await asEditor('patch', `${base}/subcontractors/ovh`).send({ country: 'XX' }).expect(400);
    const trail = (await api.http().get(`${base}/audit?entity=Subcontractor&key=ovh`).expect(200)).body as {
      at: string;
      actor: { id: string };
      action: string;
      before: { name: string } | null;
      after: { name: string } | null;
    }[];
    expect(trail.map((t) => t.action)).toEqual(['update', 'create']);
    expect(trail.every((t) => t.actor.id === editor.id)).toBe(true);
    expect(trail[0]).toMatchObject({ before: { name: 'OVH' }, after: { name: 'OVHcloud' } });
    expect(Date.parse(trail[0].at)).toBeGreaterThanOrEqual(Date.parse(trail[1].at));
    const byActor = (await api.http().get(`${base}/audit?actor=${editor.id}&action=create`).expect(200))
      .body as unknown[];
    expect(byActor).toHaveLength(1);
  });

  it('publishes immutable versions, renders them as published, and diffs them', async () => {
    const base = `/api/organisations/${ORG.slug}`;
    await asEditor('post', `${base}/treatments`)
      .send({ key: 'rdv', name: 'Rendez-vous', role: 'controller', purposes: ['Prise de rendez-vous'] })
      .expect(201);
    const v1 = (await asEditor('post', `${base}/versions`).send({ note: 'remis à la CNIL' }).expect(201)).body;
    expect(v1).toMatchObject({ number: 1, note: 'remis à la CNIL' });
    const pdf = async (path: string) => {
      const res = await api
        .http()
        .get(path)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const file = join(tmp.dir, `v-${Date.now()}.pdf`);
      writeFileSync(file, res.body as Buffer);
      return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    };
    const first = await pdf(`${base}/versions/1/register.pdf`);
    expect(first).toContain(v1.fingerprint);
    await asEditor('patch', `${base}/treatments/rdv`).send({ name: 'Rendez-vous en ligne' }).expect(200);
    await asEditor('post', `${base}/treatments`).send({ key: 'paie', name: 'Paie', role: 'controller' }).expect(201);
    await asEditor('post', `${base}/subcontractors`).send({ key: 'scaleway', name: 'Scaleway' }).expect(201);
    const v2 = (await asEditor('post', `${base}/versions`).send({}).expect(201)).body;
    expect(v2.number).toBe(2);
    expect(v2.fingerprint).not.toBe(v1.fingerprint);
    expect(await pdf(`${base}/versions/1/register.pdf`)).toBe(first);
    const diff = (await api.http().get(`${base}/versions/diff?from=1&to=2`).expect(200)).body;
    expect(diff.treatments).toEqual({ added: ['paie'], removed: [], changed: [{ key: 'rdv', fields: ['name'] }] });
    expect(diff.subcontractors.added).toEqual(['scaleway']);
    const list = (await api.http().get(`${base}/versions`).expect(200)).body as {
      number: number;
      publishedBy: string;
    }[];
    expect(list.map((v) => v.number)).toEqual([1, 2]);
    expect(list[0].publishedBy).toContain(editor.id);
    await api.http().get(`${base}/versions/9`).expect(404);
  });
});

describe('hardening', () => {
  it('sets security headers, keeps CORS off, hides internals, and limits the request rate', async () => {
    process.env.RATE_LIMIT_PER_MINUTE = '5';
    const api = await startApi();
    delete process.env.RATE_LIMIT_PER_MINUTE;
    try {
      const res = await api.anonymous().get('/api/health').set('Origin', 'https://evil.example');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBeDefined();
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
      const unknown = await api.http().get('/api/nothing-here');
      expect(JSON.stringify(unknown.body)).not.toMatch(/at .*\.js|stack/i);
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await api.anonymous().get('/api/health')).status);
      expect(statuses).toContain(429);
    } finally {
      await api.close();
    }
  });
});

describe('keys from the command line', () => {
  const db = tempDatabase();
  afterAll(() => db.cleanup());

  it('shows the token once and stores only its hash', async () => {
    const created = cli(['keys', 'create', '--name', 'dpo', '--role', 'viewer', '--org', 'desmos', '--json'], db.path);
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout) as { id: string; token: string };
    expect(key.token).toMatch(/^rk_/);
    const listed = cli(['keys', 'list'], db.path);
    expect(listed.stdout).toContain(key.id);
    expect(listed.stdout).not.toContain(key.token);
    const rows = await selectRows(db.path, 'SELECT * FROM api_keys WHERE id = $1', [key.id]);
    expect(rows).toHaveLength(1);
    // The secret is everything after `rk_<id>_` (it may itself hold underscores: base64url).
    const secret = key.token.slice(`rk_${key.id}_`.length);
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(rows[0])).not.toContain(secret);
    expect(cli(['keys', 'revoke', key.id], db.path).stdout).toContain('revoked');
    expect(cli(['keys', 'create', '--name', 'x', '--role', 'owner', '--org', '*'], db.path).code).toBe(2);
  });
});
