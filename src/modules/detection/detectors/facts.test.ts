import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIp, networkOf } from '../detection.ip.js';
import { ipv4Value, ipv6NetworkKey, wideNetworkOf } from './facts.js';

/** The engine's cheap keys must group addresses exactly as the CIDR arithmetic does. */
describe('source keys', () => {
  it('gives two IPv6 addresses the same key exactly when they share a /48', () => {
    const address = fc
      .ipV6()
      .map((ip) => canonicalIp(ip))
      .filter((ip): ip is string => ip !== null && ip.includes(':'));
    fc.assert(
      fc.property(address, address, (a, b) => {
        const sameNetwork = networkOf(a, 24, 48) === networkOf(b, 24, 48);
        expect(ipv6NetworkKey(a) === ipv6NetworkKey(b)).toBe(sameNetwork);
      }),
    );
    expect(ipv6NetworkKey('2001:db8:1::7')).toBe(ipv6NetworkKey('2001:db8:1:ffff::1'));
    expect(ipv6NetworkKey('::1')).not.toBe(ipv6NetworkKey('1::'));
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

  it('names the /32 of an IPv6 address as the CIDR arithmetic does', () => {
    const address = fc
      .ipV6()
      .map((ip) => canonicalIp(ip))
      .filter((ip): ip is string => ip !== null && ip.includes(':') && !ip.includes('.'));
    fc.assert(
      fc.property(address, (ip) => {
        expect(wideNetworkOf(ip)).toBe(networkOf(ip, 16, 32));
      }),
    );
    expect(wideNetworkOf('203.0.113.9')).toBe('203.0.0.0/16');
  });
});
