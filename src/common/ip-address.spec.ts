import { decideAddress, parseAddressRules, parseIp } from './ip-address';

// Addresses here are data for a pure decision: nothing connects to any of them.
describe('decideAddress (where a webhook may connect)', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::127.0.0.1', 'loopback'],
    ['2002:7f00:1::', 'loopback'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fc00::1', 'private'],
    ['169.254.10.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['100.64.0.1', 'shared'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'documentation'],
  ])('refuses %s (%s)', (address, label) => {
    const decision = decideAddress(address);
    expect(decision.allowed).toBe(false);
    expect(decision.allowed === false && decision.reason).toContain(label);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '2a00:1450:4007:80e::200e', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(decideAddress(address)).toEqual({ allowed: true });
    },
  );

  it('refuses what is not an IP address', () => {
    expect(decideAddress('example.org')).toMatchObject({ allowed: false });
  });

  it('lets an allow-list open exactly the ranges it names', () => {
    const parsed = parseAddressRules('127.0.0.1, 10.20.0.0/16,fd12::/64');
    if (parsed.error !== undefined) throw new Error(parsed.error);
    const { rules } = parsed;
    expect(decideAddress('127.0.0.1', rules)).toEqual({ allowed: true });
    expect(decideAddress('::ffff:127.0.0.1', rules)).toEqual({ allowed: true });
    expect(decideAddress('127.0.0.2', rules)).toMatchObject({ allowed: false });
    expect(decideAddress('10.20.255.1', rules)).toEqual({ allowed: true });
    expect(decideAddress('10.21.0.1', rules)).toMatchObject({ allowed: false });
    expect(decideAddress('fd12::9', rules)).toEqual({ allowed: true });
    expect(decideAddress('fd12:0:0:1::9', rules)).toMatchObject({ allowed: false });
  });

  it('never opens a metadata service, even when the allow-list covers it', () => {
    const parsed = parseAddressRules('169.254.0.0/16');
    if (parsed.error !== undefined) throw new Error(parsed.error);
    expect(decideAddress('169.254.10.1', parsed.rules)).toEqual({ allowed: true });
    expect(decideAddress('169.254.169.254', parsed.rules)).toMatchObject({ allowed: false });
  });
});

describe('parseIp and parseAddressRules', () => {
  it('reads compressed and full IPv6 forms alike', () => {
    expect(parseIp('1:0:0:0:0:0:0:8')).toEqual(parseIp('1::8'));
    expect(parseIp('[::1]')).toEqual(parseIp('::1'));
    expect(parseIp('::ffff:1.2.3.4')?.value).toBe(0xffff01020304n);
    expect(parseIp('10.0.0.256')).toBeUndefined();
  });

  it.each(['10.0.0.0/33', 'localhost', '10.0.0.0/8/1', '::1/129', '10.0.0.0/x'])('refuses the rule "%s"', (rule) => {
    expect(parseAddressRules(rule).error).toContain(rule);
  });
});
