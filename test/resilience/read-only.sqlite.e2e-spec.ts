import { spawnSync, SpawnSyncOptions } from 'node:child_process';
import { chmodSync, chownSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { cli, ROOT, selectRows, startServer, tempDatabase } from '../helpers';

/**
 * Issue 11, item 12 (part): on a read-only database file, writes answered a generic 500, and even
 * `registre check` and `registre export` retried for 25 s and printed a stack trace. The file is now
 * opened read-only: reads work, writes answer 503 `database_read_only`. Run as root, the commands run as
 * `nobody` (root writes any file); otherwise the file is made read-only for the current user.
 */
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const readOnlyUser: Pick<SpawnSyncOptions, 'uid' | 'gid'> = asRoot ? { uid: NOBODY, gid: NOBODY } : {};
const MAIN = join(ROOT, 'dist', 'cli', 'main.js');

describe('a read-only database file (SQLite)', () => {
  const db = tempDatabase();
  let token = '';
  let before: { check: ReturnType<typeof cli>; export: ReturnType<typeof cli> };
  const env = () => ({ ...process.env, DATABASE_PATH: db.path, DATABASE_URL: '', ALERTS_SCHEDULE: 'off' });
  const run = (args: string[]) => {
    const res = spawnSync(process.execPath, [MAIN, ...args], {
      env: env(),
      encoding: 'utf8',
      timeout: 60_000,
      ...readOnlyUser,
    });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
  };

  beforeAll(() => {
    expect(cli(['seed'], db.path).code).toBe(0);
    const key = cli(['keys', 'create', '--name', 'lecture', '--role', 'admin', '--org', '*', '--json'], db.path);
    token = (JSON.parse(key.stdout) as { token: string }).token;
    before = {
      check: cli(['check', '--org', 'desmos', '--as-of', '2026-06-01'], db.path),
      export: cli(['export', '--org', 'desmos'], db.path),
    };
    // The file cannot be written; its folder can (SQLite keeps the -shm index of a WAL file there).
    if (asRoot) {
      chownSync(db.dir, NOBODY, NOBODY);
      chmodSync(db.dir, 0o755);
    } else chmodSync(db.path, 0o444);
  });
  afterAll(() => {
    if (!asRoot) chmodSync(db.dir, 0o700);
    db.cleanup();
  });

  it('checks and exports as on a writable file, at once, without a stack trace', () => {
    const check = run(['check', '--org', 'desmos', '--as-of', '2026-06-01']);
    expect(check.stderr).toBe('');
    expect(check).toEqual(before.check);
    const exported = run(['export', '--org', 'desmos']);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(before.export.stdout);
  });

  it('serves reads, and answers writes 503 database_read_only, writing nothing', async () => {
    const server = await startServer(db.path, {}, readOnlyUser);
    try {
      const api = request(server.url);
      const auth = { Authorization: `Bearer ${token}` };
      const read = await api.get('/api/organisations/desmos/subcontractors').set(auth).expect(200);
      expect((read.body as unknown[]).length).toBeGreaterThan(0);
      const write = await api
        .post('/api/organisations/desmos/subcontractors')
        .set(auth)
        .send({ key: 'nouveau', name: 'Nouveau' });
      expect(write.status).toBe(503);
      expect(write.body).toMatchObject({ statusCode: 503, code: 'database_read_only', details: [] });
    } finally {
      await server.stop();
    }
    expect(await selectRows(db.path, "SELECT key FROM subcontractors WHERE key = 'nouveau'")).toEqual([]);
  });

  it('checks and exports a copy when the folder is read-only too (an archive, a read-only mount)', () => {
    for (const suffix of ['-shm', '-wal']) rmSync(`${db.path}${suffix}`, { force: true });
    if (asRoot) chownSync(db.dir, 0, 0);
    else chmodSync(db.dir, 0o500);
    const check = run(['check', '--org', 'desmos', '--as-of', '2026-06-01']);
    expect(check.stdout).toBe(before.check.stdout);
    expect(check.code).toBe(before.check.code);
    expect(check.stderr.trim().split('\n')).toEqual([expect.stringMatching(/folder are read-only: reading a copy/)]);
    const exported = run(['export', '--org', 'desmos']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(before.export.stdout);
    expect(existsSync(`${db.path}-shm`)).toBe(false);
  });
});
