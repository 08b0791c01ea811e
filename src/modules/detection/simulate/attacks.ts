import type {
  ApiAccessEvent,
  DetectionEvent,
  LoginEvent,
  LoginOutcome,
} from '../detection.events.js';
import { DAY_MS, MINUTE_MS, apiEvent, loginEvent, type VendorApiBaseline } from './baseline.js';
import {
  DESKTOP_AGENTS,
  SCRIPT_AGENTS,
  STALE_AGENTS,
  attackNetworks,
  attackOrigins,
  customerAccount,
  ipv4Address,
  leakedAccount,
  networkOrigin,
  sshAccount,
  type Origin,
} from './network.js';
import { Random, apportion } from './random.js';

/** Attack kinds are named after the detector meant to catch them. */
export type AttackKind =
  | 'account_brute_force'
  | 'source_stuffing'
  | 'distributed_stuffing'
  | 'password_spraying'
  | 'account_takeover'
  | 'vendor_api_volume'
  | 'sshd_brute_force';

export interface Attack {
  id: string;
  kind: AttackKind;
  /** Epoch ms; the attack's events fall in [start, end). */
  start: number;
  end: number;
  sources: string[];
  /** Accounts the attacker tried. */
  accounts: string[];
  /** Accounts the attacker logged in to. */
  takenOver: string[];
  integrationId?: string;
  /** Data categories pulled outside the integration's declared scope. */
  outOfScopeCategories?: string[];
}

export interface GeneratedAttack {
  attack: Attack;
  events: DetectionEvent[];
}

/** What every generator takes: a name, a seed and the window its events fall in. */
export interface AttackWindow {
  id: string;
  seed: number;
  start: number;
  end: number;
}

function spread(random: Random, start: number, end: number): number {
  return start + Math.floor(random.next() * (end - start));
}

export interface StuffingOptions extends AttackWindow {
  /** Distinct accounts tried, each once. */
  accounts: number;
  /** Share of the list that names no customer. */
  unknownShare?: number;
  /** Successful logins over attempts. */
  successRate: number;
  customers?: number;
}

/**
 * A combo list tried once per credential in random order, as stuffing tools do: existing
 * customers first in `accounts`, so slot < successes is exactly round(attempts × successRate)
 * successes, all on real accounts.
 */
function comboList(random: Random, options: StuffingOptions) {
  const unknown = Math.round(options.accounts * (options.unknownShare ?? 0));
  const existing = options.accounts - unknown;
  const accounts = Array.from(
    random.sample(options.customers ?? 750_000, existing),
    customerAccount,
  );
  const salt = random.uint32();
  for (let i = 0; i < unknown; i++) accounts.push(leakedAccount(salt + i));
  const successes = Math.round(options.accounts * options.successRate);
  const order = random.shuffle(accounts.map((_, i) => i));
  const outcome = (slot: number, canSucceed = true): LoginOutcome =>
    slot >= existing
      ? 'unknown_account'
      : canSucceed && slot < successes
        ? 'success'
        : 'bad_password';
  return { accounts, order, outcome };
}

/** Sources and taken-over accounts are read off the events, so the label cannot drift from them. */
function loginAttack(
  kind: AttackKind,
  window: AttackWindow,
  events: LoginEvent[],
  accounts: string[],
): GeneratedAttack {
  events.sort((a, b) => a.time - b.time);
  const sources = [...new Set(events.map((event) => event.ip))];
  const takenOver = [
    ...new Set(events.filter((e) => e.outcome === 'success').map((e) => e.account!)),
  ];
  const attack = { id: window.id, kind, start: window.start, end: window.end };
  return { attack: { ...attack, sources, accounts, takenOver }, events };
}

export interface DistributedStuffingOptions extends StuffingOptions {
  sources: number;
  networks: number;
  /** No source sends more than this many attempts in any window (default 4 in 10 minutes). */
  maxPerWindow?: number;
  windowMs?: number;
}

/**
 * Low and slow: every source keeps a gap longer than window / maxPerWindow between attempts,
 * so no per-source threshold can fire. A source is busy for the whole attack or, for two in
 * five, a stretch of it, as bots join and drop out of a rented botnet.
 */
