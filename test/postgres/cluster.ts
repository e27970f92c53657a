import { spawn, spawnSync, SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away PostgreSQL cluster for the test pass: `initdb` in a temporary folder, the server on a
 * free port of 127.0.0.1 only (and its socket in that folder), durability off (nothing outlives the
 * run). As root, the server runs as the `postgres` user, which the Debian package creates.
 */
export interface PgCluster {
  /** Superuser URL of the `postgres` database. */
  adminUrl: string;
  port: number;
  dir: string;
  bin: string;
  stop: () => void;
}

/** Where initdb and pg_ctl are: PG_BIN, else the newest /usr/lib/postgresql/<version>/bin (Debian). */
export function postgresBin(): string | undefined {
  const given = process.env.PG_BIN?.trim();
  if (given) return existsSync(join(given, 'initdb')) ? given : undefined;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

const asRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL tool as the cluster's owner (postgres when we are root, else ourselves). */
function pgCommand(bin: string, tool: string, args: string[]): [string, string[]] {
  const path = join(bin, tool);
  return asRoot() ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

function run(bin: string, tool: string, args: string[], options: SpawnSyncOptions = {}): string {
  const [command, argv] = pgCommand(bin, tool, args);
  const result = spawnSync(command, argv, { encoding: 'utf8', timeout: 60_000, ...options });
  if (result.status !== 0) {
    throw new Error(`${tool} failed (${result.status}): ${String(result.stderr || result.stdout || result.error)}`);
  }
  return String(result.stdout);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startCluster(): Promise<PgCluster> {
  const bin = postgresBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin or PG_BIN): run `npm run setup`, ' +
        'or run only the SQLite passes with `npx jest --selectProjects unit sqlite`.',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'registre-pg-'));
  if (asRoot()) spawnSync('chown', ['postgres:', dir]);
  const data = join(dir, 'data');
  const stop = () => {
    try {
      run(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore' });
    } catch {
      // Not started, or already stopped: the folder goes anyway.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run(bin, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync']);
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    run(bin, 'pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    watchdog(bin, data, dir);
    return { adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, bin, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/**
 * Stops the cluster and removes its folder when this process dies, even by `kill -9` (when the test
 * run ends normally, the teardown has done it already and this finds nothing left to stop).
 */
function watchdog(bin: string, data: string, dir: string): void {
  const [command, argv] = pgCommand(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
  const quoted = [command, ...argv].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = join(dir, 'watchdog.sh');
  writeFileSync(
    script,
    [
      `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done`,
      `[ -d '${data}' ] && ${quoted} >/dev/null 2>&1`,
      `rm -rf '${dir}'`,
      '',
    ].join('\n'),
  );
  const child = spawn('sh', [script], { detached: true, stdio: 'ignore' });
  child.unref();
}

/** Runs SQL through psql as the superuser (used synchronously by the test helpers). */
export function psql(bin: string, adminUrl: string, sql: string): string {
  const result = spawnSync(
    join(bin, 'psql'),
    ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-d', adminUrl, '-c', sql],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
  return result.stdout;
}
