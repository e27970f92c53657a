import { validateCronExpression } from 'cron';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { AddressRule, parseAddressRules } from '../common/ip-address';

export interface AppConfig {
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  http: {
    host: string;
    port: number;
    /** Body size limit for JSON requests (bundles can be large), as body-parser reads it: `10mb`. */
    bodyLimit: string;
    /** Requests per client and minute. */
    rateLimitPerMinute: number;
    /** Longest a stop (SIGTERM) waits for requests and renders in flight before aborting them. */
    shutdownTimeoutMs: number;
  };
  /** False only with REGISTRE_AUTH=disabled (development). */
  auth: { enabled: boolean };
  render: {
    concurrency: number;
    queue: number;
    pages: number;
    chunkKb: number;
    /** 0: no budget. */
    memoryMb: number;
    timeoutMs: number;
    executablePath: string;
  };
  alerts: {
    /** The daily scan under `registre serve`. */
    schedule: { enabled: boolean; cron: string; timeZone: string };
    smtpUrl?: string;
    from: string;
    attempts: number;
    retryBaseMs: number;
    timeoutMs: number;
    /** Addresses a webhook may reach although they are loopback, private or link-local (intranet receivers). */
    webhookAllow: readonly AddressRule[];
  };
  web: WebConfig;
  /** Untrusted files brought in (spreadsheets, CSV, provider lists): what they may cost before being refused. */
  imports: { maxBytes: number; maxUnzippedBytes: number; maxEntries: number; maxRows: number };
  /** Computed answers kept in memory: findings per organisation, revision, day and language (FINDINGS_CACHE_ENTRIES). */
  cache: { findingsEntries: number };
  /** Rendered PDFs kept on disk (DOCUMENT_CACHE_DIR, DOCUMENT_CACHE_MB; 0 MB: no cache). */
  documents: { cacheDir: string; cacheMb: number };
}

/** The web application's people-facing settings (sessions, sign-in, the proxy in front). */
export interface WebConfig {
  /** A session unused this long ends (SESSION_IDLE_MINUTES). */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in, however active (SESSION_MAX_HOURS). */
  sessionMaxHours: number;
  /** `auto`: Secure when the request came over HTTPS (as Express sees it, see trustProxy). */
  cookieSecure: 'auto' | 'always' | 'never';
  /** Failed sign-ins for one e-mail within lockMinutes before it is locked for lockMinutes. */
  signInMaxFailures: number;
  signInLockMinutes: number;
  /** Express `trust proxy`: false, true, a hop count, or a list of addresses/subnets (TRUST_PROXY). */
  trustProxy: boolean | number | string;
}

