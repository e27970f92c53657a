import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { syntheticBundle } from '../../src/bench/synthetic';
import { cli, databaseEnv, ROOT, tempDatabase } from '../helpers';

/**
 * Issue 11 defect 12: SIGTERM with long renders queued once left the server alive for 8 minutes. It
 * now stops accepting at once, refuses the queued renders (503), gives those running at most
 * SHUTDOWN_TIMEOUT_MS, then exits.
 */
const GRACE_MS = 1000;

function pdf(
  port: number,
  path: string,
  token: string,
): Promise<{ status: number; code?: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = get(
      { host: '127.0.0.1', port, path, agent: false, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          const code = res.headers['content-type']?.includes('json')
            ? (JSON.parse(text) as { code: string }).code
            : undefined;
          resolve({ status: res.statusCode ?? 0, code });
        });
      },
    );
    req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
  });
}

function waitFor(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve) => {
    let text = '';
    stream.on('data', (c: Buffer) => {
      text += c.toString();
      const m = pattern.exec(text);
      if (m) resolve(m);
    });
  });
}

describe('SIGTERM with long renders queued (real server process, real Chromium)', () => {
  const db = tempDatabase();
  let server: ChildProcessWithoutNullStreams | undefined;
  afterAll(() => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    db.cleanup();
  });

  it('stops accepting, refuses the queued renders, and exits within its bound', async () => {
    const bundle = syntheticBundle(300, 'gros-registre');
    const file = join(db.dir, 'bundle.json');
    writeFileSync(file, JSON.stringify(bundle));
    expect(cli(['import', file], db.path).code).toBe(0);
    const key = cli(['keys', 'create', '--name', 'test', '--role', 'viewer', '--org', '*', '--json'], db.path);
    const { token } = JSON.parse(key.stdout) as { token: string };

    server = spawn(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), 'serve', '--port', '0'], {
      env: {
        ...process.env,
        ...databaseEnv(db.path),
        ALERTS_SCHEDULE: 'off',
        RENDER_CONCURRENCY: '1',
        SHUTDOWN_TIMEOUT_MS: String(GRACE_MS),
      },
    });
    let stderr = '';
    server.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => server?.on('exit', (code) => resolve(code)));
    const port = Number((await waitFor(server.stdout, /http:\/\/127\.0\.0\.1:(\d+)\/api/))[1]);

    const path = '/api/organisations/gros-registre/documents/register.pdf?asOf=2026-06-01';
    const responses = Promise.all(Array.from({ length: 4 }, () => pdf(port, path, token)));
    await new Promise((resolve) => setTimeout(resolve, 1500)); // let the four requests reach the server

    const stopping = waitFor(server.stderr, /SIGTERM: stopping/);
    server.kill('SIGTERM');
    await stopping;
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    expect(refused).toBe('ECONNREFUSED');

    // The bound: the grace period and a margin. Without it, the four renders would each run their course.
    const code = await Promise.race([
      exited,
      new Promise<string>((resolve) => setTimeout(() => resolve('still running'), GRACE_MS + 15_000)),
    ]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: expect.stringContaining('SIGTERM: stopping') as unknown });
    const answers = await responses;
    for (const a of answers) {
      expect([
        'status' in a && a.status === 200,
        'status' in a && a.status === 503 && a.code === 'shutting_down',
      ]).toContain(true);
    }
    expect(answers.filter((a) => 'status' in a && a.status === 503).length).toBeGreaterThanOrEqual(2);
  });
});
