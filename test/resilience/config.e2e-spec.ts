import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cli, ROOT, tempDatabase } from '../helpers';

/**
 * Issue 11 defect 11 / issue 10 item 3: a bad setting stops every command of the built CLI (and the
 * server) with exit 1 and a message naming the variable, before anything is done.
 */
describe('bad settings stop every command (built CLI, real processes)', () => {
  const db = tempDatabase('sqlite'); // settings are read before any engine: one SQLite file serves both passes
  afterAll(() => db.cleanup());

  it.each([
    ['serve', 'PORT', 'abc'],
    ['serve', 'BODY_LIMIT', '10gb'],
    ['serve', 'RATE_LIMIT_PER_MINUTE', 'abc'],
    ['serve', 'ALERTS_CRON', '0 7 * *'],
    ['serve', 'ALERTS_TIMEZONE', 'Mars/Olympus'],
    ['serve', 'REGISTRE_AUTH', 'maybe'],
    ['alerts run', 'ALERTS_ATTEMPTS', '0'],
    ['alerts run', 'ALERTS_ATTEMPTS', 'abc'],
    ['deadline --from 2026-05-22T19:00:00+02:00 --add 72h', 'SHUTDOWN_TIMEOUT_MS', 'later'],
  ])('`registre %s` with %s=%j exits 1 naming the variable', (command, variable, value) => {
    const res = cli([...command.split(' ')], db.path, undefined, { [variable]: value });
    expect({ code: res.code, stdout: res.stdout }).toEqual({ code: 1, stdout: '' });
    expect(res.stderr).toContain('invalid_configuration');
    expect(res.stderr).toContain(`${variable}:`);
    expect(res.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('lists every bad variable at once and never repeats a secret', () => {
    const res = cli(['export', '--org', 'desmos'], db.path, undefined, {
      PORT: 'abc',
      ALERTS_ATTEMPTS: '0',
      DATABASE_URL: 'mysql://root:hunter2@127.0.0.1/db',
    });
    expect(res.code).toBe(1);
    for (const variable of ['PORT', 'ALERTS_ATTEMPTS', 'DATABASE_URL']) expect(res.stderr).toContain(`${variable}:`);
    expect(res.stderr).not.toContain('hunter2');
  });

  it('leaves help and usage errors as they were (0 and 2), whatever the settings', () => {
    expect(cli(['serve', '--help'], db.path, undefined, { PORT: 'abc' }).code).toBe(0);
    expect(cli(['frobnicate'], db.path, undefined, { PORT: 'abc' }).code).toBe(2);
  });

  it('stops `node dist/main.js` (the process managers’ entry) the same way', async () => {
    const { code, stderr } = await run([join(ROOT, 'dist', 'main.js')], { PORT: '70000', DATABASE_PATH: db.path });
    expect(code).toBe(1);
    expect(stderr).toContain('PORT: must be a whole number from 0 to 65535, not "70000"');
  });

  it('starts with good settings (and says where it listens)', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), 'serve', '--port', '0'], {
      env: { ...process.env, DATABASE_PATH: db.path, DATABASE_URL: '', ALERTS_SCHEDULE: 'off', BODY_LIMIT: '2MB' },
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('\n')) resolve(out);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      expect(line).toMatch(/^Registre on http:\/\/127\.0\.0\.1:\d+\/ \(API: http:\/\/127\.0\.0\.1:\d+\/api/);
      expect(line).not.toContain(':0/');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('close', resolve));
    }
  });
});

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, DATABASE_URL: '', ...env } });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}