/** A bad setting: every problem, each naming its variable. Values of secrets are never repeated. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; problem: string }[]) {
    super(`invalid configuration: ${problems.map((p) => `${p.variable} ${p.problem}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and checks the environment once, at start (the CLI before any command, the HTTP app when it is
 * built). Nothing else reads `process.env`. An empty variable counts as unset.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: { variable: string; problem: string }[] = [];
  const read = new Reader(env, problems);

  const url = read.text('DATABASE_URL');
  let database: AppConfig['database'];
  if (url !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(url) || !URL.canParse(url)) {
      // Never repeat the value: it holds the database password.
      problems.push({
        variable: 'DATABASE_URL',
        problem: 'must be a postgres:// URL (leave it unset for the embedded SQLite file)',
      });
    }
    database = { kind: 'postgres', url };
  } else {
    database = { kind: 'sqlite', path: resolve(read.text('DATABASE_PATH') ?? './data/registre.sqlite') };
  }

  const host = read.text('HOST') ?? '127.0.0.1';
  if (!isIP(host) && !/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(host)) {
    problems.push({ variable: 'HOST', problem: `must be an IP address or a host name, not ${JSON.stringify(host)}` });
  }

  const auth = read.choice('REGISTRE_AUTH', ['on', 'disabled'], 'on');
  const schedule = read.choice('ALERTS_SCHEDULE', ['on', 'off'], 'on');

  const cron = read.text('ALERTS_CRON') ?? '0 7 * * *';
  const cronCheck = validateCronExpression(cron);
  if (!cronCheck.valid) {
    problems.push({
      variable: 'ALERTS_CRON',
      problem: `must be a cron expression such as "0 7 * * *" (${cronCheck.error?.message ?? 'unreadable'}), not ${JSON.stringify(cron)}`,
    });
  }
  const timeZone = read.text('ALERTS_TIMEZONE') ?? 'Europe/Paris';
  if (!isTimeZone(timeZone)) {
    problems.push({
      variable: 'ALERTS_TIMEZONE',
      problem: `must be an IANA time zone such as Europe/Paris, not ${JSON.stringify(timeZone)}`,
    });
  }

  const smtpUrl = read.text('SMTP_URL');
  if (smtpUrl !== undefined && (!/^smtps?:\/\//.test(smtpUrl) || !URL.canParse(smtpUrl))) {
    problems.push({ variable: 'SMTP_URL', problem: 'must be an smtp:// or smtps:// URL' });
  }
  const from = read.text('ALERTS_FROM') ?? 'Registre <registre@localhost>';
  // A line break would let the setting write extra mail headers.
  if (/[\r\n]/.test(from) || from.length > 300) {
    problems.push({ variable: 'ALERTS_FROM', problem: 'must be one line of at most 300 characters' });
  }

  let webhookAllow: AddressRule[] = [];
  const allow = read.text('ALERTS_WEBHOOK_ALLOW');
  if (allow !== undefined) {
    const parsed = parseAddressRules(allow);
    if ('rules' in parsed) webhookAllow = parsed.rules;
    else problems.push({ variable: 'ALERTS_WEBHOOK_ALLOW', problem: parsed.error });
  }

  const secure = read.choice('SESSION_COOKIE_SECURE', ['auto', 'true', 'false'], 'auto');
  const proxy = read.text('TRUST_PROXY');
  let trustProxy: WebConfig['trustProxy'] = false;
  if (proxy === 'true') trustProxy = true;
  else if (proxy !== undefined && /^\d{1,2}$/.test(proxy)) trustProxy = Number(proxy);
  else if (proxy !== undefined && proxy !== 'false') {
    if (/^[\w.:/, -]{1,500}$/.test(proxy)) trustProxy = proxy;
    else
      problems.push({ variable: 'TRUST_PROXY', problem: 'must be true, false, a hop count, or addresses and subnets' });
  }

  const config: AppConfig = {
    database,
    http: {
      host,
      port: read.int('PORT', 3000, 0, 65_535),
      bodyLimit: read.size('BODY_LIMIT', '10mb', 1024, 100 * 1024 * 1024),
      rateLimitPerMinute: read.int('RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
      shutdownTimeoutMs: read.int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    },
    auth: { enabled: auth !== 'disabled' },
    render: {
      concurrency: read.int('RENDER_CONCURRENCY', 4, 1, 64),
      queue: read.int('RENDER_QUEUE', 8, 0, 1000),
      pages: read.int('RENDER_PAGES', availableParallelism(), 1, 64),
      chunkKb: read.int('RENDER_CHUNK_KB', 256, 16, 1_000_000),
      memoryMb: read.int('RENDER_MEMORY_MB', 1536, 0, 1_000_000),
      timeoutMs: read.int('RENDER_TIMEOUT_MS', 600_000, 1000, 3_600_000),
      executablePath: read.text('PUPPETEER_EXECUTABLE_PATH') ?? '/usr/bin/chromium',
    },
    alerts: {
      schedule: { enabled: schedule !== 'off', cron, timeZone },
      smtpUrl,
      from,
      attempts: read.int('ALERTS_ATTEMPTS', 3, 1, 10),
      retryBaseMs: read.int('ALERTS_RETRY_BASE_MS', 1000, 0, 600_000),
      timeoutMs: read.int('ALERTS_TIMEOUT_MS', 10_000, 100, 600_000),
      webhookAllow,
    },
    web: {
      sessionIdleMinutes: read.int('SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
      sessionMaxHours: read.int('SESSION_MAX_HOURS', 12, 1, 24 * 30),
      cookieSecure: secure === 'true' ? 'always' : secure === 'false' ? 'never' : 'auto',
      signInMaxFailures: read.int('SIGNIN_MAX_FAILURES', 5, 1, 100),
      signInLockMinutes: read.int('SIGNIN_LOCK_MINUTES', 15, 1, 24 * 60),
      trustProxy,
    },
    imports: {
      maxBytes: read.bytes('IMPORT_MAX_BYTES', '10mb', 1024, 1024 * 1024 * 1024),
      maxUnzippedBytes: read.bytes('IMPORT_MAX_UNZIPPED_BYTES', '100mb', 1024, 1024 * 1024 * 1024),
      maxEntries: 1000,
      maxRows: read.int('IMPORT_MAX_ROWS', 50_000, 10, 1_000_000),
    },
    cache: { findingsEntries: read.int('FINDINGS_CACHE_ENTRIES', 32, 0, 10_000) },
    documents: {
      cacheDir: resolve(read.text('DOCUMENT_CACHE_DIR') ?? './data/cache/documents'),
      cacheMb: read.int('DOCUMENT_CACHE_MB', 512, 0, 1_000_000),
    },
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

class Reader {
  constructor(
    private readonly env: Env,
    private readonly problems: { variable: string; problem: string }[],
  ) {}

  text(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const value = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
    if (!(value >= min && value <= max)) {
      this.problems.push({
        variable: name,
        problem: `must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}`,
      });
      return fallback;
    }
    return value;
  }

  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    if (!(choices as readonly string[]).includes(raw)) {
      this.problems.push({ variable: name, problem: `must be ${choices.join(' or ')}, not ${JSON.stringify(raw)}` });
      return fallback;
    }
    return raw as T;
  }

  /** A size such as `512kb` or `10mb`, bounded in bytes; returned in the same notation. */
  size(name: string, fallback: string, min: number, max: number): string {
    const raw = this.text(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    return this.sizeBytes(name, raw, min, max) === undefined ? fallback : raw;
  }

  /** A size such as `512kb` or `10mb`, bounded, in bytes. */
  bytes(name: string, fallback: string, min: number, max: number): number {
    const raw = this.text(name)?.toLowerCase();
    return (raw === undefined ? undefined : this.sizeBytes(name, raw, min, max)) ?? sizeInBytes(fallback);
  }

  private sizeBytes(name: string, raw: string, min: number, max: number): number | undefined {
    const bytes = sizeInBytes(raw);
    if (!(bytes >= min && bytes <= max)) {
      this.problems.push({
        variable: name,
        problem: `must be a size from ${sizeText(min)} to ${sizeText(max)} such as 512kb or 10mb, not ${JSON.stringify(raw)}`,
      });
      return undefined;
    }
    return bytes;
  }
}

/** `512kb` → 524288; NaN when it is no size. */
function sizeInBytes(text: string): number {
  const m = /^(\d{1,9})(b|kb|mb)$/.exec(text);
  return m ? Number(m[1]) * { b: 1, kb: 1024, mb: 1024 * 1024 }[m[2] as 'b' | 'kb' | 'mb'] : NaN;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)}mb` : `${bytes / 1024}kb`;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** For logs: never print credentials. */
export function describeDatabase(config: AppConfig): string {
  if (config.database.kind === 'sqlite') return `SQLite ${config.database.path}`;
  const u = new URL(config.database.url);
  return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
}
