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
}

/** The /16 (IPv4) or /32 (IPv6) network: the spread of a distributed attack. */
export function wideNetworkOf(ip: string): string {
  if (ip.includes(':')) return networkOf(ip, 16, 32);
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
