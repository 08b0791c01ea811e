/**
 * Blocklist export for firewalls and WAFs. Aggregation is written with BigInt over the
 * address integers from detection.ip rather than with cidr-tools, so IPv4 and IPv6 share one
 * exact code path, and each output CIDR can carry the metadata (expiry, alerts) of exactly the
 * entries it covers, which a plain merge of CIDR strings cannot tell.
 */
import { bigIntToIp, ipToBigInt, maskBigInt, type IpVersion } from './detection.ip.js';

export interface BlockEntry {
  /** Canonical IP or CIDR; host bits below the prefix are ignored. */
  value: string;
  /** ISO instant when the block expires. */
  until: string;
  reason: string;
  alertId: string;
}

export interface BlockCidr {
  /** Network and prefix, always with the prefix: `10.0.0.0/31`, `2001:db8::1/128`. */
  cidr: string;
  version: IpVersion;
  prefix: number;
  /** The latest expiry among the entries it covers (ISO, UTC). */
  until: string;
  /** How many listed entries (distinct values) it covers. */
  count: number;
  reasons: string[];
  alertIds: string[];
}

export interface AggregateOptions {
  /** Prefix that crowded IPv4 networks widen to (default 24). */
  widenV4To?: number;
  /** Prefix that crowded IPv6 networks widen to (default 64, one subnet: a /48 is a site). */
  widenV6To?: number;
  /** Widen a network once at least this many entries fall inside it; off when absent. */
  widenAt?: number;
  /** Entries that expire at or before this instant are left out before merging. */
  now?: Date;
}

interface Item {
  version: IpVersion;
  start: bigint;
  prefix: number;
  until: number;
  count: number;
  reasons: Set<string>;
  alertIds: Set<string>;
}

const BITS = { 4: 32, 6: 128 } as const;

/** Merges entries into the minimal exact set of CIDRs, IPv4 first, each sorted by address. */
export function aggregate(
  entries: readonly BlockEntry[],
  options: AggregateOptions = {},
): BlockCidr[] {
  const now = options.now?.getTime() ?? -Infinity;
  let items = dedupe(entries, now);
  if (options.widenAt !== undefined) {
    if (!Number.isInteger(options.widenAt) || options.widenAt < 1) {
      throw new RangeError('widenAt must be a positive integer');
    }
    items = widen(items, 4, options.widenV4To ?? 24, options.widenAt);
    items = widen(items, 6, options.widenV6To ?? 64, options.widenAt);
  }
  return [...mergeVersion(items, 4), ...mergeVersion(items, 6)];
}

function parseEntry(entry: BlockEntry): { version: IpVersion; start: bigint; prefix: number } {
  const slash = entry.value.indexOf('/');
  const address = slash < 0 ? entry.value : entry.value.slice(0, slash);
  const parsed = ipToBigInt(address);
  const prefixText = slash < 0 ? null : entry.value.slice(slash + 1);
  if (parsed === null || (prefixText !== null && !/^(0|[1-9][0-9]{0,2})$/.test(prefixText))) {
    throw new TypeError(`blocklist entry is not an IP or CIDR: ${JSON.stringify(entry.value)}`);
  }
  const bits = BITS[parsed.version];
  let prefix = prefixText === null ? bits : Number(prefixText);
  // An IPv4-mapped IPv6 range reads as IPv4, so its prefix loses the 96 mapping bits.
  if (parsed.version === 4 && address.includes(':') && prefixText !== null) prefix -= 96;
  if (prefix < 0 || prefix > bits) {
    throw new TypeError(`blocklist entry has a bad prefix: ${JSON.stringify(entry.value)}`);
  }
  return { version: parsed.version, start: maskBigInt(parsed.value, bits, prefix), prefix };
}

function dedupe(entries: readonly BlockEntry[], now: number): Item[] {
  const byValue = new Map<string, Item>();
  for (const entry of entries) {
    const until = Date.parse(entry.until);
    if (Number.isNaN(until)) {
      throw new TypeError(`blocklist entry ${JSON.stringify(entry.value)} has a bad until`);
    }
    const { version, start, prefix } = parseEntry(entry);
    if (until <= now) continue;
    const key = `${version}/${start}/${prefix}`;
    let item = byValue.get(key);
    if (item === undefined) byValue.set(key, (item = emptyItem(version, start, prefix, 1)));
    item.until = Math.max(item.until, until);
    item.reasons.add(entry.reason);
    item.alertIds.add(entry.alertId);
  }
  return [...byValue.values()];
}

