import { resolve } from 'node:path';

export interface AppConfig {
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  http: { host: string; port: number };
  /** Body size limit for JSON requests (bundles can be large). */
  bodyLimit: string;
  render: { concurrency: number; timeoutMs: number };
}

export class ConfigError extends Error {}

/** Reads and checks the environment once; a bad value stops the start with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const url = env.DATABASE_URL?.trim();
  let database: AppConfig['database'];
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new ConfigError('DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite file)');
    }
    database = { kind: 'postgres', url };
  } else {
    database = { kind: 'sqlite', path: resolve(env.DATABASE_PATH?.trim() || './data/registre.sqlite') };
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT must be an integer 0–65535');
  const bodyLimit = env.BODY_LIMIT?.trim() || '10mb';
  if (!/^\d+(kb|mb)$/.test(bodyLimit)) throw new ConfigError('BODY_LIMIT must look like 512kb or 10mb');
  const concurrency = Number(env.RENDER_CONCURRENCY ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new ConfigError('RENDER_CONCURRENCY must be an integer 1–64');
  }
  const timeoutMs = Number(env.RENDER_TIMEOUT_MS ?? 60_000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1000)
    throw new ConfigError('RENDER_TIMEOUT_MS must be at least 1000');
  return {
    database,
    http: { host: env.HOST?.trim() || '127.0.0.1', port },
    bodyLimit,
    render: { concurrency, timeoutMs },
  };
}

/** For logs: never print credentials. */
export function describeDatabase(config: AppConfig): string {
  if (config.database.kind === 'sqlite') return `SQLite ${config.database.path}`;
  const u = new URL(config.database.url);
  return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
}
