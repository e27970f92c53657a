import { INestApplication } from '@nestjs/common';
import type { Server, ServerResponse } from 'node:http';
import { PdfRenderer } from '../documents/pdf-renderer';
import type { Io } from './program';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * A bounded stop on SIGTERM or SIGINT: stop accepting connections, refuse the renders still queued
 * (503), let the requests in flight finish for at most `graceMs`, then answer those still running 503
 * `shutting_down` (a client may retry elsewhere), close the application (database, browser) and exit.
 * A second signal, or a stop that overruns, exits at once.
 */
export function stopOnSignals(app: INestApplication, graceMs: number, io: Io): void {
  const inFlight = trackResponses(app.getHttpServer() as Server);
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      io.err(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    const overrun = setTimeout(() => {
      io.err('the stop overran its bound: exiting');
      process.exit(1);
    }, graceMs + 5000);
    overrun.unref();
    const stopped = stop(app, graceMs, inFlight); // no longer listening from here on
    io.err(`${signal}: stopping (requests in flight get at most ${graceMs} ms)`);
    void stopped.then(
      () => process.exit(0),
      (error: unknown) => {
        io.err(`error while stopping: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** The responses not yet finished, so that a stop can answer them rather than reset their connections. */
export function trackResponses(server: Server): Set<ServerResponse> {
  const open = new Set<ServerResponse>();
  server.on('request', (_req, res: ServerResponse) => {
    open.add(res);
    res.on('close', () => open.delete(res));
  });
  return open;
}

const SHUTTING_DOWN = JSON.stringify({
  statusCode: 503,
  code: 'shutting_down',
  message: 'The server is stopping; try again shortly',
  details: [],
});

export async function stop(
  app: INestApplication,
  graceMs: number,
  inFlight: Set<ServerResponse> = new Set(),
): Promise<void> {
  const server = app.getHttpServer() as Server;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const renderer = app.get(PdfRenderer);
  renderer.stopAccepting();
  let expired = false;
  void sleep(graceMs).then(() => (expired = true));
  // Keep-alive connections that finished their request would hold the server open: close them as they idle.
  while (!expired) {
    server.closeIdleConnections();
    if (await Promise.race([closed.then(() => true), sleep(50).then(() => false)])) break;
  }
  await renderer.abort();
  for (const res of inFlight) {
    if (res.headersSent) continue; // a download under way cannot change its status: it is cut
    res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '5', Connection: 'close' });
    res.end(SHUTTING_DOWN);
  }
  await sleep(20); // let those answers leave before the sockets close
  server.closeAllConnections();
  await app.close();
}