/** Replaces the entries of each network with at least `threshold` of them by the network. */
function widen(items: Item[], version: IpVersion, prefix: number, threshold: number): Item[] {
  const bits = BITS[version];
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
    throw new RangeError(`IPv${version} widening prefix must be an integer in 0..${bits}`);
  }
  const groups = new Map<bigint, Item[]>();
  const kept: Item[] = [];
  for (const item of items) {
    if (item.version !== version || item.prefix < prefix) {
      kept.push(item);
      continue;
    }
    const network = maskBigInt(item.start, bits, prefix);
    const group = groups.get(network);
    if (group === undefined) groups.set(network, [item]);
    else group.push(item);
  }
  for (const [network, group] of groups) {
    if (group.length < threshold) {
      kept.push(...group);
      continue;
    }
    const wide = emptyItem(version, network, prefix);
    for (const item of group) absorb(wide, item);
    kept.push(wide);
  }
  return kept;
}

function emptyItem(version: IpVersion, start: bigint, prefix: number, count = 0): Item {
  return {
    version,
    start,
    prefix,
    until: -Infinity,
    count,
    reasons: new Set(),
    alertIds: new Set(),
  };
}

function absorb(into: Item, item: Item): void {
  into.until = Math.max(into.until, item.until);
  into.count += item.count;
  for (const reason of item.reasons) into.reasons.add(reason);
  for (const alertId of item.alertIds) into.alertIds.add(alertId);
}

function endOf(item: Item): bigint {
  return item.start + (1n << BigInt(BITS[item.version] - item.prefix)) - 1n;
}

function mergeVersion(all: Item[], version: IpVersion): BlockCidr[] {
  const items = all
    .filter((item) => item.version === version)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.prefix - b.prefix));
  const out: BlockCidr[] = [];
  let i = 0;
  while (i < items.length) {
    // Collect a run of overlapping or adjacent ranges: their union is one interval.
    const first = i;
    let end = endOf(items[i]!);
    for (i++; i < items.length && items[i]!.start <= end + 1n; i++) {
      const itemEnd = endOf(items[i]!);
      if (itemEnd > end) end = itemEnd;
    }
    out.push(...splitRun(items.slice(first, i), version, end));
  }
  return out;
}

/** The minimal CIDRs covering one interval, each with the metadata of the entries inside it. */
function splitRun(run: Item[], version: IpVersion, end: bigint): BlockCidr[] {
  const bits = BITS[version];
  const blocks: { item: Item; end: bigint }[] = [];
  for (let start = run[0]!.start; start <= end;) {
    // The largest aligned block at `start` that does not run past `end`.
    let hostBits = 0;
    while (
      hostBits < bits &&
      ((start >> BigInt(hostBits)) & 1n) === 0n &&
      start + (1n << BigInt(hostBits + 1)) - 1n <= end
    ) {
      hostBits++;
    }
    const prefix = bits - hostBits;
    const blockEnd = start + (1n << BigInt(hostBits)) - 1n;
    blocks.push({ item: emptyItem(version, start, prefix), end: blockEnd });
    start = blockEnd + 1n;
  }
  // Entries are sorted by start and blocks are disjoint and ascending, so the first block an
  // entry touches never moves backwards.
  let firstBlock = 0;
  for (const entry of run) {
    while (blocks[firstBlock]!.end < entry.start) firstBlock++;
    const entryEnd = endOf(entry);
    for (let b = firstBlock; b < blocks.length && blocks[b]!.item.start <= entryEnd; b++) {
      absorb(blocks[b]!.item, entry);
    }
  }
  return blocks.map(({ item }) => ({
    cidr: `${bigIntToIp(version, item.start)}/${item.prefix}`,
    version,
    prefix: item.prefix,
    until: new Date(item.until).toISOString(),
    count: item.count,
    reasons: [...item.reasons],
    alertIds: [...item.alertIds],
  }));
}

