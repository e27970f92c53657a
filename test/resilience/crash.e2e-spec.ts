import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import request from 'supertest';
import { syntheticBundle } from '../../src/bench/synthetic';
import { cli, databaseEnv, ENGINE, ORG, ROOT, selectRows, startServer, tempDatabase } from '../helpers';

/**
 * Issue 11, what held and must keep holding: `kill -9` of the server during writes loses no write it
 * answered 2xx; `kill -9` of `registre import` in the middle of its transaction leaves the old state.
 */

/** True while another connection holds the database's write transaction (the import is writing). */
async function writerBusy(path: string): Promise<boolean> {
  if (ENGINE === 'postgres') {
    const rows = await selectRows<{ n: string | number }>(
      path,
      `SELECT count(*) AS n FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`,
    );
    return Number(rows[0].n) > 0;
  }
  const probe = new Database(path, { timeout: 0 });
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch {
    return true;
  } finally {
    probe.close();
  }
}

describe(`kill -9 (${ENGINE})`, () => {
  const db = tempDatabase();
  afterAll(() => db.cleanup());

  it('loses no write the server answered 201 before it was killed', async () => {
    const { token } = JSON.parse(
      cli(['keys', 'create', '--name', 'w', '--role', 'admin', '--org', '*', '--json'], db.path).stdout,
    ) as { token: string };
    const server = await startServer(db.path);
    const api = request(server.url);
    const auth = { Authorization: `Bearer ${token}` };
    await api.post('/api/organisations').set(auth).send(ORG).expect(201);
    const acknowledged: string[] = [];
    let n = 0;
    const writer = async () => {
      for (;;) {
        const key = `avant-crash-${n++}`;
        try {
          const res = await api
            .post(`/api/organisations/${ORG.slug}/subcontractors`)
            .set(auth)
            .send({ key, name: key });
          if (res.status === 201) acknowledged.push(key);
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    while (acknowledged.length < 40) await sleep(20);
    await server.crash();
    await Promise.all(writers);
    const committed = new Set(
      (await selectRows<{ key: string }>(db.path, 'SELECT key FROM subcontractors')).map((r) => r.key),
    );
    expect(acknowledged.filter((k) => !committed.has(k))).toEqual([]);
    const again = await startServer(db.path);
    try {
      const listed = (
        await request(again.url).get(`/api/organisations/${ORG.slug}/subcontractors`).set(auth).expect(200)
      ).body as { key: string }[];
      expect(listed.length).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      await again.stop();
    }
  });

  it('leaves the old state when `registre import` is killed inside its transaction', async () => {
    const file = join(db.dir, 'large.json');
    writeFileSync(file, JSON.stringify(syntheticBundle(1500, 'interrompu')));
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), 'import', file], {
      env: { ...process.env, ...databaseEnv(db.path) },
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_c, signal) => resolve(signal)));
    let busy = false;
    for (let i = 0; i < 600 && !busy; i++) {
      await sleep(50);
      busy = await writerBusy(db.path);
    }
    expect(busy).toBe(true); // caught in the middle of its transaction
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(await selectRows(db.path, "SELECT id FROM organisations WHERE slug = 'interrompu'")).toEqual([]);
    expect(await selectRows(db.path, "SELECT id FROM treatments WHERE key = 't-000000'")).toEqual([]);
    // And the same file imports whole afterwards.
    expect(cli(['import', file], db.path).code).toBe(0);
    const [count] = await selectRows<{ n: string | number }>(db.path, 'SELECT count(*) AS n FROM treatments');
    expect(Number(count.n)).toBe(1500);
  });
});
