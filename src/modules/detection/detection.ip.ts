/**
 * Address canonicalisation for ingest. Hand-written rather than built on ipaddr.js or
 * node:net: ipaddr.js's parse() accepts the legacy inet_aton forms (octal `010.1.1.1`, hex,
 * fewer parts) and zone ids, all of which must be rejected here, and node:net only validates
 * (isIP) without canonicalising. A single char-code scan with no regexes or split() arrays also
 * keeps this cheap at ingest rates. The tests use node:net's isIP as the validity oracle.
 */

export type IpVersion = 4 | 6;

// Scratch for the eight IPv6 groups; parsing is synchronous, so one buffer serves all calls.
const groups = new Uint16Array(8);

/**
 * Canonical text of an address, or null when `text` is not exactly one address: dotted-quad
 * IPv4 (no leading zeros), or IPv6 in RFC 5952 form with IPv4-mapped addresses unwrapped to
 * IPv4. Brackets around IPv6 are stripped; zone ids, ports, prefixes and whitespace are not
 * accepted.
 */
export function canonicalIp(text: string): string | null {
  if (typeof text !== 'string') return null;
  const length = text.length;
  if (length > 0 && text.charCodeAt(0) === 0x5b) {
    if (length < 4 || text.charCodeAt(length - 1) !== 0x5d) return null;
    return parseIpv6(text, 1, length - 1, groups) ? formatGroups(groups) : null;
  }
  // The longest IPv6 text, eight full groups or six with a dotted tail, is 45 characters.
  if (length > 45) return null;
  if (text.indexOf(':') >= 0)
    return parseIpv6(text, 0, length, groups) ? formatGroups(groups) : null;
  // A valid dotted quad without leading zeros is already the one canonical spelling.
  return parseIpv4(text, 0, length) >= 0 ? text : null;
}

/**
 * The network containing `ip` as canonical CIDR text, e.g. `203.0.113.0/24` or
 * `2001:db8:1::/48`. Throws on text that canonicalIp would reject or a prefix out of range.
 */
export function networkOf(ip: string, v4Prefix = 24, v6Prefix = 48): string {
  const parsed = ipToBigInt(ip);
  if (parsed === null) throw new TypeError(`not an IP address: ${JSON.stringify(ip)}`);
  const prefix = parsed.version === 4 ? v4Prefix : v6Prefix;
  const bits = parsed.version === 4 ? 32 : 128;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
    throw new RangeError(`IPv${parsed.version} prefix must be an integer in 0..${bits}`);
  }
  const network = maskBigInt(parsed.value, bits, prefix);
  return `${bigIntToIp(parsed.version, network)}/${prefix}`;
}

/**
 * The first 48 bits (three groups) of an IPv6 address as a number, or -1 when `text` is not
 * one: the /48 without 128-bit arithmetic, for the detectors' per-login keys.
 */
export function ipv6Head48(text: string): number {
  if (!parseIpv6(text, 0, text.length, groups)) return -1;
  return (groups[0]! * 65536 + groups[1]!) * 65536 + groups[2]!;
}

/** The address as an integer, with IPv4-mapped IPv6 read as IPv4; null when not an address. */
export function ipToBigInt(text: string): { version: IpVersion; value: bigint } | null {
  const canonical = canonicalIp(text);
  if (canonical === null) return null;
  if (canonical.indexOf(':') < 0) {
    return { version: 4, value: BigInt(parseIpv4(canonical, 0, canonical.length)) };
  }
  parseIpv6(canonical, 0, canonical.length, groups);
  let value = 0n;
  for (let i = 0; i < 8; i++) value = (value << 16n) | BigInt(groups[i]!);
  return { version: 6, value };
}

/** Canonical text of an address given as an integer of 32 (IPv4) or 128 (IPv6) bits. */
export function bigIntToIp(version: IpVersion, value: bigint): string {
  if (version === 4) {
    const n = Number(value & 0xffffffffn);
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  }
  const out = new Uint16Array(8);
  for (let i = 7, v = value; i >= 0; i--, v >>= 16n) out[i] = Number(v & 0xffffn);
  return formatGroups(out, false);
}

