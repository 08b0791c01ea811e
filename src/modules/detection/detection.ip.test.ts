import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bigIntToIp, canonicalIp, ipToBigInt, networkOf } from './detection.ip.js';

/** RFC 5952 text of eight groups, written independently of the code under test. */
function rfc5952(groups: number[]): string {
  const hex = groups.map((g) => g.toString(16));
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
  }
  if (best.start < 0) return hex.join(':');
  const head = hex.slice(0, best.start).join(':');
  const tail = hex.slice(best.start + best.length).join(':');
  return `${head}::${tail}`;
}

// Zero-heavy groups, so that runs of zeros (and their tie-breaking) are common.
const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
const groupsArb = fc.array(group, { minLength: 8, maxLength: 8 });
const isMapped = (g: number[]) => g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;

describe('canonicalIp', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['1::2:3:4:5:6:7', '1:0:2:3:4:5:6:7'],
    ['[::1]', '::1'],
    ['[2001:db8::a]', '2001:db8::a'],
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['::FFFF:0102:0304', '1.2.3.4'],
    ['[::ffff:203.0.113.9]', '203.0.113.9'],
    ['0:0:0:0:0:ffff:c000:0201', '192.0.2.1'],
    ['::1.2.3.4', '::102:304'],
    ['64:ff9b::192.0.2.1', '64:ff9b::c000:201'],
    ['::ffff:0:1.2.3.4', '::ffff:0:102:304'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalIp(input)).toBe(expected);
  });

  it.each([
    '',
    '010.1.1.1',
    '1.2.3.04',
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '1.2.3.4.',
    '.1.2.3',
    '1..2.3',
    '0x7f.0.0.1',
    '2130706433',
    ' 1.2.3.4',
    '1.2.3.4 ',
    '1.2.3.4:80',
    '1.2.3.4/32',
    '[1.2.3.4]',
    'fe80::1%eth0',
    '[fe80::1%25eth0]',
    '[::1]:443',
    '[::1',
    '::1]',
    '[]',
    ':',
    ':::',
    '1:::2',
    '1::2::3',
    ':1::2',
    '1::2:',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8::',
    '::1:2:3:4:5:6:7:8',
    '12345::1',
    'g::1',
    '::ffff:1.2.3.256',
    '::ffff:01.2.3.4',
    '1.2.3.4::',
    '1:2:3:4:5:6:7:1.2.3.4',
    '2001:db8::/48',
    'localhost',
  ])('rejects %j', (input) => {
    expect(canonicalIp(input)).toBeNull();
  });

  it('round-trips random IPv4 addresses', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(canonicalIp(ip)).toBe(ip);
        expect(canonicalIp(`::ffff:${ip}`)).toBe(ip);
        expect(canonicalIp(`[::FFFF:${ip}]`)).toBe(ip);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes random IPv6 addresses in RFC 5952 form from any spelling', () => {
    fc.assert(
      fc.property(groupsArb, fc.boolean(), fc.boolean(), (g, pad, upper) => {
        const expected = isMapped(g)
          ? `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`
          : rfc5952(g);
        let full = g.map((x) => (pad ? x.toString(16).padStart(4, '0') : x.toString(16))).join(':');
        if (upper) full = full.toUpperCase();
        expect(canonicalIp(full)).toBe(expected);
        expect(canonicalIp(`[${full}]`)).toBe(expected);
        if (!isMapped(g)) expect(canonicalIp(expected)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with node:net and with URL serialisation on fast-check IPv6 spellings', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const canonical = canonicalIp(ip);
        expect(canonical).not.toBeNull();
        const viaUrl = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
        if (canonical!.includes(':')) expect(canonical).toBe(viaUrl);
        else expect(viaUrl).toMatch(/^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/);
      }),
      { numRuns: 3000 },
    );
  });

  it('is idempotent and never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const canonical = canonicalIp(text);
        if (canonical !== null) expect(canonicalIp(canonical)).toBe(canonical);
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts exactly what node:net accepts, minus zone ids', () => {
    const v6Piece = fc.constantFrom(
      ...'0123456789abcdefABCDEF:.'.split(''),
      '::',
      'ffff:',
      '255',
      '256',
      '01',
      '%',
      '[',
      ']',
    );
    const octet = fc.constantFrom('0', '1', '9', '25', '99', '199', '255', '256', '01', '00', '');
    const texts = fc.oneof(
      fc.array(v6Piece, { maxLength: 24 }).map((pieces) => pieces.join('')),
      fc.array(octet, { minLength: 3, maxLength: 5 }).map((octets) => octets.join('.')),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const canonical = canonicalIp(text);
        const unbracketed = /^\[.*\]$/.test(text) ? text.slice(1, -1) : text;
        const family = isIP(unbracketed);
        const expectValid = family === 6 || (family === 4 && unbracketed === text);
        const hasZone = unbracketed.includes('%');
        if (!hasZone) expect(canonical !== null, text).toBe(expectValid);
        if (canonical !== null) {
          expect(isIP(canonical)).not.toBe(0);
          expect(canonicalIp(canonical)).toBe(canonical);
        }
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('networkOf', () => {
  it.each([
    ['203.0.113.77', 24, 48, '203.0.113.0/24'],
    ['203.0.113.77', 16, 48, '203.0.0.0/16'],
    ['203.0.113.77', 32, 48, '203.0.113.77/32'],
    ['203.0.113.77', 0, 48, '0.0.0.0/0'],
    ['2001:db8:1:2:3::4', 24, 48, '2001:db8:1::/48'],
    ['2001:db8:1:2:3::4', 24, 64, '2001:db8:1:2::/64'],
    ['2001:db8:1:2:3::4', 24, 128, '2001:db8:1:2:3::4/128'],
    ['2001:db8:ffff::', 24, 33, '2001:db8:8000::/33'],
    ['::1', 24, 0, '::/0'],
    ['::ffff:10.1.2.3', 8, 48, '10.0.0.0/8'],
  ])('networkOf(%s, %i, %i) = %s', (ip, v4, v6, expected) => {
    expect(networkOf(ip, v4, v6)).toBe(expected);
  });

  it('uses /24 and /48 by default', () => {
    expect(networkOf('198.51.100.200')).toBe('198.51.100.0/24');
    expect(networkOf('2001:db8:aaaa:bbbb::1')).toBe('2001:db8:aaaa::/48');
  });

  it('rejects bad input', () => {
    expect(() => networkOf('nope')).toThrow(TypeError);
    expect(() => networkOf('1.2.3.4', 33)).toThrow(RangeError);
    expect(() => networkOf('::1', 24, 129)).toThrow(RangeError);
  });
});

describe('integer conversion', () => {
  it('round-trips addresses through bigint', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (ip) => {
        const parsed = ipToBigInt(ip)!;
        expect(bigIntToIp(parsed.version, parsed.value)).toBe(canonicalIp(ip));
      }),
    );
    expect(ipToBigInt('1.2.3.4')).toEqual({ version: 4, value: 0x01020304n });
    expect(ipToBigInt('::1')).toEqual({ version: 6, value: 1n });
    expect(ipToBigInt('x')).toBeNull();
  });
});
