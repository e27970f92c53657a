import type { LookupAddress } from 'node:dns';
import { parseAddressRules } from '../common/ip-address';
import { guardedLookup, guardedPost, WebhookRefusedError } from './webhook-guard';

// A fake resolver: these names and addresses are data, nothing is resolved or connected to.
const fakeDns: Record<string, LookupAddress[]> = {
  'hooks.example.org': [{ address: '93.184.215.14', family: 4 }],
  'intranet.example': [{ address: '10.20.0.5', family: 4 }],
  'rebind.example': [
    { address: '93.184.215.14', family: 4 },
    { address: '169.254.169.254', family: 4 },
  ],
  'dual.example': [
    { address: '2a00:1450:4007:80e::200e', family: 6 },
    { address: '93.184.215.14', family: 4 },
  ],
};
const resolve = (host: string, cb: (e: Error | null, a: LookupAddress[]) => void) => cb(null, fakeDns[host] ?? []);

function lookup(host: string, options: { all?: boolean; family?: number }, allow = '') {
  const rules = allow ? (parseAddressRules(allow) as { rules: never[] }).rules : [];
  return new Promise<{ error: Error | null; address: unknown; family?: number }>((done) =>
    guardedLookup(rules, resolve)(host, options, (error, address, family) => done({ error, address, family })),
  );
}

describe('guardedLookup (the address a webhook socket connects to)', () => {
  it('passes public addresses, as one or as a list', async () => {
    expect(await lookup('hooks.example.org', {})).toEqual({ error: null, address: '93.184.215.14', family: 4 });
    expect((await lookup('dual.example', { all: true })).address).toEqual(fakeDns['dual.example']);
    expect((await lookup('dual.example', { family: 4 })).address).toBe('93.184.215.14');
  });

  it('refuses a name that resolves to a private address, unless the allow-list covers it', async () => {
    const refused = await lookup('intranet.example', {});
    expect(refused.error).toBeInstanceOf(WebhookRefusedError);
    expect(refused.error?.message).toContain('intranet.example: 10.20.0.5 is a private address');
    expect(await lookup('intranet.example', {}, '10.20.0.0/16')).toMatchObject({ error: null, address: '10.20.0.5' });
  });

  it('refuses a name when any of its addresses is refused (no choosing the good one)', async () => {
    const { error } = await lookup('rebind.example', { all: true });
    expect(error?.message).toContain('cloud metadata');
  });

  it('reports a name without address', async () => {
    expect((await lookup('nowhere.example', {})).error).toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('guardedPost', () => {
  // Only the loopback here: were the guard broken, this would connect (see ip-address.spec.ts for the rest).
  const options = { headers: {}, body: '{}', timeoutMs: 1000, allow: [] };

  it('refuses 127.0.0.1 and a scheme other than http(s) before connecting', async () => {
    await expect(guardedPost('http://127.0.0.1:9/hook', options)).rejects.toThrow('loopback');
    await expect(guardedPost('ftp://127.0.0.1/x', options)).rejects.toThrow('ftp: is not http or https');
  });
});
