import { ipToBigInt, maskBigInt } from './detection.ip.js';

export interface Cidr {
  version: 4 | 6;
  network: bigint;
  prefix: number;
}

/** Parses `1.2.3.4`, `1.2.3.0/24` or `2001:db8::/32`; null when it is neither. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  const address = ipToBigInt(slash < 0 ? text : text.slice(0, slash));
  if (!address) return null;
  const bits = address.version === 4 ? 32 : 128;
  const prefixText = slash < 0 ? String(bits) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > bits) return null;
  return { version: address.version, network: maskBigInt(address.value, bits, prefix), prefix };
}

/** True when `inner` (an address or a range) lies wholly inside `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.version !== inner.version || inner.prefix < outer.prefix) return false;
  const bits = outer.version === 4 ? 32 : 128;
  return maskBigInt(inner.network, bits, outer.prefix) === outer.network;
}
