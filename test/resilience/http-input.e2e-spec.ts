import { request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ORG, startApi, TestApi } from '../helpers';

/** Issue 11 defect 12 (HTTP): what the API took without complaint, or answered with the wrong status. */
describe('hostile input over HTTP: a 4xx naming the field, nothing written', () => {
  let api: TestApi;
  const org = `/api/organisations/${ORG.slug}`;

  beforeAll(async () => {
    api = await startApi({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    await api.http().post('/api/organisations').send(ORG).expect(201);
    await api.http().post(`${org}/subcontractors`).send({ key: 'host', name: 'Hébergeur', country: 'FR' }).expect(201);
    await api.http().post(`${org}/engagements`).send({ key: 'hosting', provider: 'host' }).expect(201);
  });
  afterAll(async () => api.close());

  const problemOf = (res: { body: { details: { field: string; problem: string }[] } }, field: string) =>
    res.body.details.find((d) => d.field === field)?.problem;

  it.each([
    [
      'post',
      'treatments',
      { key: 't1', name: 'T', role: 'controller', legalBasis: [{ article6: ['consent'] }] },
      'legalBasis',
    ],
    ['post', 'treatments', { key: 't1', name: 'T', role: 'controller', source: [{ document: 'x' }] }, 'source'],
    ['post', 'subcontractors', { key: 's1', name: 'S', contact: [{ name: 'x' }] }, 'contact'],
    ['post', 'engagements', { key: 'e1', provider: 'host', term: [{ startsOn: '2026-01-01' }] }, 'term'],
    ['post', 'engagements', { key: 'e1', provider: 'host', source: [{ document: 'DPA' }] }, 'source'],
    [
      'post',
      'subprocessor-changes',
      { key: 'c1', engagement: 'hosting', subprocessor: 'host', kind: 'addition', objection: [] },
      'objection',
    ],
    ['patch', '', { settings: [{ expiryHorizonDays: 30 }] }, 'settings'],
    ['patch', '', { dpo: [{ name: 'x' }] }, 'dpo'],
    ['patch', '', { processorTerms: [] }, 'processorTerms'],
    ['patch', '', { contact: [] }, 'contact'],
  ] as const)('%s …/%s: refuses a list for an object field', async (method, collection, body, field) => {
    const res = await api
      .http()
      [method](collection ? `${org}/${collection}` : org)
      .send(body)
      .expect(400);
    expect(problemOf(res, field)).toBe('must be an object, not a list or a value');
  });

  it('refuses a NUL character with a 400 naming the field, on create and import (both engines alike)', async () => {
    const created = await api
      .http()
      .post(`${org}/subcontractors`)
      .set('Content-Type', 'application/json')
      .send('{"key":"nul","name":"H\\u0000te"}')
      .expect(400);
    expect(created.body.details).toEqual([
      { field: 'name', problem: 'contains a NUL character (U+0000), which cannot be stored' },
    ]);
    await api.http().get(`${org}/subcontractors/nul`).expect(404);
    const imported = await api
      .http()
      .post('/api/import')
      .send({
        format: 'registre-bundle',
        version: 1,
        organisation: { slug: 'n', name: 'N\u0000', country: 'FR', roles: ['controller'] },
      })
      .expect(400);
    expect(imported.body.details[0].field).toBe('organisation.name');
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses a "%s" key with a 400, on create, change and import',
    async (key) => {
      const raw = (obj: string) =>
        api.http().post(`${org}/subcontractors`).set('Content-Type', 'application/json').send(obj);
      const created = await raw(`{"key":"s2","name":"S","${key}":{"isAdmin":true}}`).expect(400);
      expect(created.body.details).toEqual([
        { field: key, problem: `"${key}" is a reserved name and cannot be a field` },
      ]);
      const nested = await api
        .http()
        .patch(`${org}/subcontractors/host`)
        .set('Content-Type', 'application/json')
        .send(`{"contact":{"${key}":{"name":"x"}}}`)
        .expect(400);
      expect(nested.body.details[0].field).toBe(`contact.${key}`);
      const imported = await api
        .http()
        .post('/api/import')
        .set('Content-Type', 'application/json')
        .send(
          `{"format":"registre-bundle","version":1,"organisation":{"slug":"p","name":"P","country":"FR","roles":["controller"],"${key}":1}}`,
        )
        .expect(400);
      expect(imported.body.details[0].field).toBe(`organisation.${key}`);
      await api.http().get(`${org}/subcontractors/s2`).expect(404);
    },
  );

  it('refuses a body that is not UTF-8 (400, not U+FFFD in the register)', async () => {
    const body = Buffer.concat([
      Buffer.from('{"key":"s3","name":"Caf'),
      Buffer.from([0xe9]),
      Buffer.from('","country":"FR"}'),
    ]);
    const { token } = await api.key('admin', ['*']);
    const res = await raw(
      api,
      'POST',
      `${org}/subcontractors`,
      { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'invalid_utf8', details: [{ field: '(body)' }] });
    await api.http().get(`${org}/subcontractors/s3`).expect(404);
  });

  it.each([
    ['subcontractors', { key: 's4', name: '   ' }, 'name'],
    ['subcontractors', { key: 's4', name: '\u001b\u0007\u0008' }, 'name'],
    ['treatments', { key: 't4', name: '\t\n \u200b', role: 'controller' }, 'name'],
    ['breaches', { key: 'b4', title: '\u00a0\u3000', riskLevel: 'risk' }, 'title'],
  ])('refuses a name made only of spaces or control characters (%s)', async (collection, body, field) => {
    const res = await api.http().post(`${org}/${collection}`).send(body).expect(400);
    expect(problemOf(res, field)).toBe('must contain visible text, not only spaces or control characters');
  });

  it('refuses such names for organisations and keys too', async () => {
    const patch = await api.http().patch(org).send({ name: ' \u0085 ' }).expect(400);
    expect(problemOf(patch, 'name')).toContain('visible text');
    const key = await api
      .http()
      .post('/api/keys')
      .send({ name: '\u001b\u0007 ', role: 'viewer', organisations: ['*'] })
      .expect(400);
    expect(problemOf(key, 'name')).toContain('visible text');
  });

  it('answers 401 with a code to two Authorization headers', async () => {
    const { token } = await api.key('admin', ['*']);
    const { status, body } = await raw(api, 'GET', org, { authorization: [`Bearer ${token}`, 'Bearer rk_other'] });
    expect(status).toBe(401);
    expect(JSON.parse(body)).toMatchObject({ statusCode: 401, code: 'ambiguous_credentials' });
  });
});

describe('the rate limit counts per client, not per route', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(async () => api.close());

  it('stops a client that spreads its requests over several routes', async () => {
    const statuses: number[] = [];
    for (const path of [
      '/api/health',
      '/api/rules',
      '/api/organisations',
      '/api/health',
      '/api/rules',
      '/api/organisations',
    ]) {
      statuses.push((await api.http().get(path)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

/** A request exactly as given (bytes, repeated headers), which supertest would normalise. */
async function raw(
  api: TestApi,
  method: string,
  path: string,
  headers: Record<string, string | string[]>,
  body?: Buffer,
): Promise<{ status: number; body: string }> {
  const server = api.app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: (server.address() as AddressInfo).port, path, method },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
    req.on('error', reject);
    req.end(body);
  });
}
