import { apportion, hashInts, hashText, simulatedAccountId, type Random } from './random.js';

/**
 * Who logs in and from where: stable account ids, residential and mobile origins for
 * customers, and the rented networks attackers come from. Benign and attack origins never
 * share a /16, so a label never depends on which of the two an address came from.
 */

const CUSTOMER_NAMESPACE = 1;
const TYPO_NAMESPACE = 2;
/** Names in a leaked combo list that are not ShopCo customers: the shop says unknown_account. */
const LEAKED_NAMESPACE = 3;
const SSH_NAMESPACE = 4;

/** ShopCo's customers by country, in the order of the scenario's table (US states merged). */
const COUNTRY_SHARES: readonly (readonly [string, number])[] = [
  ['DE', 180_000],
  ['FR', 120_000],
  ['NL', 60_000],
  ['IE', 30_000],
  ['GB', 90_000],
  ['US', 270_000],
];
const SHARE_TOTAL = COUNTRY_SHARES.reduce((sum, [, count]) => sum + count, 0);

/** The stable id of customer `index`, identical in every scenario and seed. */
export function customerAccount(index: number): string {
  return simulatedAccountId(CUSTOMER_NAMESPACE, index);
}

/** A mistyped login name: it exists in no account table, so the shop answers unknown_account. */
export function typoAccount(salt: number): string {
  return simulatedAccountId(TYPO_NAMESPACE, salt);
}

export function leakedAccount(salt: number): string {
  return simulatedAccountId(LEAKED_NAMESPACE, salt);
}

/** A Unix user name on the shop's servers, hashed like any account. */
export function sshAccount(username: string): string {
  return simulatedAccountId(SSH_NAMESPACE, hashText(username));
}

export function customerCountry(index: number, customers: number): string {
  let position = ((index + 0.5) / customers) * SHARE_TOTAL;
  for (const [country, count] of COUNTRY_SHARES) {
    if (position < count) return country;
    position -= count;
  }
  return 'US';
}

interface Provider {
  asn: number;
  v4: readonly string[];
  /** First two groups of the provider's IPv6 prefix, or null where it hands out none. */
  v6: string | null;
}
const HOME_PROVIDERS: Record<string, readonly Provider[]> = {
  DE: [
    { asn: 3320, v4: ['79.200', '87.150', '91.40', '93.203'], v6: '2003:e4' },
    { asn: 3209, v4: ['94.134', '88.70'], v6: '2a02:8108' },
  ],
  FR: [
    { asn: 3215, v4: ['90.3', '86.201', '92.151'], v6: '2a01:cb10' },
    { asn: 12322, v4: ['82.64', '88.162'], v6: '2a01:e0a' },
  ],
  NL: [{ asn: 1136, v4: ['77.160', '84.104'], v6: '2a02:a440' }],
  IE: [{ asn: 5466, v4: ['86.40', '109.76'], v6: null }],
  GB: [
    { asn: 2856, v4: ['81.128', '86.133'], v6: '2a00:23c7' },
    { asn: 5607, v4: ['90.199', '2.96'], v6: '2a02:c7c' },
  ],
  US: [
    { asn: 7922, v4: ['73.12', '73.150', '24.6', '98.210'], v6: '2601:18c' },
    { asn: 20115, v4: ['97.84', '47.34'], v6: '2600:6c40' },
  ],
};
/** Mobile carriers put many subscribers behind few carrier-grade NAT addresses. */
const MOBILE_PROVIDERS: Record<string, Provider> = {
  DE: { asn: 6805, v4: ['176.0'], v6: null },
  FR: { asn: 51207, v4: ['37.165'], v6: null },
  NL: { asn: 33915, v4: ['62.140'], v6: null },
  IE: { asn: 15502, v4: ['37.228'], v6: null },
  GB: { asn: 25135, v4: ['31.94'], v6: null },
  US: { asn: 21928, v4: ['172.56'], v6: '2607:fb90' },
};
const MOBILE_POOL = 400;
const MOBILE_ASNS: Record<number, true> = Object.fromEntries(
  Object.values(MOBILE_PROVIDERS).map((provider) => [provider.asn, true]),
);

export function isMobileCarrier(origin: Origin): boolean {
  return origin.asn !== null && origin.asn in MOBILE_ASNS;
}

/** Every /16 the benign population uses, so attack networks can be chosen to avoid them. */
export const RESIDENTIAL_PREFIXES: ReadonlySet<string> = new Set(
  [...Object.values(HOME_PROVIDERS).flat(), ...Object.values(MOBILE_PROVIDERS)].flatMap(
    (provider) => provider.v4,
  ),
);

export interface Origin {
  ip: string;
  country: string | null;
  asn: number | null;
}

/**
 * Addresses are built from char codes in one call: a template literal would leave a rope of a
 * dozen pieces per address, which costs memory here and a flattening in every detector that
 * hashes it, and would skew the benchmarks this feeds.
 */
const addressCodes: number[] = [];

function pushText(text: string): void {
  for (let i = 0; i < text.length; i++) addressCodes.push(text.charCodeAt(i));
}

function pushNumber(value: number, radix: number): void {
  const start = addressCodes.length;
  do {
    const digit = value % radix;
    addressCodes.push(digit < 10 ? 48 + digit : 87 + digit);
    value = Math.floor(value / radix);
  } while (value > 0);
  for (let i = start, j = addressCodes.length - 1; i < j; i++, j--) {
    const held = addressCodes[i]!;
    addressCodes[i] = addressCodes[j]!;
    addressCodes[j] = held;
  }
}

