import { spawn } from 'node:child_process';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EntityManager } from 'typeorm';
import { AlertDeliveryEntity } from '../../src/alerts/alert.entity';
import { cli, databaseEnv, ENGINE, ROOT, selectRows, startApi, tempDatabase, TestApi } from '../helpers';

/**
 * Issue 11, defect 5, and issue 10's lease: an alert was written before its deliveries, outside a
 * transaction (a scan that died between the two left an alert nobody would ever receive), and
 * deliveries were claimed in bulk and never reclaimed (77 stuck in `sending` after one kill). An alert
 * and its deliveries are now written together; each claim carries a lease; the next scan after it expires
 * sends what is left, with the delivery id in `X-Registre-Delivery` so that the receiver can drop a repeat.
 */
interface Received {
  delivery: string;
  alert: string;
}

/** A loopback webhook receiver; while `hang` is set it never answers (a slow receiver). */
async function receiver() {
  const received: Received[] = [];
  const waiting: ServerResponse[] = [];
  const state = { hang: false, onRequest: () => {} };
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      received.push({
        delivery: String(req.headers['x-registre-delivery']),
        alert: (JSON.parse(raw) as { id: string }).id,
      });
      state.onRequest();
      if (state.hang) waiting.push(res);
      else res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    state,
    close: async () => {
      for (const res of waiting) res.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const SETTINGS = {
  ALERTS_ATTEMPTS: '1',
  ALERTS_TIMEOUT_MS: '2000',
  ALERTS_RETRY_BASE_MS: '10',
  ALERTS_WEBHOOK_ALLOW: '127.0.0.1', // the receiver is on the loopback
};

describe(`alerts survive a scan that dies (${ENGINE})`, () => {
  const db = tempDatabase();
  let hook: Awaited<ReturnType<typeof receiver>>;
  let api: TestApi;
  const scan = async () =>
    (await api.http().post('/api/organisations/desmos/alerts/scan?asOf=2026-11-01').expect(200)).body as {
      organisations: { created: number; sent: number; failed: number }[];
    };
  /** Desmos's deliveries (the organisation the killed scan worked on). */
  const deliveries = () =>
    selectRows<{ id: string; status: string; lease_expires_at: string | null }>(
      db.path,
      `SELECT d.id, d.status, d.lease_expires_at FROM alert_deliveries d
       JOIN alerts a ON a.id = d.alert_id JOIN organisations o ON o.id = a.organisation_id
       WHERE o.slug = 'desmos' ORDER BY d.created_at, d.id`,
    );
  const orphans = () =>
    selectRows(
      db.path,
      'SELECT a.id FROM alerts a LEFT JOIN alert_deliveries d ON d.alert_id = a.id WHERE d.id IS NULL',
    );

  beforeAll(async () => {
    hook = await receiver();
    expect(cli(['seed'], db.path).code).toBe(0);
    api = await startApi({ path: db.path, env: SETTINGS });
    await api
      .http()
      .post('/api/organisations/desmos/alert-channels')
      .send({ key: 'soc', kind: 'webhook', url: hook.url, secret: 'a-webhook-secret-of-32-characters!' })
      .expect(201);
  });
  afterAll(async () => {
    await api.close();
    await hook.close();
    db.cleanup();
  });

  it('keeps an alert and its deliveries together when writing the deliveries fails', async () => {
    await api
      .http()
      .post('/api/organisations/levy-nadlan/alert-channels')
      .send({ key: 'soc', kind: 'webhook', url: hook.url, secret: 'a-webhook-secret-of-32-characters!' })
      .expect(201);
    const levyScan = async () =>
      (await api.http().post('/api/organisations/levy-nadlan/alerts/scan?asOf=2026-11-01').expect(200)).body as {
        organisations: { created: number; sent: number }[];
      };
    let thrown = false;
    const insert = jest.spyOn(EntityManager.prototype, 'insert');
    insert.mockImplementation(function (this: EntityManager, target, values) {
      if (target !== AlertDeliveryEntity || thrown) return EntityManager.prototype.insert.call(this, target, values);
      thrown = true;
      throw new Error('the process stops here, after the alert, before its deliveries');
    });
    try {
      await levyScan();
    } finally {
      insert.mockRestore();
    }
    expect(thrown).toBe(true);
    expect(await orphans()).toEqual([]);
    // The next scan writes every alert with its delivery, and sends them all.
    expect((await levyScan()).organisations[0]).toMatchObject({ created: 3, sent: 3 });
    expect(await orphans()).toEqual([]);
    expect(new Set(hook.received.map((r) => r.delivery)).size).toBe(3);
  });

  it('sends what a killed `registre alerts run` left, once its lease expires, with the same delivery id', async () => {
    hook.received.length = 0;
    hook.state.hang = true;
    const firstRequest = new Promise<void>((resolve) => (hook.state.onRequest = resolve));
    const child = spawn(
      process.execPath,
      [join(ROOT, 'dist', 'cli', 'main.js'), 'alerts', 'run', '--org', 'desmos', '--as-of', '2026-11-01'],
      { env: { ...process.env, ...databaseEnv(db.path), ...SETTINGS } },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('close', (_code, signal) => resolve(signal)),
    );
    await firstRequest; // mid-delivery: the receiver holds the request open
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    hook.state.hang = false;
    hook.state.onRequest = () => {};

    // Both alerts were written with their delivery; one was being sent, one waits.
    expect(await orphans()).toEqual([]);
    const left = await deliveries();
    expect(left.map((d) => d.status).sort()).toEqual(['pending', 'sending']);
    const inFlight = left.find((d) => d.status === 'sending')!;
    expect(hook.received.map((r) => r.delivery)).toEqual([inFlight.id]);

    // The next scan, within the lease: the waiting one is sent, the claimed one is left to its claimant.
    expect((await scan()).organisations[0]).toMatchObject({ created: 0, sent: 1, failed: 0 });
    expect((await deliveries()).find((d) => d.id === inFlight.id)?.status).toBe('sending');

    // Once the lease has run out, the next scan sends it again, under the same delivery id.
    await sleep(Math.max(0, Date.parse(inFlight.lease_expires_at!) - Date.now()) + 100);
    expect((await scan()).organisations[0]).toMatchObject({ created: 0, sent: 1, failed: 0 });
    expect((await deliveries()).map((d) => d.status)).toEqual(['sent', 'sent']);
    expect((await scan()).organisations[0]).toMatchObject({ created: 0, sent: 0 });

    const byDelivery = new Map(hook.received.map((r) => [r.delivery, r.alert]));
    expect(hook.received).toHaveLength(3); // the repeat of the request the kill interrupted
    expect(byDelivery.size).toBe(2); // once each, after the receiver drops the repeat
    expect(new Set(byDelivery.values()).size).toBe(2);
  });
});
