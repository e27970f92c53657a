import { createHash } from 'node:crypto';
import request from 'supertest';
import { cli, selectRows, tempDatabase } from './helpers';
import * as XLSX from '@e965/xlsx';
import { csrfOf, formBody, formFields, NOW, PASSWORD, signIn, startWeb, WebApp } from './web-helpers';

/** Every route the web application serves, from Express's router (the OpenAPI document leaves them out). */
function webRoutes(web: WebApp): { method: string; path: string }[] {
  const instance = web.app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  return instance.router.stack
    .filter((l) => l.route && !l.route.path.startsWith('/api'))
    .flatMap((l) => Object.keys(l.route!.methods).map((method) => ({ method, path: l.route!.path })));
}

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

const concrete = (path: string) =>
  path.replace(':slug', 'desmos').replace(/:(key|id|name|lang)/g, (_, p: string) => (p === 'lang' ? 'en' : 'x'));

describe('web application: sign-in, sessions, CSRF, roles', () => {
  let web: WebApp;

  beforeAll(async () => {
    web = await startWeb({ seeds: ['desmos', 'omnidoc'] });
    await web.person('editor@clinique.fr', [['desmos', 'editor']], 'Élise Éditrice');
    await web.person('viewer@clinique.fr', [['desmos', 'viewer']]);
    await web.person('lock@clinique.fr', [['desmos', 'viewer']]);
  });
  afterAll(async () => web.close());
  beforeEach(() => web.clock.set(NOW));

  it('serves every page with a strict Content-Security-Policy, and its assets from this origin', async () => {
    const login = await web.agent().get('/login').expect(200);
    expect(login.headers['content-security-policy']).toMatch(/^default-src 'self'/);
    expect(login.text).not.toMatch(/<script>|style="|https?:\/\/(?!127\.0\.0\.1)/);
    const htmx = await web.agent().get('/assets/htmx.min.js').expect(200);
    expect(htmx.headers['content-type']).toMatch(/javascript/);
    expect(htmx.text.length).toBeGreaterThan(10_000);
    await web.agent().get('/assets/app.css').expect(200);
    await web.agent().get('/assets/nothing.js').expect(404);
  });

  it('refuses a wrong password, then signs in with an HttpOnly, SameSite session cookie whose token is stored hashed', async () => {
    const agent = web.agent();
    const wrong = await signIn(agent, 'editor@clinique.fr', 'not the password');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('le mot de passe est incorrect.');
    expect(wrong.text).toContain('value="editor@clinique.fr"');
    const ok = await signIn(agent, 'editor@clinique.fr');
    expect(ok.status).toBe(303);
    const cookie = (ok.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('registre_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const token = /registre_session=([^;]+)/.exec(cookie)![1];
    const rows = await selectRows(web.databasePath, 'SELECT * FROM web_sessions');
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.map((r) => r.token_hash)).toContain(createHash('sha256').update(token).digest('hex'));
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Orisha Healthcare France');
    expect(home.text).not.toContain('Omnidoc');
  });

  it('locks an e-mail after repeated failures, even with the right password, until the lock ends', async () => {
    const agent = web.agent();
    for (let i = 0; i < 4; i++) expect((await signIn(agent, 'lock@clinique.fr', `wrong ${i}`)).status).toBe(401);
    const fifth = await signIn(agent, 'lock@clinique.fr', 'wrong 5');
    expect(fifth.status).toBe(423);
    const right = await signIn(agent, 'lock@clinique.fr');
    expect(right.status).toBe(423);
    expect(right.text).toContain('verrouillé');
    web.clock.set(new Date(NOW.getTime() + 16 * 60_000));
    expect((await signIn(agent, 'lock@clinique.fr')).status).toBe(303);
  });

  it('holds back a client address that tries many e-mails', async () => {
    const agent = web.agent();
    web.clock.set(new Date(NOW.getTime() + 3 * 3_600_000));
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await signIn(agent, `nobody${i}@example.org`, 'guess')).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[20]).toBe(429);
  });

  it('ends a session server-side at sign-out, and after idle time or the absolute limit', async () => {
    const agent = web.agent();
    const ok = await signIn(agent, 'editor@clinique.fr');
    const cookie = (ok.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('registre_session='))!
      .split(';')[0];
    const replay = () => web.agent().get('/o/desmos').set('Cookie', cookie);
    expect((await replay()).status).toBe(200);
    const page = await agent.get('/account').expect(200);
    await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(303);
    const after = await replay();
    expect([after.status, after.headers.location]).toEqual([303, '/login?next=%2Fo%2Fdesmos']);

    const idle = web.agent();
    await signIn(idle, 'editor@clinique.fr');
    web.clock.set(new Date(NOW.getTime() + 29 * 60_000));
    await idle.get('/').expect(200);
    web.clock.set(new Date(NOW.getTime() + 58 * 60_000));
    await idle.get('/').expect(200);
    web.clock.set(new Date(NOW.getTime() + 89 * 60_000));
    expect((await idle.get('/')).status).toBe(303);

    const busy = web.agent();
    web.clock.set(NOW);
    await signIn(busy, 'editor@clinique.fr');
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
      web.clock.set(new Date(NOW.getTime() + minutes * 60_000));
      await busy.get('/').expect(200);
    }
    web.clock.set(new Date(NOW.getTime() + 12 * 60 * 60_000 + 60_000));
    expect((await busy.get('/')).status).toBe(303);
  });

  it('refuses a change without the CSRF token, with a wrong one, or posted from another site', async () => {
    const agent = web.agent();
    await signIn(agent, 'editor@clinique.fr');
    const form = await agent.get('/o/desmos/register/new').expect(200);
    const token = csrfOf(form.text);
    const post = () => agent.post('/o/desmos/register/new').type('form');
    const none = await post().send({ name: 'Sans jeton', role: 'controller' });
    expect(none.status).toBe(403);
    expect(none.text).toContain('jeton CSRF');
    // One character changed (never the same one: a token ending in A would otherwise stay valid).
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await post().send({ _csrf: forged, name: 'Faux', role: 'controller' })).status).toBe(403);
    expect(
      (await post().set('Sec-Fetch-Site', 'cross-site').send({ _csrf: token, name: 'Ailleurs', role: 'controller' }))
        .status,
    ).toBe(403);
    const viaHeader = await post().set('X-CSRF-Token', token).send({ name: 'Par htmx', role: 'controller' });
    expect([viaHeader.status, viaHeader.headers.location]).toEqual([303, '/o/desmos/register/t-par-htmx']);
    const list = await agent.get('/o/desmos/register').expect(200);
    expect(list.text).toContain('Par htmx');
    expect(list.text).not.toMatch(/Sans jeton|Faux|Ailleurs/);
  });

  it('keeps a form sent after the session ended: sign in again, then send it', async () => {
    const agent = web.agent();
    await signIn(agent, 'editor@clinique.fr');
    const token = csrfOf((await agent.get('/o/desmos/register/new')).text);
    web.clock.set(new Date(NOW.getTime() + 45 * 60_000));
    const expired = await agent
      .post('/o/desmos/register/new')
      .type('form')
      .send({ _csrf: token, name: 'Écrit avant expiration', role: 'controller', purposes: 'Suivre\nMesurer' });
    expect(expired.status).toBe(401);
    expect(expired.text).toContain('name="resume.f.name" value="Écrit avant expiration"');
    const hidden = [...expired.text.matchAll(/name="(resume\.[^"]+)" value="([^"]*)"/g)].map((m) => [
      m[1],
      m[2].replace(/&#x27;/g, "'"),
    ]);
    const resume = await agent
      .post('/login')
      .type('form')
      .send({
        _csrf: csrfOf(expired.text),
        email: 'editor@clinique.fr',
        password: PASSWORD,
        next: '/',
        ...Object.fromEntries(hidden),
      });
    expect(resume.status).toBe(200);
    expect(resume.text).toContain('action="/o/desmos/register/new"');
    expect(resume.text).toContain('name="name" value="Écrit avant expiration"');
    const resent = await agent
      .post('/o/desmos/register/new')
      .type('form')
      .send({
        _csrf: csrfOf(resume.text),
        name: 'Écrit avant expiration',
        role: 'controller',
        purposes: 'Suivre\nMesurer',
      });
    expect(resent.headers.location).toBe('/o/desmos/register/t-ecrit-avant-expiration');
    // Without the ended session's own token, it is a plain CSRF refusal.
    web.clock.set(new Date(NOW.getTime() + 120 * 60_000));
    const forged = await agent
      .post('/o/desmos/register/new')
      .type('form')
      .send({ _csrf: 'x'.repeat(43), name: 'Forgé' });
    expect(forged.status).toBe(403);
  });

  it("keeps what was typed and shows the API's field-level error next to the field", async () => {
    const agent = web.agent();
    await signIn(agent, 'editor@clinique.fr');
    const token = csrfOf((await agent.get('/o/desmos/register/new')).text);
    const res = await agent.post('/o/desmos/register/new').type('form').send({
      _csrf: token,
      name: 'Visio',
      role: 'controller',
      'transfers[0].country': 'US',
      'transfers[0].recipient': 'Zoom Video',
      'transfers[0].safeguard.kind': 'scc-2021',
      'transfers[0].safeguard.signedOn': '30/02/2026',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('value="Zoom Video"');
    expect(res.text).toContain('value="30/02/2026"');
    expect(res.text).toMatch(
      /id="f-transfers-0-safeguard-signedOn-error"><p class="field-error">n&#x27;est pas une date valide/,
    );
    expect(res.text).toContain('aria-invalid="true"');
  });

  it('gives a viewer the register as a workbook and the empty template, from the documents page', async () => {
    const agent = web.agent();
    await signIn(agent, 'viewer@clinique.fr');
    const page = (await agent.get('/o/desmos/documents').expect(200)).text;
    expect(page).toContain('href="/o/desmos/workbook.xlsx"');
    expect(page).toContain('href="/o/desmos/workbook-template.ods"');
    // The register table is offered beside the register, as a job like the other documents.
    expect(page).toMatch(/<h2 id="doc-register-table">Tableau du registre des activités de traitement<\/h2>/);
    expect(page).toContain('<input type="hidden" name="kind" value="register-table">');
    const binary = (r: request.Response) => r.body as Buffer;
    const parse = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    };
    const xlsx = await agent.get('/o/desmos/workbook.xlsx').buffer(true).parse(parse).expect(200);
    expect(xlsx.headers['content-disposition']).toMatch(/attachment; filename=".+\.xlsx"/);
    const book = XLSX.read(binary(xlsx), { type: 'buffer' });
    const cells = book.SheetNames.map((n) => XLSX.utils.sheet_to_csv(book.Sheets[n])).join('\n');
    expect(book.SheetNames.length).toBeGreaterThan(3);
    expect(cells).toContain('Comptabilité');
    expect(cells).toContain('Claranet');
    const template = await agent.get('/o/desmos/workbook-template.ods').buffer(true).parse(parse).expect(200);
    expect(binary(template).subarray(0, 2).toString()).toBe('PK');
    await agent.get('/o/desmos/workbook.csv').expect(400);
    // Another organisation's workbook is not this person's to read.
    expect((await agent.get('/o/omnidoc/workbook.xlsx')).status).toBeGreaterThanOrEqual(403);
  });

  it('records every write of a person in the audit trail under their name', async () => {
    // Later than the seed's import, so that the newest audit row is the person's.
    web.clock.set(new Date(NOW.getTime() + 5 * 60_000));
    const agent = web.agent();
    await signIn(agent, 'editor@clinique.fr');
    const token = csrfOf((await agent.get('/o/desmos/register/t-acces-locaux/edit')).text);
    await agent
      .post('/o/desmos/register/t-acces-locaux/edit')
      .type('form')
      .send({
        _csrf: token,
        name: 'Accès aux locaux',
        role: 'controller',
        'recipients[0].kind': 'internal',
        'recipients[0].name': 'Accueil',
      })
      .expect(303);
    const [row] = await selectRows<Record<string, string>>(
      web.databasePath,
      "SELECT actor_id, actor_name, action, after FROM audit_log WHERE entity_key = 't-acces-locaux' ORDER BY at DESC",
    );
    expect(row.actor_name).toBe('Élise Éditrice (editor@clinique.fr)');
    expect(row.actor_id).toMatch(/^user:[0-9a-f-]{36}$/);
    expect(row.action).toBe('update');
    expect(JSON.parse(row.after).recipients).toEqual([{ kind: 'internal', name: 'Accueil' }]);
    // The edit kept what the form does not show (the treatment's source).
    expect(JSON.parse(row.after).source.section).toBe('§7.1');
    const audit = await agent.get('/o/desmos/audit?key=t-acces-locaux').expect(200);
    expect(audit.text).toContain('Élise Éditrice (editor@clinique.fr)');
  });

  it("edits a treatment's DPIA and patient-record flag, and an engagement's scopes, access, DPA version and TIA, keeping the rest", async () => {
    web.clock.set(new Date(NOW.getTime() + 6 * 60_000));
    const agent = web.agent();
    await signIn(agent, 'editor@clinique.fr');
    const lastAfter = async (key: string) => {
      const [row] = await selectRows<{ after: string }>(
        web.databasePath,
        `SELECT after FROM audit_log WHERE entity_key = '${key}' ORDER BY at DESC`,
      );
      return JSON.parse(row.after) as Record<string, unknown>;
    };

    const treatmentPage = '/o/desmos/register/t-comptabilite/edit';
    const before = await lastAfter('t-comptabilite');
    const fields = formFields((await agent.get(treatmentPage).expect(200)).text);
    const refused = await agent
      .post(treatmentPage)
      .type('form')
      .send(formBody(fields, { 'dpia.status': 'not-needed', 'dpia.criteria': ['large-scale', 'sensitive-data'] }));
    expect(refused.status).toBe(400);
    // The DTO's rule (a reason when no DPIA is needed) lands next to its field; what was typed stays.
    expect(refused.text).toMatch(/id="f-dpia-reason-error"><p class="field-error">/);
    expect(refused.text).toMatch(/<input type="checkbox" name="dpia.criteria" value="large-scale" checked>/);
    await agent
      .post(treatmentPage)
      .type('form')
      .send(
        formBody(fields, {
          'dpia.status': 'not-needed',
          'dpia.criteria': ['large-scale'],
          'dpia.reason': 'Un seul critère WP248, aucune donnée de santé',
          'dpia.reviewOn': '15/01/2027',
          patientRecord: 'false',
        }),
      )
      .expect(303);
    const treatment = await lastAfter('t-comptabilite');
    expect(treatment.dpia).toEqual({
      status: 'not-needed',
      criteria: ['large-scale'],
      reason: 'Un seul critère WP248, aucune donnée de santé',
      reviewOn: '2027-01-15',
    });
    expect(treatment.patientRecord).toBe(false);
    for (const kept of ['name', 'purposes', 'dataCategories', 'recipients', 'source', 'uses'])
      expect({ kept, value: treatment[kept] }).toEqual({ kept, value: before[kept] });
    const again = (await agent.get(treatmentPage)).text;
    expect(again).toContain('<option value="not-needed" selected>Non nécessaire</option>');
    expect(again).toContain('name="dpia.criteria" value="large-scale" checked> <span>Traitement à grande échelle');

    const shownTreatment = main((await agent.get('/o/desmos/register/t-comptabilite').expect(200)).text);
    expect(shownTreatment).toContain('<dt>Statut de l&#x27;AIPD</dt><dd>Non nécessaire</dd>');
    expect(shownTreatment).toContain('<li>Traitement à grande échelle</li>');
    expect(shownTreatment).toContain('15 janvier 2027');

    const engagementPage = '/o/desmos/engagements/aws-hosting/edit';
    const engagementBefore = await lastAfter('aws-hosting');
    const page = (await agent.get(engagementPage).expect(200)).text;
    expect(page).toContain('Version du DPA');
    await agent
      .post(engagementPage)
      .type('form')
      .send(
        formBody(formFields(page), {
          dpaVersion: 'v3.2',
          dpaVersionDate: '2024-06-01',
          listedOn: '02/05/2024',
          accessWorldwide: 'true',
          accessExceptCountries: 'RU, CN',
          'serviceScopes[0].service': 'Hébergement IaaS',
          'serviceScopes[0].hdsActivities': ['physical-sites', 'hardware'],
          'serviceScopes[0].healthData': 'true',
          'transferSafeguards[0].kind': 'scc-2021',
          'transferSafeguards[0].countries': 'US',
          'transferSafeguards[0].tia.assessedOn': '14/03/2025',
          'transferSafeguards[0].tia.conclusion': 'supplementary-measures',
          'transferSafeguards[0].tia.supplementaryMeasures': 'Chiffrement\nClés conservées dans l’UE',
        }),
      )
      .expect(303);
    const engagement = await lastAfter('aws-hosting');
    expect(engagement).toMatchObject({
      dpaVersion: 'v3.2',
      dpaVersionDate: '2024-06-01',
      listedOn: '2024-05-02',
      accessWorldwide: true,
      accessExceptCountries: ['RU', 'CN'],
      serviceScopes: [{ service: 'Hébergement IaaS', hdsActivities: ['physical-sites', 'hardware'], healthData: true }],
      transferSafeguards: [
        {
          kind: 'scc-2021',
          countries: ['US'],
          tia: {
            assessedOn: '2025-03-14',
            conclusion: 'supplementary-measures',
            supplementaryMeasures: ['Chiffrement', 'Clés conservées dans l’UE'],
          },
        },
      ],
    });
    // Multi-line text comes back as it was (Handlebars indented a partial's lines, values included).
    for (const kept of ['provider', 'services', 'hdsActivities', 'processingCountries', 'notes', 'source'])
      expect({ kept, value: engagement[kept] }).toEqual({ kept, value: engagementBefore[kept] });
    const shown = (await agent.get(engagementPage)).text;
    expect(shown).toContain('value="Hébergement IaaS"');
    expect(shown).toMatch(/name="accessWorldwide" value="true" checked/);
    expect(shown).toContain('Chiffrement\nClés conservées dans l’UE</textarea>');
  });

  it('answers 404 on every organisation page of an organisation not granted, exactly as for one that does not exist', async () => {
    const agent = web.agent();
    await signIn(agent, 'viewer@clinique.fr');
    const routes = webRoutes(web).filter((r) => r.path.startsWith('/o/:slug') && r.method === 'get');
    expect(routes.length).toBeGreaterThan(30);
    for (const r of routes) {
      const other = await agent.get(concrete(r.path).replace('/o/desmos', '/o/omnidoc'));
      const none = await agent.get(concrete(r.path).replace('/o/desmos', '/o/does-not-exist'));
      expect({ path: r.path, other: other.status, none: none.status }).toEqual({ path: r.path, other: 404, none: 404 });
      expect(main(other.text)).toBe(main(none.text));
    }
  });

  it('shows a viewer no edit control and refuses every change they forge (403), documents aside', async () => {
    const agent = web.agent();
    await signIn(agent, 'viewer@clinique.fr');
    const register = await agent.get('/o/desmos/register').expect(200);
    expect(register.text).not.toContain('/register/new');
    const sheet = await agent.get('/o/desmos/register/t-acces-locaux').expect(200);
    expect(sheet.text).not.toMatch(/\/edit"|\/delete"/);
    const findings = await agent.get('/o/desmos/findings').expect(200);
    expect(findings.text).not.toMatch(/findings\/waive|Corriger/);
    const token = csrfOf(sheet.text);
    const writes = webRoutes(web).filter((r) => r.path.startsWith('/o/:slug') && r.method === 'post');
    expect(writes.length).toBeGreaterThan(20);
    for (const r of writes) {
      const res = await agent
        .post(concrete(r.path))
        .type('form')
        .send({ _csrf: token, name: 'forged', kind: 'register-controller' });
      const expected = r.path.endsWith('/documents/jobs') ? 303 : 403;
      expect({ path: r.path, status: res.status }).toEqual({ path: r.path, status: expected });
    }
    expect((await agent.get('/o/desmos/register')).text).not.toContain('forged');
    expect((await agent.get('/admin/users')).status).toBe(403);
  });

  it('sends people who are not signed in to the sign-in page, and keeps its own 404 page outside /api', async () => {
    for (const r of webRoutes(web).filter((x) => x.method === 'get' && !/^\/(login|lang|assets)/.test(x.path))) {
      const res = await web.agent().get(concrete(r.path));
      expect({ path: r.path, status: res.status, to: String(res.headers.location).startsWith('/login?next=') }).toEqual(
        {
          path: r.path,
          status: 303,
          to: true,
        },
      );
    }
    const page = await web.agent().get('/no/such/page').expect(404);
    expect(page.headers['content-type']).toMatch(/html/);
    expect(page.text).toContain('Page introuvable');
    const api = await web.agent().get('/api/no/such/route').expect(404);
    expect(api.body.code).toBe('not_found');
    const docs = await web.agent().get('/api/docs-json').expect(200);
    expect(Object.keys(docs.body.paths).filter((p) => !p.startsWith('/api/'))).toEqual([]);
  });

  it('speaks English on request and formats dates in that language', async () => {
    const agent = web.agent();
    await signIn(agent, 'editor@clinique.fr');
    const switched = await agent.get('/lang/en?next=/o/desmos').expect(303);
    expect(switched.headers.location).toBe('/o/desmos');
    const page = await agent.get('/o/desmos?asOf=2026-12-01').expect(200);
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toContain('Deadlines in the next 90 days');
    expect(page.text).toContain('11 January 2027');
    expect((await agent.get('/lang/fr?next=https://evil.example/')).headers.location).toBe('/');
  });
});

