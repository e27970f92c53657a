import { run, Io } from '../../src/cli/program';
import { SettableClock } from '../../src/common/clock';
import { databaseEnv, ORG, startApi, TestApi } from '../helpers';

/**
 * Issue 10 item 4: "now" is read through the application's one Clock. Here the clock is set to an
 * instant whose Paris day (5 March 2031, 00:30) is not its UTC day, and every default date and every
 * timestamp the API and the CLI make follow it.
 */
describe('one clock drives every default date and every timestamp', () => {
  const clock = new SettableClock('2031-03-04T23:30:00.000Z');
  let api: TestApi;
  const org = `/api/organisations/${ORG.slug}`;

  beforeAll(async () => {
    api = await startApi({ clock });
    await api.http().post('/api/organisations').send(ORG).expect(201);
    await api.http().post(`${org}/subcontractors`).send({ key: 'host', name: 'Hébergeur', country: 'FR' }).expect(201);
    await api
      .http()
      .post(`${org}/certificates`)
      .send({
        key: 'host-iso',
        subcontractor: 'host',
        kind: 'iso-27001',
        validFrom: '2028-01-01',
        validTo: '2031-03-04',
      })
      .expect(201);
    await api.http().post(`${org}/engagements`).send({ key: 'hosting', provider: 'host' }).expect(201);
    await api
      .http()
      .post(`${org}/treatments`)
      .send({ key: 'dossier', name: 'Dossier patient', role: 'controller', uses: [{ engagement: 'hosting' }] })
      .expect(201);
  });
  afterAll(async () => api.close());

  it('stamps records and their audit rows with the clock instant', async () => {
    const created = (await api.http().get(`${org}/treatments/dossier`).expect(200)).body;
    expect(created).toMatchObject({ createdAt: '2031-03-04T23:30:00.000Z', updatedAt: '2031-03-04T23:30:00.000Z' });
    clock.advance(90_000);
    const changed = await api
      .http()
      .patch(`${org}/treatments/dossier`)
      .send({ purposes: ['Soins'] })
      .expect(200);
    expect(changed.body).toMatchObject({
      createdAt: '2031-03-04T23:30:00.000Z',
      updatedAt: '2031-03-04T23:31:30.000Z',
    });
    const audit = (await api.http().get(`${org}/audit?entity=Treatment`).expect(200)).body as {
      at: string;
      action: string;
    }[];
    expect(audit.map((a) => [a.action, a.at])).toEqual([
      ['update', '2031-03-04T23:31:30.000Z'],
      ['create', '2031-03-04T23:30:00.000Z'],
    ]);
    const orgView = (await api.http().get(org).expect(200)).body;
    expect(orgView.createdAt).toBe('2031-03-04T23:30:00.000Z');
  });

  it('takes today in Paris from the clock as the default day of findings, documents and the calendar', async () => {
    const findings = (await api.http().get(`${org}/findings`).expect(200)).body;
    expect(findings.asOf).toBe('2031-03-05');
    // The certificate's last day was 4 March: on the clock's Paris day it has expired.
    expect(findings.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('certificate.expired');
    const register = await api.http().get(`${org}/documents/register.html`).expect(200);
    expect(register.text).toContain('5 mars 2031');
    const ics = await api.http().get(`${org}/calendar.ics`).expect(200);
    expect(ics.text).toContain('DTSTAMP:20310304T233130Z');
  });

  it('scans alerts on the clock’s day and stamps them with its instant', async () => {
    const scan = (await api.http().post(`${org}/alerts/scan`).expect(200)).body;
    expect(scan).toMatchObject({ at: '2031-03-04T23:31:30.000Z', asOf: '2031-03-05' });
    const [alert] = (await api.http().get(`${org}/alerts`).expect(200)).body as { kind: string; createdAt: string }[];
    expect(alert).toMatchObject({ kind: 'certificate-expired', createdAt: '2031-03-04T23:31:30.000Z' });
  });

  it('judges a breach timeline at the clock instant by default', async () => {
    await api
      .http()
      .post(`${org}/breaches`)
      .send({ key: 'fuite', title: 'Fuite', riskLevel: 'risk', organisationAwareAt: '2031-03-02T23:00:00Z' })
      .expect(201);
    const timeline = (await api.http().get(`${org}/breaches/fuite/timeline`).expect(200)).body;
    expect(Date.parse(timeline.at)).toBe(Date.parse('2031-03-04T23:31:30.000Z'));
    // Aware on 3 March 00:00 Paris: the 72 hours end on 6 March 00:00, still ahead of the clock.
    expect(timeline.steps[0]).toMatchObject({ status: 'pending' });
    clock.set('2031-03-06T00:00:01+01:00');
    const late = (await api.http().get(`${org}/breaches/fuite/timeline`).expect(200)).body;
    expect(late.steps[0]).toMatchObject({ status: 'overdue' });
  });

  it('publishes a version at the clock instant', async () => {
    clock.set('2031-03-07T08:00:00.000Z');
    const version = (await api.http().post(`${org}/versions`).send({ note: 'CNIL' }).expect(201)).body;
    expect(version.publishedAt).toBe('2031-03-07T08:00:00.000Z');
  });

  it('expires an API key when the clock passes its end', async () => {
    clock.set('2031-04-01T09:59:59.999Z');
    const key = await api.key('viewer', [ORG.slug], '2031-04-01T10:00:00Z');
    const asViewer = () => api.anonymous().get(org).set('Authorization', `Bearer ${key.token}`);
    await asViewer().expect(200);
    clock.advance(1);
    const refused = await asViewer().expect(401);
    expect(refused.body.code).toBe('invalid_key');
  });

  it('gives the CLI the same clock (in process): `check` defaults to its Paris day', async () => {
    clock.set('2031-06-30T22:00:00.000Z'); // 1 July 2031, 00:00 in Paris
    const out: string[] = [];
    const io: Io = { out: (t) => out.push(t), err: (t) => out.push(t) };
    const code = await run(['node', 'registre', 'check', '--org', ORG.slug, '--json'], io, {
      clock,
      env: { ...process.env, ...databaseEnv(api.databasePath) },
    });
    expect(code).toBe(1); // the expired certificate is an open error
    expect(JSON.parse(out.join('')).asOf).toBe('2031-07-01');
  });
});