export function distributedStuffing(options: DistributedStuffingOptions): GeneratedAttack {
  const random = new Random(options.seed).fork(options.id);
  const origins = attackOrigins(random, attackNetworks(random, options.networks), options.sources);
  const minGap = Math.floor((options.windowMs ?? 10 * MINUTE_MS) / (options.maxPerWindow ?? 4)) + 1;
  const span = options.end - options.start;
  const windows = origins.map(() => {
    if (random.chance(0.6)) return [options.start, options.end] as const;
    const length = span * (0.25 + 0.75 * random.next());
    const from = options.start + random.next() * (span - length);
    return [Math.floor(from), Math.floor(from + length)] as const;
  });
  const counts = apportion(
    options.accounts,
    windows.map(([from, to]) => to - from),
  );
  const list = comboList(random, options);
  const agents = [...DESKTOP_AGENTS, ...STALE_AGENTS];
  const events: LoginEvent[] = [];
  let next = 0;
  origins.forEach((origin, s) => {
    const [from, to] = windows[s]!;
    const count = counts[s]!;
    // Spread the slack left after the minimum gaps by exponential weights: bursty but bounded.
    const slack = to - from - 1 - (count - 1) * minGap;
    if (slack < 0) throw new RangeError(`${options.id}: too many attempts for one source`);
    const weights = Array.from({ length: count + 1 }, () => random.exponential(1));
    const total = weights.reduce((a, b) => a + b, 0);
    const agent = random.pick(agents);
    let time = from;
    for (let k = 0; k < count; k++) {
      time += (k === 0 ? 0 : minGap) + Math.floor((weights[k]! / total) * slack);
      const slot = list.order[next++]!;
      events.push(loginEvent(time, list.accounts[slot]!, origin, agent, list.outcome(slot)));
    }
  });
  return loginAttack('distributed_stuffing', options, events, list.accounts);
}

export interface SourceStuffingOptions extends StuffingOptions {
  /** One address, one /24 of them, or one tool's user agent over many addresses. */
  mode: 'ip' | 'network' | 'user_agent';
  sources?: number;
}

/** Fast stuffing from a narrow origin: the per-source detectors' case. */
export function sourceStuffing(options: SourceStuffingOptions): GeneratedAttack {
  const random = new Random(options.seed).fork(options.id);
  const count = options.mode === 'ip' ? 1 : (options.sources ?? 30);
  let origins: Origin[];
  if (options.mode === 'network') {
    const [network] = attackNetworks(random, 1);
    const prefix24 = `${network!}.${random.int(0, 255)}`;
    const hosts = random.sample(254, Math.min(count, 254));
    origins = Array.from(hosts, (h) => networkOrigin(network!, `${prefix24}.${h + 1}`));
  } else {
    origins = attackOrigins(random, attackNetworks(random, Math.ceil(count / 8)), count);
  }
  const agent = options.mode === 'user_agent' ? STALE_AGENTS[0]! : random.pick(SCRIPT_AGENTS);
  const list = comboList(random, { unknownShare: 0.4, ...options });
  const events = list.order.map((slot) => {
    const time = spread(random, options.start, options.end);
    const origin = random.pick(origins);
    return loginEvent(time, list.accounts[slot]!, origin, agent, list.outcome(slot));
  });
  return loginAttack('source_stuffing', options, events, list.accounts);
}

export interface BruteForceOptions extends AttackWindow {
  customer: number;
  attempts: number;
  sources?: number;
  /** Whether the last attempt guesses the password. */
  succeeds?: boolean;
}

/** Many guesses at one account, from one address or rotated over many. */
export function accountBruteForce(options: BruteForceOptions): GeneratedAttack {
  const random = new Random(options.seed).fork(options.id);
  const count = options.sources ?? 1;
  const origins = attackOrigins(random, attackNetworks(random, Math.ceil(count / 4)), count);
  const account = customerAccount(options.customer);
  const agent = random.pick(SCRIPT_AGENTS);
  const step = (options.end - options.start) / options.attempts;
  const events = Array.from({ length: options.attempts }, (_, k) => {
    const time = Math.floor(options.start + k * step + random.next() * step * 0.9);
    const last = k === options.attempts - 1 && options.succeeds === true;
    return loginEvent(time, account, origins[k % count]!, agent, last ? 'success' : 'bad_password');
  });
  return loginAttack('account_brute_force', options, events, [account]);
}

export interface SprayingOptions extends StuffingOptions {
  sources: number;
  /** Passwords tried per account (a season and year, then the shop's name). */
  passwords?: number;
}

/**
 * Few passwords against many real accounts (sprayers enumerate first, so few unknown names),
 * one round per password, slowly, from few sources.
 */
export function passwordSpraying(options: SprayingOptions): GeneratedAttack {
  const random = new Random(options.seed).fork(options.id);
  const origins = attackOrigins(random, attackNetworks(random, 1), options.sources);
  const list = comboList(random, { unknownShare: 0.03, ...options });
  const agent = random.pick(DESKTOP_AGENTS);
  const passwords = options.passwords ?? 1;
  const round = (options.end - options.start) / passwords;
  const events: LoginEvent[] = [];
  for (let p = 0; p < passwords; p++) {
    const from = options.start + p * round;
    for (const slot of list.order) {
      const outcome = list.outcome(slot, p === passwords - 1);
      const time = spread(random, from, from + round);
      events.push(loginEvent(time, list.accounts[slot]!, random.pick(origins), agent, outcome));
    }
  }
  return loginAttack('password_spraying', options, events, list.accounts);
}

export interface TakeoverOptions extends AttackWindow {
  victims: number;
  /** Failures before the success; 0 for a first-try login with a stolen password. */
  failuresBefore: number;
  /** The victims, e.g. what an earlier stuffing run found; random customers otherwise. */
  accounts?: string[];
  /** Where the logins come from, e.g. a known stuffing source; fresh addresses otherwise. */
  sources?: string[];
  customers?: number;
}

