import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ORG, startApi, TestApi } from '../helpers';

/**
 * Issue 11 defect 9: webhooks reached any host and followed redirects, and the target's status came
 * back in lastError. Loopback, private, link-local and metadata addresses are refused by default
 * (decided in src/common/ip-address.ts, tested there with such addresses as data); only 127.0.0.1 is
 * used here. An allow-list setting opens an intranet receiver; a redirect is never followed.
 */
async function receiver(answer: (hits: number) => { status: number; location?: string }) {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits++;
      const { status, location } = answer(hits);
      res.writeHead(status, location ? { location } : {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/hook`,
    hits: () => hits,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const SECRET = 'a-webhook-secret-of-32-characters!';
const org = `/api/organisations/${ORG.slug}`;

/** An organisation with one certificate ten days from its end: one alert per scan of 2026-06-01. */
async function withExpiringCertificate(api: TestApi) {
  await api.http().post('/api/organisations').send(ORG).expect(201);
  await api.http().post(`${org}/subcontractors`).send({ key: 'host', name: 'Hébergeur', country: 'FR' }).expect(201);
  await api
    .http()
    .post(`${org}/certificates`)
    .send({ key: 'iso', subcontractor: 'host', kind: 'iso-27001', validFrom: '2024-01-01', validTo: '2026-06-11' })
    .expect(201);
  await api.http().post(`${org}/engagements`).send({ key: 'hosting', provider: 'host' }).expect(201);
  await api
    .http()
    .post(`${org}/treatments`)
    .send({ key: 't', name: 'Dossier', role: 'controller', uses: [{ engagement: 'hosting' }] })
    .expect(201);
}

async function deliveries(api: TestApi) {
  const alerts = (await api.http().get(`${org}/alerts`).expect(200)).body as {
    deliveries: { channel: string; status: string; lastError: string | null }[];
  }[];
  return Object.fromEntries(alerts.flatMap((a) => a.deliveries).map((d) => [d.channel, d]));
}

describe('webhooks: the loopback is refused by default', () => {
  let api: TestApi;
  let hook: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    hook = await receiver(() => ({ status: 200 }));
    api = await startApi({ env: { ALERTS_ATTEMPTS: '1' } });
    await withExpiringCertificate(api);
    for (const [key, url] of [
      ['ip', hook.url],
      ['name', `http://localhost:${hook.port}/hook`],
      ['ipv6', `http://[::1]:${hook.port}/hook`],
      ['mapped', `http://[::ffff:127.0.0.1]:${hook.port}/hook`],
    ]) {
      await api.http().post(`${org}/alert-channels`).send({ key, kind: 'webhook', url, secret: SECRET }).expect(201);
    }
  });
  afterAll(async () => {
    await api.close();
    await hook.close();
  });

  it('sends nothing to 127.0.0.1, whether named by address or by a name that resolves to it', async () => {
    const scan = (await api.http().post(`${org}/alerts/scan?asOf=2026-06-01`).expect(200)).body;
    expect(scan.organisations[0]).toMatchObject({ created: 1, sent: 0, failed: 4 });
    expect(hook.hits()).toBe(0);
    const byChannel = await deliveries(api);
    expect(byChannel.ip.lastError).toBe(
      'refused: 127.0.0.1 is a loopback address (ALERTS_WEBHOOK_ALLOW can allow an intranet receiver)',
    );
    expect(byChannel.name.lastError).toMatch(/^refused: localhost: (127\.0\.0\.1|::1) is a loopback address/);
    expect(byChannel.ipv6.lastError).toContain('::1 is a loopback address');
    expect(byChannel.mapped.lastError).toContain('loopback');
    for (const d of Object.values(byChannel)) expect(d.status).toBe('failed');
  });
});

describe('webhooks: an allow-listed intranet receiver is reached, a redirect is not followed', () => {
  let api: TestApi;
  let target: Awaited<ReturnType<typeof receiver>>;
  let redirecting: Awaited<ReturnType<typeof receiver>>;
  let direct: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    target = await receiver(() => ({ status: 200 }));
    redirecting = await receiver(() => ({ status: 307, location: target.url }));
    direct = await receiver(() => ({ status: 200 }));
    api = await startApi({ env: { ALERTS_ATTEMPTS: '1', ALERTS_WEBHOOK_ALLOW: '127.0.0.1/32' } });
    await withExpiringCertificate(api);
    await api
      .http()
      .post(`${org}/alert-channels`)
      .send({ key: 'direct', kind: 'webhook', url: direct.url, secret: SECRET })
      .expect(201);
    await api
      .http()
      .post(`${org}/alert-channels`)
      .send({ key: 'redirect', kind: 'webhook', url: redirecting.url, secret: SECRET })
      .expect(201);
  });
  afterAll(async () => {
    await api.close();
    await Promise.all([target.close(), redirecting.close(), direct.close()]);
  });

  it('delivers to the allowed address and records the redirect as a failure without following it', async () => {
    const scan = (await api.http().post(`${org}/alerts/scan?asOf=2026-06-01`).expect(200)).body;
    expect(scan.organisations[0]).toMatchObject({ created: 1, sent: 1, failed: 1 });
    expect(direct.hits()).toBe(1);
    expect(redirecting.hits()).toBe(1);
    expect(target.hits()).toBe(0);
    const byChannel = await deliveries(api);
    expect(byChannel.direct).toMatchObject({ status: 'sent', lastError: null });
    expect(byChannel.redirect).toMatchObject({ status: 'failed', lastError: 'redirect not followed (HTTP 307)' });
  });
});