function takeAddress(): string {
  const text = String.fromCharCode(...addressCodes);
  addressCodes.length = 0;
  return text;
}

/** Groups are kept nonzero so the address is already in canonical compressed form. */
export function ipv6Address(prefix: string, h1: number, h2: number, h3: number): string {
  pushText(prefix);
  for (const word of [h1, h2, h3]) {
    for (const half of [word & 0xffff, word >>> 16]) {
      addressCodes.push(58);
      pushNumber(half | 1, 16);
    }
  }
  return takeAddress();
}

export function ipv4Address(prefix: string, hash: number): string {
  pushText(prefix);
  addressCodes.push(46);
  pushNumber((hash >>> 8) & 255, 10);
  addressCodes.push(46);
  pushNumber(1 + ((hash & 255) % 254), 10);
  return takeAddress();
}

/**
 * The customer's home connection. About one customer in five shares it with a household
 * member (the pair 2k, 2k+1), and households on a provider with IPv6 use it one time in four,
 * which gives the ~20% IPv6 share of real European and US shop traffic.
 */
export function homeOrigin(index: number, customers: number): Origin {
  const country = customerCountry(index, customers);
  const household = hashInts(index, 17) % 10 < 2 ? index & ~1 : index;
  const h = hashInts(household, 23);
  const providers = HOME_PROVIDERS[country]!;
  const provider = providers[h % providers.length]!;
  const v6 = provider.v6 !== null && hashInts(household, 29) % 4 === 0;
  const ip = v6
    ? ipv6Address(provider.v6!, hashInts(household, 31), hashInts(household, 37), h)
    : ipv4Address(provider.v4[(h >>> 4) % provider.v4.length]!, hashInts(household, 41));
  return { ip, country, asn: provider.asn };
}

const mobilePools = new Map<string, Origin[]>();

export function mobileOrigin(country: string, random: Random): Origin {
  let pool = mobilePools.get(country);
  if (pool === undefined) {
    const provider = MOBILE_PROVIDERS[country] ?? MOBILE_PROVIDERS.US!;
    pool = Array.from({ length: MOBILE_POOL }, (_, slot) => {
      const ip =
        provider.v6 !== null && slot % 3 === 0
          ? ipv6Address(provider.v6, hashInts(slot, 43), hashInts(slot, 47), slot + 1)
          : ipv4Address(provider.v4[0]!, hashInts(provider.asn, slot));
      return { ip, country, asn: provider.asn };
    });
    mobilePools.set(country, pool);
  }
  return random.pick(pool);
}

export const DESKTOP_AGENTS: readonly string[] = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/145.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/145.0.0.0 Safari/537.36 Edg/145.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.2 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:147.0) Gecko/20100101 Firefox/147.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/144.0.0.0 Safari/537.36',
];
export const MOBILE_AGENTS: readonly string[] = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.2 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/145.0.0.0 Mobile Safari/537.36',
  'ShopCo/5.12.0 (iPhone; iOS 18.7; Scale/3.00)',
];

/** Hosting, VPN and bulletproof networks that stuffing tools rent; origins are per /16. */
const ATTACK_ASNS: readonly (readonly [number, string])[] = [
  [14061, 'US'],
  [16276, 'FR'],
  [24940, 'DE'],
  [9009, 'GB'],
  [4134, 'CN'],
  [45090, 'CN'],
  [9829, 'IN'],
  [7552, 'VN'],
  [8452, 'EG'],
  [28573, 'BR'],
  [12389, 'RU'],
  [36352, 'US'],
];
const ATTACK_FIRST_OCTETS = [
  5, 31, 37, 45, 46, 62, 77, 78, 80, 85, 89, 91, 92, 93, 94, 95, 103, 104, 107, 109, 138, 141, 146,
  149, 151, 154, 156, 159, 162, 167, 176, 178, 179, 185, 188, 190, 193, 194, 195, 196, 197, 200,
  201, 206, 209, 212, 213, 217,
];
export const SCRIPT_AGENTS = ['python-requests/2.32.3', 'Go-http-client/1.1', 'curl/8.5.0', null];
export const STALE_AGENTS = [
  'Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:52.0) Gecko/20100101 Firefox/52.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/91.0.4472.124 Safari/537.36',
];

/** `count` distinct public /16 prefixes, none of which the benign population uses. */
export function attackNetworks(random: Random, count: number): string[] {
  const chosen = new Set<string>();
  while (chosen.size < count) {
    const prefix = `${random.pick(ATTACK_FIRST_OCTETS)}.${random.int(0, 255)}`;
    if (!RESIDENTIAL_PREFIXES.has(prefix)) chosen.add(prefix);
  }
  return [...chosen];
}

export function networkOrigin(prefix16: string, ip: string): Origin {
  const [asn, country] = ATTACK_ASNS[hashText(prefix16) % ATTACK_ASNS.length]!;
  return { ip, country, asn };
}

/** `count` distinct addresses spread unevenly over the networks, as botnets and proxies are. */
export function attackOrigins(
  random: Random,
  networks: readonly string[],
  count: number,
): Origin[] {
  const perNetwork = apportion(
    count,
    networks.map(() => 0.3 + random.next()),
  );
  const origins: Origin[] = [];
  networks.forEach((prefix, n) => {
    const seen = new Set<string>();
    while (seen.size < perNetwork[n]!) seen.add(ipv4Address(prefix, random.uint32()));
    for (const ip of seen) origins.push(networkOrigin(prefix, ip));
  });
  return random.shuffle(origins);
}