/** `value` with all but the top `prefix` of its `bits` bits cleared. */
export function maskBigInt(value: bigint, bits: number, prefix: number): bigint {
  const hostBits = BigInt(bits - prefix);
  return (value >> hostBits) << hostBits;
}

/** The 32-bit value of a dotted-quad address, or -1 for anything else (IPv6 included). */
export function ipv4Value(text: string): number {
  return parseIpv4(text, 0, text.length);
}

/** Parses a dotted quad in text[start, end); returns it as an unsigned integer, or -1. */
function parseIpv4(text: string, start: number, end: number): number {
  let value = 0;
  let parts = 0;
  let i = start;
  for (;;) {
    const first = i;
    let octet = 0;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c < 0x30 || c > 0x39) break;
      octet = octet * 10 + (c - 0x30);
      if (++i - first > 3) return -1;
    }
    const digits = i - first;
    // A leading zero reads as octal to inet_aton and as decimal elsewhere, so it is ambiguous.
    if (digits === 0 || octet > 255 || (digits > 1 && text.charCodeAt(first) === 0x30)) return -1;
    value = value * 256 + octet;
    parts++;
    if (i === end) break;
    if (parts === 4 || text.charCodeAt(i) !== 0x2e) return -1;
    i++;
  }
  return parts === 4 ? value : -1;
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/** Parses RFC 4291 text in text[start, end) into `out`; false when it is not one address. */
function parseIpv6(text: string, start: number, end: number, out: Uint16Array): boolean {
  out.fill(0);
  let count = 0;
  let gap = -1;
  let i = start;
  if (end - start < 2) return false;
  if (text.charCodeAt(i) === 0x3a) {
    if (text.charCodeAt(i + 1) !== 0x3a) return false;
    gap = 0;
    i += 2;
  }
  while (i < end) {
    if (count === 8) return false;
    const first = i;
    let group = 0;
    while (i < end) {
      const d = hexDigit(text.charCodeAt(i));
      if (d < 0) break;
      group = group * 16 + d;
      if (++i - first > 4) return false;
    }
    if (i < end && text.charCodeAt(i) === 0x2e) {
      // A dotted IPv4 tail fills the last two groups and must end the text.
      if (count > 6) return false;
      const v4 = parseIpv4(text, first, end);
      if (v4 < 0) return false;
      out[count++] = v4 >>> 16;
      out[count++] = v4 & 0xffff;
      break;
    }
    if (i === first) return false;
    out[count++] = group;
    if (i === end) break;
    if (text.charCodeAt(i) !== 0x3a) return false;
    if (++i === end) return false;
    if (text.charCodeAt(i) === 0x3a) {
      if (gap >= 0) return false;
      gap = count;
      i++;
    }
  }
  if (gap < 0) return count === 8;
  // "::" stands for at least one zero group.
  if (count === 8) return false;
  const tail = count - gap;
  for (let k = tail - 1; k >= 0; k--) out[8 - tail + k] = out[gap + k]!;
  for (let k = gap; k < 8 - tail; k++) out[k] = 0;
  return true;
}

/** RFC 5952 text of eight groups; an IPv4-mapped address becomes plain IPv4 when `unwrap`. */
function formatGroups(g: Uint16Array, unwrap = true): string {
  if (unwrap && g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0) {
    if (g[5] === 0xffff) return `${g[6]! >>> 8}.${g[6]! & 255}.${g[7]! >>> 8}.${g[7]! & 255}`;
  }
  // The first longest run of two or more zero groups is the one written as "::".
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i += bestLength - 1;
      continue;
    }
    if (out.length > 0 && !out.endsWith(':')) out += ':';
    out += g[i]!.toString(16);
  }
  return out;
}
