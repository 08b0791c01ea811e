import { networkOf } from '../detection.ip.js';
import type { LoginEvent } from '../detection.events.js';

/** What the engine works out once per login, so no detector hashes or slices it again. */
export interface LoginFacts {
  event: LoginEvent;
  /** The account hash as the event carries it; null when the source did not name one. */
  account: string | null;
  accountHash: number;
  ipHash: number;
  /** The /24 (IPv4) or /48 (IPv6) network. */
  network: string;
}

/** The /16 (IPv4) or /32 (IPv6) network: the spread of a distributed attack. */
export function wideNetworkOf(ip: string): string {
  if (ip.includes(':')) return networkOf(ip, 16, 32);
  const second = ip.indexOf('.', ip.indexOf('.') + 1);
  return `${ip.slice(0, second)}.0.0/16`;
}
