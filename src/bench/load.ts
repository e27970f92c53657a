/*
 * `npm run load`: bounded load on a real `registre serve` process, on loopback only. For each scenario,
 * N clients send requests back to back for a fixed time; printed: throughput, p50/p99/max latency, the
 * status codes, dropped connections, and the memory of the server and of its Chromium before and after.
 * Not a test and not in CI: figures are printed, never asserted.
 *
 *   npm run load -- [--clients 20] [--seconds 20] [--size 2000] [--scenarios findings,findings-gzip,findings-identity,findings-304,export,writes,pdf,health]
 */
import 'reflect-metadata';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { syntheticBundle } from './synthetic';

const HOST = '127.0.0.1';
const CLI = join(__dirname, '..', 'cli', 'main.js');

interface Options {
  clients: number;
  seconds: number;
  size: number;
  scenarios: string[];
  json: boolean;
}

function options(argv: string[]): Options {
  const get = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
  const int = (name: string, fallback: number, max: number) => {
    const value = Number(get(name, String(fallback)));
    if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`--${name} must be an integer 1–${max}`);
    return value;
  };
  return {
    clients: int('clients', 20, 200),
    seconds: int('seconds', 20, 600),
    size: int('size', 2000, 20000),
    scenarios: get('scenarios', 'health,findings,export,writes,pdf').split(','),
    json: argv.includes('--json'),
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function cli(args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`registre ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Resident memory of a process and of all its descendants (Chromium runs as children of the server). */
function memoryMb(pid: number): { server: number; children: number } {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      parents.set(Number(entry), Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0));
      rss.set(Number(entry), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      // The process ended while we read.
    }
  }
  const descends = (p: number): boolean => {
    for (let cur = parents.get(p); cur !== undefined && cur > 1; cur = parents.get(cur)) if (cur === pid) return true;
    return false;
  };
  let children = 0;
  for (const p of rss.keys()) if (descends(p)) children += rss.get(p) ?? 0;
  return { server: Math.round(rss.get(pid) ?? 0), children: Math.round(children) };
}

interface Result {
  scenario: string;
  clients: number;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: Record<string, number>;
  dropped: number;
  /** Mean size of a body as received (compressed when the server compressed it), in KB. */
  bodyKb: number;
  memoryBeforeMb: { server: number; children: number };
  memoryAfterMb: { server: number; children: number };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;

/** What a scenario's request gives back: fetch's Response, or rawGet's bytes as sent. */
interface Answer {
  status: number;
  arrayBuffer(): Promise<unknown>;
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 64 });

/**
 * A GET through node:http with the headers given and nothing added: the body is read as the server sent
 * it (compressed or not, never decoded here), so the figure is the server's, not the client's inflating.
 */
function rawGet(url: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = httpGet(url, { agent: keepAlive, headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => done({ status: res.statusCode ?? 0, arrayBuffer: () => Promise.resolve(bytes) }));
      res.on('error', fail);
    });
    req.on('error', fail);
  });
}

async function run(
  scenario: string,
  clients: number,
  seconds: number,
  pid: number,
  request: (client: number, n: number) => Promise<Answer>,
): Promise<Result> {
  const before = memoryMb(pid);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let dropped = 0;
  let bodyBytes = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let n = 0; performance.now() < end; n++) {
        const t = performance.now();
        try {
          const res = await request(client, n);
          const body = await res.arrayBuffer();
          bodyBytes += typeof body === 'number' ? body : body instanceof ArrayBuffer ? body.byteLength : 0;
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        } catch {
          dropped++;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    scenario,
    clients,
    requests: latencies.length,
    perSecond: Math.round((latencies.length / elapsed) * 10) / 10,
    p50Ms: Math.round(percentile(latencies, 50)),
    p99Ms: Math.round(percentile(latencies, 99)),
    maxMs: Math.round(latencies[latencies.length - 1] ?? 0),
    statuses,
    dropped,
    bodyKb: latencies.length ? Math.round(bodyBytes / latencies.length / 1024) : 0,
    memoryBeforeMb: before,
    memoryAfterMb: memoryMb(pid),
  };
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error('the server exited during start-up');
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server did not answer /api/health within 60 s');
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'registre-load-'));
  const env = {
    ...process.env,
    DATABASE_PATH: join(dir, 'load.sqlite'),
    DATABASE_URL: '',
    ALERTS_SCHEDULE: 'off',
    // The load comes from one client: the per-client rate limit would answer 429 to most of it.
    RATE_LIMIT_PER_MINUTE: '1000000',
  };
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  let server: ChildProcess | undefined;
  try {
    cli(['seed'], env);
    const bundleFile = join(dir, 'synthetic.json');
    writeFileSync(bundleFile, JSON.stringify(syntheticBundle(opts.size)));
    cli(['import', bundleFile], env);
    const token = (
      JSON.parse(cli(['keys', 'create', '--name', 'load', '--role', 'admin', '--org', '*', '--json'], env)) as {
        token: string;
      }
    ).token;
    server = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--host', HOST], { env, stdio: 'ignore' });
    await waitForHealth(base, server);
    const pid = server.pid ?? 0;
    const headers = { authorization: `Bearer ${token}` };
    const big = `/api/organisations/synthetic-${opts.size}`;
    let etag: string | undefined;
    const findingsUrl = `${base}${big}/findings?asOf=2026-06-01`;
    const scenarios: Record<string, (client: number, n: number) => Promise<Answer>> = {
      health: () => rawGet(`${base}/api/health`, {}),
      // As a browser or a generated client asks: brotli accepted.
      findings: () => rawGet(findingsUrl, { ...headers, 'accept-encoding': 'gzip, deflate, br' }),
      'findings-gzip': () => rawGet(findingsUrl, { ...headers, 'accept-encoding': 'gzip' }),
      // A client that accepts no coding: the whole JSON (27 MB at 10 000 treatments) each time.
      'findings-identity': () => rawGet(findingsUrl, headers),
      // A client that keeps the answer it has and asks whether it changed (If-None-Match → 304).
      'findings-304': async () => {
        etag ??= (await fetch(findingsUrl, { headers })).headers.get('etag') ?? '';
        return rawGet(findingsUrl, { ...headers, 'if-none-match': etag });
      },
      export: () => fetch(`${base}${big}/export`, { headers }),
      writes: (client, n) =>
        fetch(`${base}/api/organisations/desmos/treatments`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ key: `load-${client}-${n}`, name: `Charge ${client}/${n}`, role: 'controller' }),
        }),
      pdf: () =>
        fetch(`${base}/api/organisations/desmos/documents/register.pdf?asOf=2026-06-01`, {
          headers,
          signal: AbortSignal.timeout(300_000),
        }),
    };
    const results: Result[] = [];
    for (const name of opts.scenarios) {
      const request = scenarios[name];
      if (!request) throw new Error(`unknown scenario "${name}"; one of ${Object.keys(scenarios).join(', ')}`);
      results.push(await run(name, opts.clients, opts.seconds, pid, request));
    }
    if (opts.json) {
      console.log(JSON.stringify({ options: opts, results }, null, 2));
      return;
    }
    console.log(
      `Registre under load — ${opts.clients} clients, ${opts.seconds} s per scenario, synthetic organisation of ${opts.size} treatments, loopback`,
    );
    console.log(
      'scenario           req/s   p50 ms   p99 ms   max ms  body KB  statuses              dropped  server MB  chromium MB',
    );
    for (const r of results) {
      const statuses = Object.entries(r.statuses)
        .map(([code, n]) => `${code}×${n}`)
        .join(' ');
      console.log(
        `${r.scenario.padEnd(17)} ${String(r.perSecond).padStart(6)} ${String(r.p50Ms).padStart(8)} ${String(r.p99Ms).padStart(8)} ${String(r.maxMs).padStart(8)} ${String(r.bodyKb).padStart(8)}  ${statuses.padEnd(20)} ${String(r.dropped).padStart(7)}  ${r.memoryBeforeMb.server}→${r.memoryAfterMb.server}`.padEnd(
          121,
        ) + `  ${r.memoryBeforeMb.children}→${r.memoryAfterMb.children}`,
      );
    }
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    if (server && server.exitCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
