import { ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { syntheticBundle } from '../../src/bench/synthetic';
import { databaseEnv, ENGINE, ORG, ROOT, selectRows, startApi, tempDatabase, TestApi } from '../helpers';

/**
 * Issue 11, defect 4: while another process wrote (`registre import` of a large bundle), API writes
 * answered 500 "database is locked" at once, despite the 5 s busy timeout: a SQLite transaction that
 * began by reading cannot wait when it turns into a write. Write transactions now begin IMMEDIATE (they
 * wait for the lock); a database still busy after the wait answers 503 with Retry-After, never 500.
 * On PostgreSQL a write waits for a conflicting lock as long (lock_timeout), then answers the same 503.
 */

/** Another process holding the write lock (SQLite) or an exclusive table lock (PostgreSQL) for `ms`. */
async function holdLock(path: string, ms: number): Promise<{ done: Promise<number | null>; child: ChildProcess }> {
  const script =
    ENGINE === 'sqlite'
      ? `const db = new (require('better-sqlite3'))(process.env.DATABASE_PATH, { timeout: 5000 });
         db.exec('BEGIN IMMEDIATE');
         db.prepare("UPDATE organisations SET notes = 'écrit par un autre processus'").run();
         process.stdout.write('locked\\n');
         setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});`
      : `const { Client } = require('pg');
         (async () => {
           const c = new Client({ connectionString: process.env.DATABASE_URL });
           await c.connect();
           await c.query('BEGIN');
           await c.query('LOCK TABLE subcontractors IN EXCLUSIVE MODE');
           await c.query("UPDATE organisations SET notes = 'écrit par un autre processus'");
           process.stdout.write('locked\\n');
           setTimeout(async () => { await c.query('COMMIT'); await c.end(); }, ${ms});
         })();`;
  const child = spawn(process.execPath, ['-e', script], { cwd: ROOT, env: { ...process.env, ...databaseEnv(path) } });
  const done = new Promise<number | null>((resolve) => child.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => c.toString().includes('locked') && resolve());
    child.on('close', (code) => reject(new Error(`the lock holder exited (${code}) before locking`)));
  });
  return { done, child };
}

describe(`writes while another process writes (${ENGINE})`, () => {
  const db = tempDatabase();
  let api: TestApi;
  const base = `/api/organisations/${ORG.slug}`;
  const create = (key: string) => api.http().post(`${base}/subcontractors`).send({ key, name: key });

  beforeAll(async () => {
    api = await startApi({ path: db.path });
    await api.http().post('/api/organisations').send(ORG).expect(201);
  });
  afterAll(async () => {
    await api.close();
    db.cleanup();
  });

  it('waits for a lock held a moment by another process, then writes (201, committed)', async () => {
    const holder = await holdLock(db.path, 1500);
    const keys = ['attend-1', 'attend-2', 'attend-3'];
    const statuses = await Promise.all(keys.map(async (k) => (await create(k)).status));
    expect(await holder.done).toBe(0);
    expect(statuses).toEqual([201, 201, 201]);
    const rows = await selectRows<{ key: string }>(db.path, 'SELECT key FROM subcontractors');
    expect(rows.map((r) => r.key).sort()).toEqual(keys);
    const [org] = await selectRows<{ notes: string }>(db.path, 'SELECT notes FROM organisations');
    expect(org.notes).toBe('écrit par un autre processus');
  });

  it('answers 503 database_busy with Retry-After when the lock outlasts the wait, and writes nothing', async () => {
    const holder = await holdLock(db.path, 7000);
    const res = await create('trop-tard');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ statusCode: 503, code: 'database_busy', details: [] });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await holder.done).toBe(0);
    await api.http().get(`${base}/subcontractors/trop-tard`).expect(404);
    await create('trop-tard').expect(201); // the retry the client was asked for
  });

  it('keeps answering 201 or 503 (never 500) during a `registre import` of a large bundle', async () => {
    const file = join(db.dir, 'large.json');
    writeFileSync(file, JSON.stringify(syntheticBundle(1000, 'import-en-cours')));
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), 'import', file], {
      env: { ...process.env, ...databaseEnv(db.path) },
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let running = true;
    void exited.then(() => (running = false));
    const answers: { key: string; status: number; retryAfter?: string }[] = [];
    for (let i = 0; running || i < 3; i++) {
      const key = `pendant-import-${i}`;
      const res = await create(key);
      answers.push({ key, status: res.status, retryAfter: res.headers['retry-after'] });
      await sleep(100);
    }
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    expect(answers.filter((a) => a.status !== 201 && a.status !== 503)).toEqual([]);
    expect(answers.filter((a) => a.status === 503).every((a) => Number(a.retryAfter) > 0)).toBe(true);
    const written = (await selectRows<{ key: string }>(db.path, 'SELECT key FROM subcontractors')).map((r) => r.key);
    for (const a of answers) expect(written.includes(a.key)).toBe(a.status === 201);
    const treatments = await selectRows<{ n: number | string }>(
      db.path,
      "SELECT count(*) AS n FROM treatments t JOIN organisations o ON o.id = t.organisation_id WHERE o.slug = 'import-en-cours'",
    );
    expect(Number(treatments[0].n)).toBe(1000);
  });
});
