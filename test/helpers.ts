import { INestApplication } from '@nestjs/common';
import Database from 'better-sqlite3';
import { spawn, spawnSync, SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { KeysService } from '../src/auth/keys.service';
import { Clock } from '../src/common/clock';
import { loadConfig } from '../src/config/config';
import { createHttpApp } from '../src/http';
import type { components } from './generated/api';
import { freePort, psql } from './postgres/cluster';

export const ROOT = resolve(__dirname, '..');
export const SEEDS = join(ROOT, 'seeds');
export const SEED_SLUGS = ['desmos', 'levy-nadlan', 'oci-hds-client', 'omnidoc'];

/**
 * The engine of this test file's databases: the `postgres` Jest project sets it (test/postgres/engine.ts)
 * and runs every end-to-end file again on a throw-away cluster; otherwise SQLite files.
 */
export type Engine = 'sqlite' | 'postgres';
export const ENGINE: Engine = process.env.REGISTRE_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  /** A temporary folder for the test's files (removed by cleanup). */
  dir: string;
  /** Where the database is: a SQLite file, or a `postgres://` URL. `cli()` and `startApi()` take either. */
  path: string;
  engine: Engine;
  cleanup: () => void;
}

/**
 * A fresh database of this file's engine, with its own temporary folder. On PostgreSQL it is a copy of the
 * migrated template unless `empty` (SQLite files start empty; the application migrates them on start).
 */
export function tempDatabase(engine: Engine = ENGINE, options: { empty?: boolean } = {}): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'registre-test-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  if (engine === 'sqlite') return { dir, path: join(dir, 'registre.sqlite'), engine, cleanup };
  const admin = process.env.REGISTRE_TEST_PG_ADMIN_URL;
  if (!admin) throw new Error('No test PostgreSQL: run the `postgres` Jest project (its global set-up starts one)');
  const name = `registre_${randomBytes(6).toString('hex')}`;
  psql(
    process.env.REGISTRE_TEST_PG_BIN ?? '/usr/bin',
    admin,
    `CREATE DATABASE ${name} TEMPLATE ${options.empty ? 'template0' : (process.env.REGISTRE_TEST_PG_TEMPLATE ?? 'template0')}`,
  );
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { dir, path: url.toString(), engine, cleanup };
}

/** The environment that points the application (or the CLI) at a database given by `path`. */
export function databaseEnv(path: string): { DATABASE_PATH: string; DATABASE_URL: string } {
  return /^postgres(ql)?:\/\//.test(path)
    ? { DATABASE_PATH: '', DATABASE_URL: path }
    : { DATABASE_PATH: path, DATABASE_URL: '' };
}

/**
 * Reads rows straight from the database, past the application (a second connection): what is really
 * committed. SQL uses `$1, $2…` placeholders on both engines.
 */
export async function selectRows<T = Record<string, unknown>>(
  path: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return (await runSql(path, sql, params, 'read')) as T[];
}

/** Changes rows past the application, as older data or another tool could have; `$1, $2…` placeholders. */
export async function executeSql(path: string, sql: string, params: unknown[] = []): Promise<void> {
  await runSql(path, sql, params, 'write');
}

async function runSql(path: string, sql: string, params: unknown[], mode: 'read' | 'write'): Promise<unknown[]> {
  if (databaseEnv(path).DATABASE_URL) {
    const pg = await new DataSource({ type: 'postgres', url: path }).initialize();
    try {
      return await pg.query<unknown[]>(sql, params);
    } finally {
      await pg.destroy();
    }
  }
  const sqlite = new Database(path, { readonly: mode === 'read', fileMustExist: true });
  try {
    const ordered = [...sql.matchAll(/\$(\d+)/g)].map((m) => params[Number(m[1]) - 1]);
    const statement = sqlite.prepare(sql.replace(/\$\d+/g, '?'));
    if (mode === 'read') return statement.all(...(ordered as never[]));
    statement.run(...(ordered as never[]));
    return [];
  } finally {
    sqlite.close();
  }
}

type Agent = ReturnType<typeof request>;

export interface TestApi {
  app: INestApplication;
  /** Requests authenticated with an admin key for every organisation. */
  http: () => Agent;
  /** Requests without any key. */
  anonymous: () => Agent;
  /** Creates a key and returns its token. */
  key: (
    role: 'viewer' | 'editor' | 'admin',
    organisations: string[],
    expiresAt?: string,
  ) => Promise<{ id: string; token: string }>;
  /** The database: a SQLite file or a postgres:// URL. */
  databasePath: string;
  /** A temporary folder for the test's files (removed by close). */
  dir: string;
  close: () => Promise<void>;
}