export function accountTakeover(options: TakeoverOptions): GeneratedAttack {
  const random = new Random(options.seed).fork(options.id);
  const origins =
    options.sources?.map((ip) => networkOrigin(ip.split('.').slice(0, 2).join('.'), ip)) ??
    attackOrigins(random, attackNetworks(random, 2), Math.max(1, Math.ceil(options.victims / 3)));
  const accounts =
    options.accounts ??
    Array.from(random.sample(options.customers ?? 750_000, options.victims), customerAccount);
  const agent = random.pick(DESKTOP_AGENTS);
  const events: LoginEvent[] = [];
  for (const account of accounts) {
    const origin = random.pick(origins);
    let time = spread(random, options.start, options.end - (options.failuresBefore + 1) * 20_000);
    for (let k = 0; k <= options.failuresBefore; k++) {
      const outcome = k === options.failuresBefore ? 'success' : 'bad_password';
      events.push(loginEvent(time, account, origin, agent, outcome));
      time += random.int(2_000, 20_000);
    }
  }
  return loginAttack('account_takeover', options, events, accounts);
}

export interface VendorVolumeOptions extends AttackWindow {
  integration: VendorApiBaseline;
  /** Total volume per interval as a multiple of the baseline, which keeps pulling alongside. */
  multiplier: number;
  outOfScopeCategories?: string[];
  /** Records pulled with the out-of-scope categories, in total (one per customer). */
  outOfScopeRecords?: number;
}

/**
 * A leaked or abused key bulk-exporting beside the integration's normal pulls. Out-of-scope
 * records go in their own pulls so their total is exact whatever the baseline volume.
 */
export function vendorApiVolume(options: VendorVolumeOptions): GeneratedAttack {
  const random = new Random(options.seed).fork(options.id);
  const integration = options.integration;
  const interval = (integration.intervalMinutes ?? 5) * MINUTE_MS;
  const mean = (integration.recordsPerDay * interval) / DAY_MS;
  const slots: number[] = [];
  for (let t = Math.ceil(options.start / interval) * interval; t < options.end; t += interval) {
    slots.push(t);
  }
  const extra = options.outOfScopeCategories ?? [];
  const extraTotal = extra.length === 0 ? 0 : (options.outOfScopeRecords ?? slots.length * mean);
  const extraPerSlot = apportion(
    Math.round(extraTotal),
    slots.map(() => 0.8 + 0.4 * random.next()),
  );
  const events: ApiAccessEvent[] = [];
  slots.forEach((slot, i) => {
    const abusive = Math.round((options.multiplier - 1) * mean * (0.9 + 0.2 * random.next()));
    const time = Math.min(options.end - 2, slot + random.int(20_000, 120_000));
    const scoped = Math.max(0, abusive - extraPerSlot[i]!);
    const categories = [...integration.categories];
    events.push(apiEvent(time, integration, scoped, categories, random, EXPORT_ENDPOINT));
    if (extraPerSlot[i]! > 0) {
      const wider = [integration.categories[0] ?? 'email', ...extra];
      events.push(apiEvent(time + 1, integration, extraPerSlot[i]!, wider, random, ALL_FIELDS));
    }
  });
  const attack: Attack = {
    ...{ id: options.id, kind: 'vendor_api_volume', start: options.start, end: options.end },
    ...{ sources: [], accounts: [], takenOver: [] },
    integrationId: integration.integrationId,
    outOfScopeCategories: extra,
  };
  return { attack, events };
}

const EXPORT_ENDPOINT = '/api/v1/customers/export';
const ALL_FIELDS = '/api/v1/customers?fields=all';

/** The names real scanners try most (from the sshd log in ../shared/data), root first. */
const SSH_WORDLIST = (
  'root admin ubnt test pi support ftp default user monitor guest ftpuser oracle postgres git ' +
  'ubuntu operator dbadmin api'
).split(' ');
const SSH_REAL_USERS = new Set(['root', 'ubuntu']);

/** An SSH scanner: a wordlist from one address, mostly names that do not exist here. */
export function sshdBruteForce(options: AttackWindow & { attempts: number }): GeneratedAttack {
  const random = new Random(options.seed).fork(options.id);
  const [network] = attackNetworks(random, 1);
  // sshd logs carry no geolocation, and the detector core sees them as parsed.
  const origin: Origin = { ip: ipv4Address(network!, random.uint32()), country: null, asn: null };
  const events = Array.from({ length: options.attempts }, () => {
    const user = random.chance(0.3) ? 'root' : random.pick(SSH_WORDLIST);
    const outcome = SSH_REAL_USERS.has(user) ? 'bad_password' : 'unknown_account';
    const time = spread(random, options.start, options.end);
    return loginEvent(time, sshAccount(user), origin, null, outcome, 'sshd');
  });
  const accounts = [...new Set(events.map((event) => event.account!))];
  return loginAttack('sshd_brute_force', options, events, accounts);
}
