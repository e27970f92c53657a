import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { signature } from '../src/alerts/senders';
import { spawn } from 'node:child_process';
import { cli, databaseEnv, ROOT, SEEDS, startApi, TestApi, tempDatabase } from './helpers';

const SECRET = 'a-webhook-secret-of-32-characters!';

interface Received {
  body: {
    id: string;
    kind: string;
    threshold: string;
    message: string;
    treatments: string[];
    subject: { key: string };
  };
  valid: boolean;
}

/** A real HTTP receiver that checks the signature, and fails the first `failures` requests. */
async function receiver(failures: number) {
  const received: Received[] = [];
  let calls = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      calls++;
      if (calls <= failures) {
        res.statusCode = 503;
        res.end();
        return;
      }
      const timestamp = String(req.headers['x-registre-timestamp']);
      const valid = req.headers['x-registre-signature'] === signature(SECRET, timestamp, raw);
      received.push({ body: JSON.parse(raw) as Received['body'], valid });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    calls: () => calls,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** A real SMTP server in the test process. */
async function smtp() {
  const mails: { to: string[]; text: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let text = '';
      stream.on('data', (c: Buffer) => (text += c.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), text });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise((resolve) => server.close(() => resolve(null))),
  };
}

describe('alerts: exactly once, on a webhook and by e-mail', () => {
  let api: TestApi;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let mail: Awaited<ReturnType<typeof smtp>>;
  const scan = async (asOf: string) =>
    (await api.http().post(`/api/organisations/desmos/alerts/scan?asOf=${asOf}`).expect(200)).body as {
      organisations: { created: number; sent: number; failed: number }[];
    };

  beforeAll(async () => {
    hook = await receiver(2);
    mail = await smtp();
    // The receivers listen on the loopback, which webhooks may reach only through the allow-list.
    api = await startApi({
      env: { SMTP_URL: mail.url, ALERTS_RETRY_BASE_MS: '20', ALERTS_WEBHOOK_ALLOW: '127.0.0.1' },
    });
    const bundle = JSON.parse(readFileSync(join(SEEDS, 'desmos.json'), 'utf8')) as object;
    await api.http().post('/api/import').send(bundle).expect(201);
    await api
      .http()
      .post('/api/organisations/desmos/alert-channels')
      .send({ key: 'soc', kind: 'webhook', url: hook.url, secret: SECRET })
      .expect(201);
    await api
      .http()
      .post('/api/organisations/desmos/alert-channels')
      .send({ key: 'dpo', kind: 'email', recipients: ['dpo@orisha.example'], lang: 'fr' })
      .expect(201);
  });
  afterAll(async () => {
    await api.close();
    await hook.close();
    await mail.close();
  });

  it('never returns a channel secret', async () => {
    const channel = (await api.http().get('/api/organisations/desmos/alert-channels/soc').expect(200)).body;
    expect(channel).toMatchObject({ kind: 'webhook', url: hook.url });
    expect(JSON.stringify(channel)).not.toContain(SECRET);
    await api.http().patch('/api/organisations/desmos/alert-channels/soc').send({ lang: 'fr' }).expect(200);
    const bad = await api
      .http()
      .post('/api/organisations/desmos/alert-channels')
      .send({ key: 'x', kind: 'webhook', url: 'ftp://x' })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['url', 'secret']));
  });

  it('warns at the right threshold on both channels; a receiver failing twice gets each alert once', async () => {
    const result = await scan('2026-11-01');
    expect(result.organisations[0]).toMatchObject({ created: 2, failed: 0 });
    const keys = hook.received.map((r) => `${r.body.kind}:${r.body.subject.key}:${r.body.threshold}`).sort();
    expect(keys).toEqual([
      'certificate-expired:aws-iso27001-2013-009:expired',
      'certificate-expiring:claranet-iso27001-2020-89559-6:90',
    ]);
    expect(hook.received.every((r) => r.valid)).toBe(true);
    expect(hook.calls()).toBe(4); // two refusals, then one request per alert
    expect(mail.mails).toHaveLength(1); // one digest for the organisation
    expect(mail.mails[0].to).toEqual(['dpo@orisha.example']);
    expect(mail.mails[0].text).toContain('Claranet');
    const alerts = (await api.http().get('/api/organisations/desmos/alerts').expect(200)).body as {
      id: string;
      deliveries: { channel: string; status: string; attempts: number }[];
      treatments: string[];
    }[];
    expect(alerts.flatMap((a) => a.deliveries.map((d) => d.status))).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(alerts.find((a) => a.deliveries.some((d) => d.attempts === 3))).toBeDefined();
    expect(alerts.every((a) => a.treatments.length > 0)).toBe(true);
  });

  it('sends nothing new when the same day is scanned again', async () => {
    const before = { hooks: hook.received.length, mails: mail.mails.length };
    const result = await scan('2026-11-01');
    expect(result.organisations[0]).toMatchObject({ created: 0, sent: 0 });
    expect({ hooks: hook.received.length, mails: mail.mails.length }).toEqual(before);
  });

  it('after days without a scan, sends the nearest threshold only', async () => {
    const before = hook.received.length;
    await scan('2026-12-20'); // Claranet: 22 days left; the 60 and 30 thresholds passed, only 30 is sent
    const added = hook.received.slice(before).map((r) => `${r.body.subject.key}:${r.body.threshold}`);
    expect(added).toEqual(['claranet-iso27001-2020-89559-6:30']);
  });

  it('delivers once when two scans run at the same time', async () => {
    const before = hook.received.length;
    const results = await Promise.all([scan('2027-01-05'), scan('2027-01-05')]);
    expect(results.map((r) => r.organisations[0].created).sort()).toEqual([0, 1]);
    expect(hook.received.slice(before).map((r) => r.body.threshold)).toEqual(['7']);
  });

  it('lets a user acknowledge an alert', async () => {
    const [first] = (await api.http().get('/api/organisations/desmos/alerts?status=open').expect(200)).body as {
      id: string;
    }[];
    const ack = await api
      .http()
      .post(`/api/organisations/desmos/alerts/${first.id}/acknowledge`)
      .send({ note: 'audit prévu' })
      .expect(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedNote: 'audit prévu' });
    const open = (await api.http().get('/api/organisations/desmos/alerts?status=open').expect(200)).body as {
      id: string;
    }[];
    expect(open.map((a) => a.id)).not.toContain(first.id);
    await api.http().post('/api/organisations/desmos/alerts/unknown/acknowledge').send({}).expect(404);
  });
});

