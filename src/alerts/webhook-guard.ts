import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { AddressRule, decideAddress } from '../common/ip-address';

/** A webhook the guard would not let the server call: nothing was sent. */
export class WebhookRefusedError extends Error {
  constructor(reason: string) {
    super(`refused: ${reason} (ALERTS_WEBHOOK_ALLOW can allow an intranet receiver)`);
    this.name = 'WebhookRefusedError';
  }
}

type Resolve = (hostname: string, callback: (error: Error | null, addresses: LookupAddress[]) => void) => void;

const systemResolve: Resolve = (hostname, callback) =>
  dnsLookup(hostname, { all: true }, (error, addresses) => callback(error, addresses ?? []));

/**
 * A DNS lookup for the socket itself: the addresses it returns are the ones connected to, so the
 * decision cannot be dodged by a name that resolves differently the second time (DNS rebinding). A
 * name with any refused address is refused.
 */
export function guardedLookup(allow: readonly AddressRule[], resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const wanted = addresses.filter((a) => !options.family || a.family === options.family);
      if (!wanted.length) {
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      }
      for (const a of wanted) {
        const decision = decideAddress(a.address, allow);
        if (!decision.allowed) return callback(new WebhookRefusedError(`${hostname}: ${decision.reason}`), '', 0);
      }
      if (options.all) callback(null, wanted);
      else callback(null, wanted[0].address, wanted[0].family);
    });
  };
}

/**
 * POSTs to a webhook URL through the guard: the address is decided before any connection (an IP in
 * the URL at once, a name after its resolution), redirects are errors (never followed, so a receiver
 * cannot send the server elsewhere), and the answer's body is never read back.
 */
export function guardedPost(
  url: string,
  options: { headers: Record<string, string>; body: string; timeoutMs: number; allow: readonly AddressRule[] },
): Promise<void> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return reject(new Error('not a URL'));
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      return reject(new WebhookRefusedError(`${target.protocol} is not http or https`));
    }
    const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host)) {
      const decision = decideAddress(host, options.allow);
      if (!decision.allowed) return reject(new WebhookRefusedError(decision.reason));
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': String(Buffer.byteLength(options.body)) },
        lookup: guardedLookup(options.allow),
        // A fresh connection each time: a pooled socket would skip the lookup, hence the decision.
        agent: false,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else if (status >= 300 && status < 400) reject(new Error(`redirect not followed (HTTP ${status})`));
        else reject(new Error(`HTTP ${status}`));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
