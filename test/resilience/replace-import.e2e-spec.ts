import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ORG, startApi, TestApi } from '../helpers';

/**
 * Issue 11, defect 3: a replacing import used to delete the organisation's published versions and leave
 * its audit rows bound to no organisation. A version handed to the CNIL and the record of who changed
 * what survive any import; the replacement is itself audited.
 */
describe('a replacing import keeps published versions and the audit trail', () => {
  let api: TestApi;
  const base = `/api/organisations/${ORG.slug}`;

  beforeAll(async () => {
    api = await startApi();
    await api.http().post('/api/organisations').send(ORG).expect(201);
    await api.http().post(`${base}/treatments`).send({ key: 'paie', name: 'Paie', role: 'controller' }).expect(201);
    await api.http().post(`${base}/versions`).send({ note: 'transmis à la CNIL' }).expect(201);
  });
  afterAll(() => api.close());

  it('over HTTP and from the command line', async () => {
    const before = (await api.http().get(`${base}/audit`).expect(200)).body as unknown[];
    const bundle = (await api.http().get(`${base}/export`).expect(200)).body;
    bundle.treatments = [{ key: 'rh', name: 'Ressources humaines', role: 'controller' }];
    const imported = await api.http().post('/api/import?replace=true').send(bundle).expect(201);
    expect(imported.body).toMatchObject({ replaced: true, counts: { treatments: 1 } });

    const version = await api.http().get(`${base}/versions/1`).expect(200);
    expect(version.body.note).toBe('transmis à la CNIL');
    expect(version.body.bundle.treatments.map((t: { key: string }) => t.key)).toEqual(['paie']);
    const pdf = await api.http().get(`${base}/versions/1/register.html`).expect(200);
    expect(pdf.text).toContain('Paie');

    const after = (await api.http().get(`${base}/audit`).expect(200)).body as { action: string; key: string }[];
    expect(after.length).toBeGreaterThan(before.length);
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after.find((a) => a.action === 'import')).toMatchObject({ key: ORG.slug });
    expect((await api.http().get(`${base}/treatments`).expect(200)).body.map((t: { key: string }) => t.key)).toEqual([
      'rh',
    ]);

    // The same through `registre import --replace`, on the same database (another process).
    const file = join(api.dir, 'bundle.json');
    writeFileSync(file, JSON.stringify({ ...bundle, treatments: [] }));
    const run = cli(['import', file, '--replace'], api.databasePath);
    expect(run.code).toBe(0);
    expect(
      (await api.http().get(`${base}/versions`).expect(200)).body.map((v: { number: number }) => v.number),
    ).toEqual([1]);
    const audited = (await api.http().get(`${base}/audit?action=import`).expect(200)).body as {
      actor: { id: string };
    }[];
    expect(audited.map((a) => a.actor.id)).toEqual(['cli', expect.any(String)]);
  });
});
