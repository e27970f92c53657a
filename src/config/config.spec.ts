import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError, describeDatabase, loadConfig } from './config';

/** The problems of a configuration that must fail, by variable. */
function problems(env: Record<string, string>): Record<string, string> {
  try {
    loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return Object.fromEntries(error.problems.map((p) => [p.variable, p.problem]));
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has a default for everything', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'sqlite', path: resolve('data/registre.sqlite') });
    expect(config.http).toEqual({
      host: '127.0.0.1',
      port: 3000,
      bodyLimit: '10mb',
      rateLimitPerMinute: 600,
      shutdownTimeoutMs: 10_000,
    });
    expect(config.auth).toEqual({ enabled: true });
    expect(config.render).toEqual({
      concurrency: 4,
      queue: 8,
      pages: availableParallelism(),
      chunkKb: 256,
      memoryMb: 1536,
      timeoutMs: 600_000,
      executablePath: '/usr/bin/chromium',
    });
    expect(config.documents).toEqual({ cacheDir: resolve('data/cache/documents'), cacheMb: 512 });
    expect(config.alerts).toEqual({
      schedule: { enabled: true, cron: '0 7 * * *', timeZone: 'Europe/Paris' },
      smtpUrl: undefined,
      from: 'Registre <registre@localhost>',
      attempts: 3,
      retryBaseMs: 1000,
      timeoutMs: 10_000,
      webhookAllow: [],
    });
  });

  it('reads every setting given', () => {
    const config = loadConfig({
      DATABASE_PATH: '/tmp/r.sqlite',
      PORT: '8080',
      HOST: '::1',
      BODY_LIMIT: '512KB',
      RATE_LIMIT_PER_MINUTE: '60',
      SHUTDOWN_TIMEOUT_MS: '0',
      REGISTRE_AUTH: 'disabled',
      RENDER_CONCURRENCY: '1',
      RENDER_TIMEOUT_MS: '5000',
      RENDER_QUEUE: '0',
      RENDER_PAGES: '3',
      RENDER_CHUNK_KB: '64',
      RENDER_MEMORY_MB: '0',
      DOCUMENT_CACHE_DIR: '/tmp/docs',
      DOCUMENT_CACHE_MB: '0',
      PUPPETEER_EXECUTABLE_PATH: '/opt/chrome',
      ALERTS_SCHEDULE: 'off',
      ALERTS_CRON: '30 6 * * 1-5',
      ALERTS_TIMEZONE: 'America/Montreal',
      SMTP_URL: 'smtp://u:p@mail.example:587',
      ALERTS_FROM: 'DPO <dpo@example.org>',
      ALERTS_ATTEMPTS: '1',
      ALERTS_RETRY_BASE_MS: '0',
      ALERTS_TIMEOUT_MS: '2000',
      ALERTS_WEBHOOK_ALLOW: '127.0.0.1, 10.0.0.0/8',
    });
    expect(config.database).toEqual({ kind: 'sqlite', path: '/tmp/r.sqlite' });
    expect(config.http).toEqual({
      host: '::1',
      port: 8080,
      bodyLimit: '512kb',
      rateLimitPerMinute: 60,
      shutdownTimeoutMs: 0,
    });
    expect(config.auth.enabled).toBe(false);
    expect(config.render).toEqual({
      concurrency: 1,
      queue: 0,
      pages: 3,
      chunkKb: 64,
      memoryMb: 0,
      timeoutMs: 5000,
      executablePath: '/opt/chrome',
    });
    expect(config.documents).toEqual({ cacheDir: '/tmp/docs', cacheMb: 0 });
    expect(config.alerts).toMatchObject({
      schedule: { enabled: false, cron: '30 6 * * 1-5', timeZone: 'America/Montreal' },
      smtpUrl: 'smtp://u:p@mail.example:587',
      from: 'DPO <dpo@example.org>',
      attempts: 1,
      retryBaseMs: 0,
      timeoutMs: 2000,
    });
    expect(config.alerts.webhookAllow.map((r) => r.text)).toEqual(['127.0.0.1', '10.0.0.0/8']);
  });

  it('takes an empty variable for an unset one', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '  ', ALERTS_ATTEMPTS: '' })).toMatchObject({
      http: { port: 3000 },
      database: { kind: 'sqlite' },
      alerts: { attempts: 3 },
    });
  });

  it('switches to PostgreSQL on DATABASE_URL and never prints its password', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://registre:s3cret@db.local:5433/registre' });
    expect(config.database.kind).toBe('postgres');
    expect(describeDatabase(config)).toBe('PostgreSQL db.local:5433/registre');
    expect(describeDatabase(config)).not.toContain('s3cret');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['PORT', '0x50'],
    ['PORT', '1e3'],
    ['BODY_LIMIT', '10gb'],
    ['BODY_LIMIT', '101mb'],
    ['BODY_LIMIT', '512'],
    ['BODY_LIMIT', 'lots'],
    ['BODY_LIMIT', '0kb'],
    ['RATE_LIMIT_PER_MINUTE', 'abc'],
    ['RATE_LIMIT_PER_MINUTE', '0'],
    ['SHUTDOWN_TIMEOUT_MS', 'soon'],
    ['REGISTRE_AUTH', 'maybe'],
    ['REGISTRE_AUTH', 'off'],
    ['RENDER_CONCURRENCY', '0'],
    ['RENDER_TIMEOUT_MS', '10'],
    ['ALERTS_SCHEDULE', 'daily'],
    ['ALERTS_CRON', '0 7 * *'],
    ['ALERTS_CRON', 'every morning'],
    ['ALERTS_CRON', '0 25 * * *'],
    ['ALERTS_TIMEZONE', 'Mars/Olympus'],
    ['ALERTS_TIMEZONE', 'Paris'],
    ['ALERTS_ATTEMPTS', '0'],
    ['ALERTS_ATTEMPTS', 'abc'],
    ['ALERTS_ATTEMPTS', '11'],
    ['ALERTS_RETRY_BASE_MS', '-5'],
    ['ALERTS_TIMEOUT_MS', 'NaN'],
    ['ALERTS_FROM', 'Registre <r@x>\r\nBcc: everyone@example.org'],
    ['ALERTS_WEBHOOK_ALLOW', '10.0.0.0/8, intranet.local'],
    ['HOST', 'not a host'],
    ['SMTP_URL', 'mail.example:25'],
    ['DATABASE_URL', 'mysql://x'],
  ])('refuses %s=%j, naming the variable', (variable, value) => {
    expect(Object.keys(problems({ [variable]: value }))).toEqual([variable]);
  });

  it('names every bad variable at once, and repeats no secret', () => {
    const found = problems({
      PORT: 'abc',
      ALERTS_ATTEMPTS: '0',
      SMTP_URL: 'ftp://user:hunter2@mail',
      DATABASE_URL: 'mysql://root:hunter2@db',
    });
    expect(Object.keys(found).sort()).toEqual(['ALERTS_ATTEMPTS', 'DATABASE_URL', 'PORT', 'SMTP_URL']);
    expect(JSON.stringify(found)).not.toContain('hunter2');
    expect(found.PORT).toContain('"abc"');
  });

  it('says which value it refused and what it wants', () => {
    expect(problems({ ALERTS_CRON: '0 7 * *' }).ALERTS_CRON).toMatch(/cron expression.*"0 7 \* \*"/);
    expect(problems({ RATE_LIMIT_PER_MINUTE: 'abc' }).RATE_LIMIT_PER_MINUTE).toBe(
      'must be a whole number from 1 to 1000000, not "abc"',
    );
    expect(String(new ConfigError([{ variable: 'PORT', problem: 'x' }]).message)).toBe('invalid configuration: PORT x');
  });

  it('reads the web settings, with their defaults, and names a bad one', () => {
    expect(loadConfig({}).web).toEqual({
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      cookieSecure: 'auto',
      signInMaxFailures: 5,
      signInLockMinutes: 15,
      trustProxy: false,
    });
    const web = loadConfig({ SESSION_COOKIE_SECURE: 'true', TRUST_PROXY: '1', SESSION_IDLE_MINUTES: '10' }).web;
    expect([web.cookieSecure, web.trustProxy, web.sessionIdleMinutes]).toEqual(['always', 1, 10]);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).web.trustProxy).toBe('loopback');
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ SIGNIN_MAX_FAILURES: 'five' })).toThrow(/SIGNIN_MAX_FAILURES/);
    expect(() => loadConfig({ SESSION_COOKIE_SECURE: 'maybe' })).toThrow(/SESSION_COOKIE_SECURE/);
  });

  it('reads the limits of imported files, in kb or mb', () => {
    expect(loadConfig({}).imports).toEqual({
      maxBytes: 10 * 1048576,
      maxUnzippedBytes: 100 * 1048576,
      maxEntries: 1000,
      maxRows: 50_000,
    });
    expect(loadConfig({ IMPORT_MAX_BYTES: '512kb', IMPORT_MAX_ROWS: '200' }).imports).toMatchObject({
      maxBytes: 512 * 1024,
      maxRows: 200,
    });
    expect(() => loadConfig({ IMPORT_MAX_UNZIPPED_BYTES: 'a lot' })).toThrow(/IMPORT_MAX_UNZIPPED_BYTES/);
    expect(() => loadConfig({ IMPORT_MAX_ROWS: '5' })).toThrow(/IMPORT_MAX_ROWS/);
  });

  it('reads how many findings answers are kept in memory (0 keeps none)', () => {
    expect(loadConfig({}).cache.findingsEntries).toBe(32);
    expect(loadConfig({ FINDINGS_CACHE_ENTRIES: '0' }).cache.findingsEntries).toBe(0);
    expect(loadConfig({ FINDINGS_CACHE_ENTRIES: '500' }).cache.findingsEntries).toBe(500);
    expect(() => loadConfig({ FINDINGS_CACHE_ENTRIES: 'many' })).toThrow(/FINDINGS_CACHE_ENTRIES/);
    expect(() => loadConfig({ FINDINGS_CACHE_ENTRIES: '10001' })).toThrow(/FINDINGS_CACHE_ENTRIES/);
  });
});