export interface ApiOptions {
  /** The database (a SQLite file or a postgres:// URL, e.g. one the CLI seeded); a fresh one otherwise. */
  path?: string;
  /** Settings on top of the environment, as variables (`{ ALERTS_ATTEMPTS: '1' }`). */
  env?: Record<string, string>;
  /** The application's clock; the system clock otherwise. */
  clock?: Clock;
}

/**
 * The real HTTP application on a real database (migrated on start): a fresh one of this file's engine, or
 * the one at `options.path`. `close` removes only a database it created.
 */
export async function startApi(options: ApiOptions = {}): Promise<TestApi> {
  const db = options.path === undefined ? tempDatabase() : undefined;
  const location = options.path ?? db!.path;
  const dir = db?.dir ?? mkdtempSync(join(tmpdir(), 'registre-test-'));
  const config = loadConfig({
    ...process.env,
    ...databaseEnv(location),
    DOCUMENT_CACHE_DIR: join(dir, 'documents'),
    ...options.env,
  });
  const app = await createHttpApp({ logger: false, config, clock: options.clock });
  await app.init();
  const server = app.getHttpServer() as App;
  const keys = app.get(KeysService);
  const admin = await keys.create({ name: 'test admin', role: 'admin', organisations: ['*'] });
  return {
    app,
    http: () => withAuth(request(server), admin.token),
    anonymous: () => request(server),
    key: async (role, organisations, expiresAt) =>
      keys.create({ name: `test ${role}`, role, organisations, expiresAt }),
    databasePath: location,
    dir,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every request of the agent carries the bearer token. */
export function withAuth(agent: Agent, token: string): Agent {
  const methods = ['get', 'post', 'put', 'patch', 'delete', 'head'] as const;
  const wrapped = { ...agent } as Record<string, unknown>;
  for (const m of methods) {
    wrapped[m] = (url: string) => agent[m](url).set('Authorization', `Bearer ${token}`);
  }
  return wrapped as unknown as Agent;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`npm test` builds first) as a user would, against the given database (file or URL). */
export function cli(args: string[], databasePath: string, input?: string, env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), ...args], {
    // One-shot processes: no PDF cache (it would land in ./data of the checkout).
    env: { ...process.env, ...databaseEnv(databasePath), DOCUMENT_CACHE_MB: '0', ...env },
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface TestServer {
  url: string;
  /** Standard error so far (warnings, errors). */
  stderr: () => string;
  stop: () => Promise<void>;
  /** `kill -9`: the process ends at once, whatever it was doing. */
  crash: () => Promise<void>;
}

/**
 * A real `registre serve` process on a free loopback port, the daily scan off: an instance as operators
 * run it (several may share one database).
 */
export async function startServer(
  path: string,
  env: Record<string, string> = {},
  options: Pick<SpawnOptions, 'uid' | 'gid'> = {},
): Promise<TestServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), 'serve', '--port', String(port)], {
    env: { ...process.env, ...databaseEnv(path), ALERTS_SCHEDULE: 'off', DOCUMENT_CACHE_MB: '0', ...env },
    ...options,
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => c.toString().includes('Registre on http') && resolve());
    void closed.then(() => reject(new Error(`registre serve exited before listening: ${stderr}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGTERM');
      await closed;
    },
    crash: async () => {
      child.kill('SIGKILL');
      await closed;
    },
  };
}

export const ORG: components['schemas']['CreateOrganisationDto'] = {
  slug: 'clinique-test',
  name: 'Clinique Test SAS',
  country: 'FR',
  roles: ['controller'],
  dpo: { name: 'Jeanne DPO', email: 'dpo@clinique-test.fr' },
};

let officeProfile: string | undefined;

/**
 * Converts a file with LibreOffice headless (Debian's libreoffice-calc, installed by scripts/setup.sh)
 * and returns the converted file's path. One user profile per test process, made on first use and
 * removed at exit: LibreOffice refuses a profile another running instance holds, and building one
 * costs seconds.
 */
export function libreOfficeConvert(file: string, format: 'ods' | 'xlsx', outDir: string, inFilter?: string): string {
  if (!officeProfile) {
    const profile = mkdtempSync(join(tmpdir(), `registre-lo-${process.pid}-`));
    officeProfile = profile;
    process.on('exit', () => rmSync(profile, { recursive: true, force: true }));
  }
  const result = spawnSync(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${officeProfile}`,
      ...(inFilter ? [`--infilter=${inFilter}`] : []),
      '--convert-to',
      format,
      '--outdir',
      outDir,
      file,
    ],
    { encoding: 'utf8', timeout: 180_000 },
  );
  const base = file.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
  const out = join(outDir, `${base}.${format}`);
  if (result.status !== 0 || !existsSync(out)) {
    throw new Error(`soffice failed (${result.status}): ${result.stderr} ${result.stdout}`);
  }
  return out;
}

/** A loopback HTTP server that counts the requests it gets: a document that fetches anything is caught. */
export async function countingServer(): Promise<{ port: number; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.end('x');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
