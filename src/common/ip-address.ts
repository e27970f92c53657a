import { isIP } from 'node:net';

/**
 * IP addresses as numbers, and the ranges a server must not be made to call on a user's behalf
 * (loopback, private, link-local, cloud metadata…). Pure: no DNS, no socket; the webhook sender asks
 * these functions about every address it is about to connect to.
 */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

export interface AddressRule {
  /** As written in the setting, for messages. */
  text: string;
  family: 4 | 6;
  network: bigint;
  prefix: number;
}

export function parseIp(text: string): IpAddress | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const address = bare.replace(/%.*$/, ''); // an IPv6 zone (fe80::1%eth0) names an interface, not an address
  const family = isIP(address);
  if (family === 4) return { family: 4, value: ipv4Value(address) };
  if (family === 6) return { family: 6, value: ipv6Value(address) };
  return undefined;
}

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6Value(text: string): bigint {
  let head = text;
  let tailV4: bigint | undefined;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    tailV4 = ipv4Value(v4[1]);
    head = `${text.slice(0, -v4[1].length)}0:0`;
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const leftGroups = left ? left.split(':') : [];
  const rightGroups = right === undefined ? [] : right ? right.split(':') : [];
  const missing = 8 - leftGroups.length - rightGroups.length;
  const groups = [...leftGroups, ...Array<string>(right === undefined ? 0 : missing).fill('0'), ...rightGroups];
  let value = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

function inRange(ip: IpAddress, family: 4 | 6, network: bigint, prefix: number): boolean {
  if (ip.family !== family) return false;
  const bits = BigInt(family === 4 ? 32 : 128);
  const shift = bits - BigInt(prefix);
  return ip.value >> shift === network >> shift;
}

const v4 = (cidr: string) => range(cidr, 4);
const v6 = (cidr: string) => range(cidr, 6);
function range(cidr: string, family: 4 | 6): { family: 4 | 6; network: bigint; prefix: number } {
  const [address, prefix] = cidr.split('/');
  const ip = parseIp(address);
  if (!ip || ip.family !== family) throw new Error(`bad range ${cidr}`);
  return { family, network: ip.value, prefix: Number(prefix ?? (family === 4 ? 32 : 128)) };
}

/** Cloud metadata services: never reachable from a webhook, even through the allow-list. */
const METADATA = [
  v4('169.254.169.254/32'), // AWS, GCP, Azure, OpenStack…
  v4('169.254.170.2/32'), // AWS ECS task metadata
  v4('100.100.100.200/32'), // Alibaba Cloud
  v4('168.63.129.16/32'), // Azure wire server
  v6('fd00:ec2::254/128'), // AWS over IPv6
];

const REFUSED_V4: [ReturnType<typeof v4>, string][] = [
  [v4('0.0.0.0/8'), 'unspecified ("this network")'],
  [v4('127.0.0.0/8'), 'loopback'],
  [v4('10.0.0.0/8'), 'private'],
  [v4('172.16.0.0/12'), 'private'],
  [v4('192.168.0.0/16'), 'private'],
  [v4('100.64.0.0/10'), 'shared (carrier-grade NAT)'],
  [v4('169.254.0.0/16'), 'link-local'],
  [v4('192.0.0.0/24'), 'reserved (IETF protocol assignments)'],
  [v4('192.0.2.0/24'), 'reserved (documentation)'],
  [v4('198.51.100.0/24'), 'reserved (documentation)'],
  [v4('203.0.113.0/24'), 'reserved (documentation)'],
  [v4('198.18.0.0/15'), 'reserved (benchmarking)'],
  [v4('224.0.0.0/4'), 'multicast'],
  [v4('240.0.0.0/4'), 'reserved'],
];

const REFUSED_V6: [ReturnType<typeof v6>, string][] = [
  [v6('::/128'), 'unspecified'],
  [v6('::1/128'), 'loopback'],
  [v6('fc00::/7'), 'private (unique local)'],
  [v6('fe80::/10'), 'link-local'],
  [v6('fec0::/10'), 'private (site-local)'],
  [v6('ff00::/8'), 'multicast'],
  [v6('2001:db8::/32'), 'reserved (documentation)'],
  [v6('100::/64'), 'reserved (discard)'],
];

/** IPv6 forms that carry an IPv4 address: judged by that address (::ffff:127.0.0.1 is loopback). */
function embeddedIpv4(ip: IpAddress): IpAddress | undefined {
  if (ip.family !== 6) return undefined;
  const low32 = ip.value & 0xffffffffn;
  if (inRange(ip, 6, ...pair(v6('::ffff:0:0/96')))) return { family: 4, value: low32 }; // IPv4-mapped
  if (inRange(ip, 6, ...pair(v6('64:ff9b::/96')))) return { family: 4, value: low32 }; // NAT64
  if (inRange(ip, 6, ...pair(v6('::/96'))) && ip.value > 1n) return { family: 4, value: low32 }; // IPv4-compatible
  if (inRange(ip, 6, ...pair(v6('2002::/16')))) return { family: 4, value: (ip.value >> 80n) & 0xffffffffn }; // 6to4
  return undefined;
}

function pair(r: { family: 4 | 6; network: bigint; prefix: number }): [bigint, number] {
  return [r.network, r.prefix];
}

export type AddressDecision = { allowed: true } | { allowed: false; reason: string };

/**
 * May the server connect to this address on a user's behalf? Public addresses yes; loopback, private,
 * link-local, reserved and multicast ones only when an allow-list rule covers them; cloud metadata
 * services never.
 */
export function decideAddress(address: string, allow: readonly AddressRule[] = []): AddressDecision {
  const ip = parseIp(address);
  if (!ip) return { allowed: false, reason: `"${address}" is not an IP address` };
  const judged = embeddedIpv4(ip) ?? ip;
  for (const m of METADATA) {
    if (inRange(judged, m.family, m.network, m.prefix)) {
      return { allowed: false, reason: `${address} is a cloud metadata address` };
    }
  }
  if (allow.some((r) => inRange(ip, r.family, r.network, r.prefix) || inRange(judged, r.family, r.network, r.prefix))) {
    return { allowed: true };
  }
  const table = judged.family === 4 ? REFUSED_V4 : REFUSED_V6;
  for (const [r, label] of table) {
    if (inRange(judged, r.family, r.network, r.prefix)) {
      return { allowed: false, reason: `${address} is a ${label} address` };
    }
  }
  return { allowed: true };
}

/** `127.0.0.1, 10.20.0.0/16, fd12::/64` → rules; an error names the first entry that is not one. */
export function parseAddressRules(text: string): { rules: AddressRule[]; error?: undefined } | { error: string } {
  const rules: AddressRule[] = [];
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address, prefixText, extra] = entry.split('/');
    const ip = parseIp(address);
    const max = ip?.family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!ip || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
      return {
        error: `must list IP addresses or CIDR ranges separated by commas (e.g. 10.0.0.0/8); "${entry}" is not one`,
      };
    }
    rules.push({ text: entry, family: ip.family, network: ip.value, prefix });
  }
  return { rules };
}
