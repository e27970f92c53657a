import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { cli, ENGINE, startServer, tempDatabase, TestServer } from './helpers';

/**
 * Issue 10, item 2: more than one instance. Two `registre serve` processes on one database (PostgreSQL,
 * as deployed when one machine is not enough; SQLite too, several processes on one file): a write
 * through one is read through the other; a scan in both at once delivers each alert once; the rate
 * limit is per instance, as docs/database.md says.
 */
describe(`two API instances on one database (${ENGINE})`, () => {
  const db = tempDatabase();
  const received: { delivery: string; alert: string }[] = [];
  const hook = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      received.push({
        delivery: String(req.headers['x-registre-delivery']),
        alert: (JSON.parse(raw) as { id: string }).id,
      });
      res.end('ok');
    });
  });
  let a: TestServer;
  let b: TestServer;
  let token = '';
  const as = (server: TestServer) => {
    const agent = request(server.url);
    const auth = { Authorization: `Bearer ${token}` };
    return {
      get: (path: string) => agent.get(path).set(auth),
      post: (path: string) => agent.post(path).set(auth),
      patch: (path: string) => agent.patch(path).set(auth),
    };
  };
  const base = '/api/organisations/desmos';

  beforeAll(async () => {
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    expect(cli(['seed'], db.path).code).toBe(0);
    token = (
      JSON.parse(
        cli(['keys', 'create', '--name', 'ops', '--role', 'admin', '--org', '*', '--json'], db.path).stdout,
      ) as {
        token: string;
      }
    ).token;
    const env = { RATE_LIMIT_PER_MINUTE: '40', ALERTS_WEBHOOK_ALLOW: '127.0.0.1' }; // the receiver is on the loopback
    [a, b] = await Promise.all([startServer(db.path, env), startServer(db.path, env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await new Promise((resolve) => hook.close(resolve));
    db.cleanup();
  });

  it('reads through one instance what was written through the other', async () => {
    const treatment = { key: 'teleconsultation', name: 'Téléconsultation', role: 'controller' };
    await as(a).post(`${base}/treatments`).send(treatment).expect(201);
    const read = await as(b).get(`${base}/treatments/teleconsultation`).expect(200);
    expect(read.body).toMatchObject(treatment);
    await as(b).patch(`${base}/treatments/teleconsultation`).send({ name: 'Téléconsultation (v2)' }).expect(200);
    expect((await as(a).get(`${base}/treatments/teleconsultation`).expect(200)).body.name).toBe(
      'Téléconsultation (v2)',
    );
  });

  it('delivers each alert once when both instances scan at the same time', async () => {
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    await as(a)
      .post(`${base}/alert-channels`)
      .send({ key: 'soc', kind: 'webhook', url, secret: 'a-webhook-secret-of-32-characters!' })
      .expect(201);
    const results = await Promise.all(
      [a, b].map(
        async (s) =>
          (await as(s).post(`${base}/alerts/scan?asOf=2026-11-01`).expect(200)).body as {
            organisations: { created: number; sent: number }[];
          },
      ),
    );
    expect(results.map((r) => r.organisations[0].created).reduce((x, y) => x + y)).toBe(2);
    expect(results.map((r) => r.organisations[0].sent).reduce((x, y) => x + y)).toBe(2);
    expect(received).toHaveLength(2);
    expect(new Set(received.map((r) => r.alert)).size).toBe(2);
    const alerts = (await as(b).get(`${base}/alerts`).expect(200)).body as { deliveries: { status: string }[] }[];
    expect(alerts.flatMap((x) => x.deliveries.map((d) => d.status))).toEqual(['sent', 'sent']);
  });

  it('limits the rate per instance: one instance refusing does not make the other refuse', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45 && !statuses.includes(429); i++) statuses.push((await as(a).get(base)).status);
    expect(statuses).toContain(429);
    await as(b).get(base).expect(200);
  });
});
