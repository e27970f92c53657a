import { INestApplication } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types';
import { KeysService } from '../src/auth/keys.service';
import { Clock } from '../src/common/clock';
import { loadConfig } from '../src/config/config';
import { createHttpApp } from '../src/http';

export const ROOT = resolve(__dirname, '..');
export const SEEDS = join(ROOT, 'seeds');
export const SEED_SLUGS = ['desmos', 'levy-nadlan', 'oci-hds-client', 'omnidoc'];

/** A fresh SQLite file in its own temporary folder. */
export function tempDatabase(): { dir: string; path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'registre-test-'));
  return { dir, path: join(dir, 'registre.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
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
  databasePath: string;
  close: () => Promise<void>;
}

export interface ApiOptions {
  /** Settings on top of the environment, as variables (`{ ALERTS_ATTEMPTS: '1' }`). */
  env?: Record<string, string>;
  /** The application's clock; the system clock otherwise. */
  clock?: Clock;
}

/** The real HTTP application on a real SQLite file (created and migrated on start). */
export async function startApi(options: ApiOptions = {}): Promise<TestApi> {
  const db = tempDatabase();
  const config = loadConfig({ ...process.env, DATABASE_PATH: db.path, ...options.env });
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
    databasePath: db.path,
    close: async () => {
      await app.close();
      db.cleanup();
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

/** Runs the built CLI (`npm test` builds first) as a user would, against the given database file. */
export function cli(args: string[], databasePath: string, input?: string, env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), ...args], {
    env: { ...process.env, DATABASE_PATH: databasePath, DATABASE_URL: '', ...env },
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const ORG = {
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