describe('alerts: a failing channel is recorded and retried, never stops the scan (CLI)', () => {
  const db = tempDatabase();
  afterAll(() => db.cleanup());

  it('records the failure and the next attempt, and scans every organisation', async () => {
    // Nothing listens on port 9 of the loopback: every attempt is refused at once.
    const dead = { url: 'http://127.0.0.1:9/hook' };
    {
      expect(cli(['seed'], db.path).code).toBe(0);
      const api = await startApi({ path: db.path });
      try {
        await api
          .http()
          .post('/api/organisations/levy-nadlan/alert-channels')
          .send({ key: 'hook', kind: 'webhook', url: dead.url, secret: SECRET })
          .expect(201);
      } finally {
        await api.close();
      }
      const res = cli(['alerts', 'run', '--as-of', '2026-06-01', '--json'], db.path, undefined, {
        ALERTS_RETRY_BASE_MS: '10',
        ALERTS_WEBHOOK_ALLOW: '127.0.0.1',
      });
      expect(res.code).toBe(0);
      const result = JSON.parse(res.stdout) as { organisations: { slug: string; created: number; failed: number }[] };
      expect(result.organisations.map((o) => o.slug)).toEqual(['desmos', 'levy-nadlan', 'oci-hds-client', 'omnidoc']);
      expect(result.organisations.find((o) => o.slug === 'levy-nadlan')?.failed).toBeGreaterThan(0);
      const check = await startApi({ path: db.path });
      try {
        const alerts = (await check.http().get('/api/organisations/levy-nadlan/alerts').expect(200)).body as {
          deliveries: { status: string; attempts: number; lastError: string; nextAttemptAt: string }[];
        }[];
        const delivery = alerts[0].deliveries[0];
        expect(delivery).toMatchObject({ status: 'failed', attempts: 3 });
        expect(delivery.lastError.length).toBeGreaterThan(0);
        expect(delivery.nextAttemptAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      } finally {
        await check.close();
      }
      const again = JSON.parse(
        cli(['alerts', 'run', '--as-of', '2026-06-01', '--json'], db.path).stdout,
      ) as typeof result;
      expect(again.organisations.every((o) => o.created === 0)).toBe(true);
    }
  });
});

describe('alerts: two processes on one database deliver once', () => {
  const db = tempDatabase();
  afterAll(() => db.cleanup());

  it('lets only one of two concurrent `registre alerts run` create and send each alert', async () => {
    const hook = await receiver(0);
    try {
      expect(cli(['seed'], db.path).code).toBe(0);
      const api = await startApi({ path: db.path });
      try {
        await api
          .http()
          .post('/api/organisations/desmos/alert-channels')
          .send({ key: 'hook', kind: 'webhook', url: hook.url, secret: SECRET })
          .expect(201);
      } finally {
        await api.close();
      }
      // Asynchronous children, so that this process keeps serving the receiver meanwhile.
      const run = () =>
        new Promise<{ organisations: { slug: string; created: number }[] }>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [
              join(ROOT, 'dist', 'cli', 'main.js'),
              'alerts',
              'run',
              '--org',
              'desmos',
              '--as-of',
              '2026-11-01',
              '--json',
            ],
            {
              env: { ...process.env, ...databaseEnv(db.path), ALERTS_WEBHOOK_ALLOW: '127.0.0.1' },
            },
          );
          let out = '';
          child.stdout.on('data', (c: Buffer) => (out += c.toString()));
          child.on('error', reject);
          child.on('close', (code) =>
            code === 0 ? resolve(JSON.parse(out) as never) : reject(new Error(`exit ${code}`)),
          );
        });
      const results = await Promise.all([run(), run()]);
      const created = results.map((r) => r.organisations[0].created);
      expect(created.reduce((a, b) => a + b, 0)).toBe(2);
      expect(hook.received.map((r) => r.body.subject.key).sort()).toEqual([
        'aws-iso27001-2013-009',
        'claranet-iso27001-2020-89559-6',
      ]);
    } finally {
      await hook.close();
    }
  });
});
