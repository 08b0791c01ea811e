import { hash32, mix32 } from '../detection.hash.js';
import { bigIntToIp, ipv4Value, ipv6Head48 } from '../detection.ip.js';
import type { LoginEvent } from '../detection.events.js';

/**
 * What the engine works out once per login, so no detector parses, hashes or slices it again.
 * Network keys are numbers for both families, so the tables hash no strings for them: IPv4
 * networks are the address's top bits (0 and up), IPv6 networks the negated top bits, minus
 * one (-1 and down), so the two never meet. Their CIDR text is made only for labels.
 */
export interface LoginFacts {
  event: LoginEvent;
  /** The account hash as the event carries it; null when the source did not name one. */
  account: string | null;
  accountHash: number;
  ipHash: number;
  /** The address as a table key: its 32-bit value for IPv4 (no string hashed), else the text. */
  ipKey: number | string;
  /** The /24 (IPv4) or /48 (IPv6) network. */
  networkKey: number | string;
  /** The /16 (IPv4) or /32 (IPv6) network: the spread of a distributed attack. */
  wideKey: number | string;
  /** The account's failures in the current window, once the account detector has counted. */
  accountFailures: number;
}

/**
 * Fills the address keys of `facts` from a canonical address (ingest unwraps IPv4-mapped
 * IPv6 to IPv4). Anything else keys on its own text, so no input can throw here.
 */
export function readAddress(facts: LoginFacts, ip: string): void {
  const v4 = ipv4Value(ip);
  if (v4 >= 0) {
    facts.ipHash = mix32(v4);
    // As int32, so the keys stay small integers V8 neither boxes nor hashes as strings.
    facts.ipKey = v4 | 0;
    facts.networkKey = v4 >>> 8;
    facts.wideKey = v4 >>> 16;
    return;
  }
  facts.ipHash = hash32(ip);
  facts.ipKey = ip;
  const head = ipv6Head48(ip);
  facts.networkKey = head < 0 ? ip : -1 - head;
  facts.wideKey = head < 0 ? ip : -1 - Math.floor(head / 65536);
}

/** A 32-bit hash of a network key, for the distinct-network sketches. */
export function networkHash(key: number | string): number {
  if (typeof key === 'string') return hash32(key);
  return key >= 0 ? mix32(key) : mix32(mix32(-1 - key) ^ 0x5bd1e995);
}

/**
 * The /24 or /48 of a network key as CIDR text. Labels are made only when an alert shows a
 * network, so they go through the canonical formatting of detection.ip.
 */
export function networkText(key: number | string): string {
  if (typeof key === 'string') return key;
  if (key >= 0) return `${bigIntToIp(4, BigInt(key) << 8n)}/24`;
  return `${bigIntToIp(6, BigInt(-1 - key) << 80n)}/48`;
}

/** The /16 or /32 of a wide network key as CIDR text. */
export function wideText(key: number | string): string {
  if (typeof key === 'string') return key;
  if (key >= 0) return `${bigIntToIp(4, BigInt(key) << 16n)}/16`;
  return `${bigIntToIp(6, BigInt(-1 - key) << 96n)}/32`;
}

/** The address of an address key, as text (the canonical text it was read from). */
export function addressText(key: number | string): string {
  return typeof key === 'string' ? key : bigIntToIp(4, BigInt(key >>> 0));
}
