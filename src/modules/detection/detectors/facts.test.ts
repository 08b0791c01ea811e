import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIp, ipv4Value, networkOf } from '../detection.ip.js';
import { networkText, readAddress, wideText, type LoginFacts } from './facts.js';

function keysOf(ip: string) {
  const facts = {} as LoginFacts;
  readAddress(facts, ip);
  return facts;
}

const address = fc
  .oneof(fc.ipV4(), fc.ipV6())
  .map((ip) => canonicalIp(ip))
  .filter((ip): ip is string => ip !== null);

/** The engine's cheap keys must group and name addresses exactly as the CIDR arithmetic does. */
describe('source keys', () => {
  it('gives two addresses the same network key exactly when they share a /24 or /48', () => {
    fc.assert(
      fc.property(address, address, (a, b) => {
        const sameNetwork = networkOf(a, 24, 48) === networkOf(b, 24, 48);
        expect(keysOf(a).networkKey === keysOf(b).networkKey).toBe(sameNetwork);
        const sameWide = networkOf(a, 16, 32) === networkOf(b, 16, 32);
        expect(keysOf(a).wideKey === keysOf(b).wideKey).toBe(sameWide);
      }),
    );
    expect(keysOf('2001:db8:1::7').networkKey).toBe(keysOf('2001:db8:1:ffff::1').networkKey);
    expect(keysOf('::1').networkKey).not.toBe(keysOf('1::').networkKey);
    // The IPv6 /48 ::/48 and the IPv4 /24 0.0.0.0/24 are different networks.
    expect(keysOf('::1').networkKey).not.toBe(keysOf('0.0.0.1').networkKey);
  });

  it('names a network key as the CIDR arithmetic does', () => {
    fc.assert(
      fc.property(address, (ip) => {
        const facts = keysOf(ip);
        expect(networkText(facts.networkKey)).toBe(networkOf(ip, 24, 48));
        expect(wideText(facts.wideKey)).toBe(networkOf(ip, 16, 32));
      }),
    );
    expect(wideText(keysOf('203.0.113.9').wideKey)).toBe('203.0.0.0/16');
    expect(networkText(keysOf('2001:db8:0:1::1').networkKey)).toBe('2001:db8::/48');
  });

  it('reads canonical IPv4 addresses as their 32-bit value and refuses anything else', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const canonical = canonicalIp(ip);
        if (canonical === null) return;
        const parts = canonical.split('.').map(Number);
        expect(ipv4Value(canonical)).toBe(
          ((parts[0]! * 256 + parts[1]!) * 256 + parts[2]!) * 256 + parts[3]!,
        );
      }),
    );
    expect(ipv4Value('2001:db8::1')).toBe(-1);
    expect(ipv4Value('1.2.3')).toBe(-1);
  });

  it('keys text that is not an address on the text itself', () => {
    const facts = keysOf('not-an-address');
    expect(facts.ipKey).toBe('not-an-address');
    expect(networkText(facts.networkKey)).toBe('not-an-address');
  });
});
