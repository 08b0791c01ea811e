import { networkOf } from '../detection.ip.js';
import type { LoginEvent } from '../detection.events.js';

/** What the engine works out once per login, so no detector hashes or slices it again. */
export interface LoginFacts {
  event: LoginEvent;
  /** The account hash as the event carries it; null when the source did not name one. */
  account: string | null;
  accountHash: number;
  ipHash: number;
  /** The address as a table key: its 32-bit value for IPv4 (no string hashed), else the text. */
  ipKey: number | string;
  /** The /24 (IPv4, as the address's top 24 bits) or /48 (IPv6, as CIDR text) network. */
  networkKey: number | string;
  /** The account's failures in the current window, once the account detector has counted. */
  accountFailures: number;
}

/** The /16 (IPv4) or /32 (IPv6) network, as CIDR text: the spread of a distributed attack. */
export function wideNetworkOf(ip: string): string {
  if (ip.includes(':')) {
    if (ip.includes('.')) return networkOf(ip, 16, 32);
    const [first, second] = ipv6Groups(ip, 2);
    // RFC 5952: the six zero groups after these two are the longest run, so they compress.
    if (second !== '0') return `${first}:${second}::/32`;
    return first === '0' ? '::/32' : `${first}::/32`;
  }
  const second = ip.indexOf('.', ip.indexOf('.') + 1);
  return `${ip.slice(0, second)}.0.0/16`;
}

/** The source's own text, as a table labels it. */
export const addressLabel = (event: LoginEvent): string => event.ip;

/** The /24 or /48 network as CIDR text, for a table's label (built once per new network). */
export function networkLabel(event: LoginEvent): string {
  const ip = event.ip;
  if (ip.includes(':')) return networkOf(ip, 24, 48);
  return `${ip.slice(0, ip.lastIndexOf('.'))}.0/24`;
}

export const userAgentLabel = (event: LoginEvent): string => event.userAgent ?? '';

/** The 32-bit value of a canonical dotted-quad address, or -1 for anything else (IPv6). */
export function ipv4Value(ip: string): number {
  let value = 0;
  let octet = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      value = value * 256 + octet;
      octet = 0;
      dots++;
    } else if (c >= 48 && c <= 57) octet = octet * 10 + (c - 48);
    else return -1;
  }
  return dots === 3 ? value * 256 + octet : -1;
}

/**
 * The /48 of a canonical IPv6 address as a table key (its first three groups), by splitting
 * text rather than through 128-bit integers: a fifth of a shop's logins may be IPv6.
 */
export function ipv6NetworkKey(ip: string): string {
  if (ip.includes('.')) return networkOf(ip, 24, 48);
  return ipv6Groups(ip, 3).join(':');
}

/** The first `count` groups of a canonical (compressed, dotless) IPv6 address. */
function ipv6Groups(ip: string, count: number): string[] {
  const gap = ip.indexOf('::');
  const head = (gap < 0 ? ip : ip.slice(0, gap)).split(':').filter((g) => g !== '');
  if (head.length >= count) return head.slice(0, count);
  const tail =
    gap < 0
      ? []
      : ip
          .slice(gap + 2)
          .split(':')
          .filter((g) => g !== '');
  const groups = [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  return groups.slice(0, count);
}