describe('web application: people from the command line, the first admin, several instances', () => {
  it('creates a person with `registre users create`, the password read from standard input only', async () => {
    const db = tempDatabase();
    try {
      expect(cli(['seed'], db.path).code).toBe(0);
      const created = cli(
        ['users', 'create', '--email', 'Jeanne@Clinique.fr', '--name', 'Jeanne', '--role', 'editor', '--org', 'desmos'],
        db.path,
        `${PASSWORD}\n`,
      );
      expect([created.code, created.stdout.trim()]).toEqual([0, 'created jeanne@clinique.fr (editor of desmos)']);
      const asArgument = cli(
        [
          'users',
          'create',
          '--email',
          'x@y.fr',
          '--name',
          'X',
          '--role',
          'viewer',
          '--org',
          '*',
          '--password',
          PASSWORD,
        ],
        db.path,
        '',
      );
      expect(asArgument.code).toBe(2);
      expect(
        cli(
          ['users', 'create', '--email', 'z@y.fr', '--name', 'Z', '--role', 'viewer', '--org', '*'],
          db.path,
          'short\n',
        ).code,
      ).toBe(1);
      const web = await startWeb({ databasePath: db.path });
      try {
        const agent = web.agent();
        expect((await signIn(agent, 'jeanne@clinique.fr')).status).toBe(303);
        expect((await agent.get('/o/desmos/register')).text).toContain('Nouveau traitement');
      } finally {
        await web.close();
      }
      expect(cli(['users', 'list'], db.path).stdout).toMatch(/jeanne@clinique\.fr\s+active\s+editor:desmos/);
    } finally {
      db.cleanup();
    }
  });

  it('gives the first person a one-time password, which must be replaced before anything else', async () => {
    const web = await startWeb({ seeds: ['desmos'] });
    try {
      const first = await web.users.ensureFirstAdmin();
      expect(first?.email).toBe('admin@registre.local');
      const again = await web.users.ensureFirstAdmin();
      expect(again?.password).not.toBe(first?.password);
      const agent = web.agent();
      expect((await signIn(agent, first!.email, first!.password)).status).toBe(401);
      const ok = await signIn(agent, again!.email, again!.password);
      expect(ok.headers.location).toBe('/account/password');
      expect((await agent.get('/o/desmos')).headers.location).toBe('/account/password');
      const form = await agent.get('/account/password').expect(200);
      const weak = await agent
        .post('/account/password')
        .type('form')
        .send({ _csrf: csrfOf(form.text), current: again!.password, password: 'short', confirm: 'short' });
      expect(weak.status).toBe(400);
      await agent
        .post('/account/password')
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          current: again!.password,
          password: 'my own long passphrase',
          confirm: 'my own long passphrase',
        })
        .expect(303);
      await agent.get('/o/desmos').expect(200);
      expect(await web.users.ensureFirstAdmin()).toBeUndefined();
    } finally {
      await web.close();
    }
  });

  it('shares sessions between two instances on one database: signed in on one, known and signed out on the other', async () => {
    const a = await startWeb({ seeds: ['desmos'] });
    const b = await startWeb({ databasePath: a.databasePath });
    try {
      await a.person('dpo@clinique.fr', [['*', 'admin']]);
      const ok = await signIn(a.agent(), 'dpo@clinique.fr');
      const cookie = (ok.headers['set-cookie'] as unknown as string[])
        .find((c) => c.startsWith('registre_session='))!
        .split(';')[0];
      const onB = await b.agent().get('/account').set('Cookie', cookie).expect(200);
      await b
        .agent()
        .post('/logout')
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrfOf(onB.text) })
        .expect(303);
      expect((await a.agent().get('/account').set('Cookie', cookie)).status).toBe(303);
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('marks the session cookie Secure when configured, or when a trusted proxy says the request came over HTTPS', async () => {
    const always = await startWeb({ env: { SESSION_COOKIE_SECURE: 'true' } });
    const proxied = await startWeb({ env: { TRUST_PROXY: '1' } });
    try {
      for (const [web, https] of [
        [always, false],
        [proxied, true],
      ] as const) {
        await web.person('p@clinique.fr', [['*', 'viewer']]);
        // A Secure cookie is not sent back over plain HTTP: the sign-in token is passed by hand.
        const page = await request(web.server).get('/login');
        const csrfCookie = (page.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
        const res = await request(web.server)
          .post('/login')
          .set('X-Forwarded-Proto', https ? 'https' : 'http')
          .set('Cookie', csrfCookie)
          .type('form')
          .send({ _csrf: csrfOf(page.text), email: 'p@clinique.fr', password: PASSWORD });
        expect(res.status).toBe(303);
        const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
          c.startsWith('registre_session='),
        );
        expect(cookie).toMatch(/; Secure/);
      }
    } finally {
      await always.close();
      await proxied.close();
    }
  });
});