/** The CIDR as firewalls write it: a single address without /32 or /128. */
function shortForm(cidr: BlockCidr): string {
  return cidr.prefix === BITS[cidr.version]
    ? cidr.cidr.slice(0, cidr.cidr.indexOf('/'))
    : cidr.cidr;
}

/** Whole seconds left until the block expires, rounded up so it never lifts early. */
function secondsLeft(cidr: BlockCidr, now: Date): number {
  return Math.ceil((Date.parse(cidr.until) - now.getTime()) / 1000);
}

/** One address or CIDR per line after a comment header; expired CIDRs are left out. */
export function toPlainText(cidrs: readonly BlockCidr[], now: Date): string {
  const lines = [`# cordon blocklist generated ${now.toISOString()}`];
  for (const cidr of cidrs) if (secondsLeft(cidr, now) > 0) lines.push(shortForm(cidr));
  return `${lines.join('\n')}\n`;
}

export interface NftablesOptions {
  table?: string;
  family?: 'ip' | 'ip6' | 'inet' | 'bridge' | 'netdev';
  setV4?: string;
  setV6?: string;
  now: Date;
}

const NFT_IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const NFT_FAMILIES = new Set(['ip', 'ip6', 'inet', 'bridge', 'netdev']);

/**
 * An `nft -f` script that (re)loads the two interval sets with per-element timeouts. It first
 * declares the table and sets idempotently and flushes them, all in the one transaction nft -f
 * runs, because re-adding intervals that merged differently last time fails with "conflicting
 * intervals", and because entries lifted from the blocklist must disappear.
 */
export function toNftables(cidrs: readonly BlockCidr[], options: NftablesOptions): string {
  const {
    table = 'cordon',
    family = 'inet',
    setV4 = 'blocklist_v4',
    setV6 = 'blocklist_v6',
  } = options;
  // Names and family go into the script verbatim, so anything else could inject statements.
  const bad = [table, setV4, setV6].find((name) => !NFT_IDENTIFIER.test(name));
  if (bad !== undefined) throw new TypeError(`not an nftables name: ${JSON.stringify(bad)}`);
  if (!NFT_FAMILIES.has(family)) {
    throw new TypeError(`not an nftables family: ${JSON.stringify(family)}`);
  }
  const sets = [
    { name: setV4, type: 'ipv4_addr', version: 4 },
    { name: setV6, type: 'ipv6_addr', version: 6 },
  ] as const;
  const lines = [
    `# cordon blocklist generated ${options.now.toISOString()}`,
    `add table ${family} ${table}`,
    ...sets.map(
      (s) => `add set ${family} ${table} ${s.name} { type ${s.type}; flags interval, timeout; }`,
    ),
    ...sets.map((s) => `flush set ${family} ${table} ${s.name}`),
    `table ${family} ${table} {`,
  ];
  for (const set of sets) {
    const elements = cidrs
      .filter((cidr) => cidr.version === set.version && secondsLeft(cidr, options.now) > 0)
      .map((cidr) => `${shortForm(cidr)} timeout ${secondsLeft(cidr, options.now)}s`);
    lines.push(`\tset ${set.name} {`, `\t\ttype ${set.type}`, '\t\tflags interval, timeout');
    // nft rejects an empty `elements = { }`, so an empty set has no elements line at all.
    if (elements.length > 0) {
      lines.push('\t\telements = {', `\t\t\t${elements.join(',\n\t\t\t')}`, '\t\t}');
    }
    lines.push('\t}');
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** A ban in the shape of CrowdSec's LAPI decisions. */
export interface Decision {
  value: string;
  scope: 'Ip' | 'Range';
  type: 'ban';
  duration: string;
  until: string;
  origin: 'cordon';
  scenario: string;
  alerts: string[];
}

export function toDecisions(cidrs: readonly BlockCidr[], now: Date): Decision[] {
  const decisions: Decision[] = [];
  for (const cidr of cidrs) {
    const seconds = secondsLeft(cidr, now);
    if (seconds <= 0) continue;
    const single = cidr.prefix === BITS[cidr.version];
    decisions.push({
      value: shortForm(cidr),
      scope: single ? 'Ip' : 'Range',
      type: 'ban',
      duration: `${seconds}s`,
      until: cidr.until,
      origin: 'cordon',
      scenario: cidr.reasons.join(', '),
      alerts: [...cidr.alertIds],
    });
  }
  return decisions;
}
