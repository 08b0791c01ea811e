import type { ApiAccessEvent, LoginEvent } from '../detection.events.js';
import {
  DESKTOP_AGENTS,
  MOBILE_AGENTS,
  customerAccount,
  homeOrigin,
  isMobileCarrier,
  mobileOrigin,
  customerCountry,
  sshAccount,
  typoAccount,
  type Origin,
} from './network.js';
import { Random, hashInts } from './random.js';

/**
 * Benign shop traffic: customer logins with the daily and weekly rhythm and the mistakes real
 * people make, and the steady pulls of each vendor integration. Attacks are measured against
 * this, so it has to carry the failures a naive threshold would alert on.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Relative login volume per local hour: a night trough, a lunch bump and the 19:00 peak. */
const HOURLY_WEIGHTS = [
  0.45, 0.28, 0.18, 0.13, 0.12, 0.16, 0.3, 0.55, 0.75, 0.85, 0.9, 0.95, 1.05, 1.0, 0.92, 0.9, 0.95,
  1.1, 1.35, 1.6, 1.45, 1.2, 0.95, 0.7,
];
const BUILT_IN_PEAK = 19;
/** Sunday first, as Date#getUTCDay counts; shoppers have more time at weekends. */
const WEEKDAY_FACTORS = [1.15, 0.96, 0.94, 0.95, 0.97, 1.0, 1.1];
const WEEKDAY_MEAN = WEEKDAY_FACTORS.reduce((a, b) => a + b, 0) / 7;

function minuteCdf(peakHour: number): Float64Array {
  const cdf = new Float64Array(1440);
  let total = 0;
  for (let minute = 0; minute < 1440; minute++) {
    // Linear between hour centres, so the curve has no steps a detector could latch onto.
    const hour = (minute + 0.5) / 60 - 0.5 - (peakHour - BUILT_IN_PEAK);
    const low = Math.floor(hour);
    const at = (h: number) => HOURLY_WEIGHTS[((h % 24) + 24) % 24]!;
    total += at(low) + (at(low + 1) - at(low)) * (hour - low);
    cdf[minute] = total;
  }
  for (let minute = 0; minute < 1440; minute++) cdf[minute]! /= total;
  return cdf;
}

function sampleMinute(cdf: Float64Array, u: number): number {
  let low = 0;
  let high = cdf.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cdf[middle]! < u) low = middle + 1;
    else high = middle;
  }
  return low;
}

export interface LoginBaselineOptions {
  seed: number;
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
  loginsPerDay?: number;
  failureRate?: number;
  /** The shop's local time zone, as minutes east of UTC (CET is 60). */
  utcOffsetMinutes?: number;
  peakHour?: number;
  customers?: number;
  /** Share of sessions from a phone on a mobile carrier rather than the home connection. */
  mobileShare?: number;
}

/**
 * Session shapes and their odds at a 4% failure rate: a clean login; one or two mistyped
 * passwords then success; 3–6 failures then giving up (locked from the fifth); a mistyped
 * login name; a failed second factor, then success or giving up.
 */
const MISTYPE = 0.0215;
const GIVE_UP = 0.0015;
const NAME_TYPO = 0.006;
const MFA_MISS = 0.002;
/** Expected attempts per session under the odds above, to turn logins a day into sessions. */
const EVENTS_PER_SESSION = 1 + MISTYPE * 1.25 + GIVE_UP * 3.5 + NAME_TYPO + MFA_MISS * 0.6;
const ROOT_FAILURE_RATE =
  (MISTYPE * 1.25 + GIVE_UP * 4.5 + NAME_TYPO + MFA_MISS) / EVENTS_PER_SESSION;

export function generateLoginBaseline(options: LoginBaselineOptions): LoginEvent[] {
  const random = new Random(options.seed).fork('logins');
  const customers = options.customers ?? 750_000;
  const offset = (options.utcOffsetMinutes ?? 60) * MINUTE_MS;
  const cdf = minuteCdf(options.peakHour ?? BUILT_IN_PEAK);
  const scale = (options.failureRate ?? 0.04) / ROOT_FAILURE_RATE;
  const odds = [MISTYPE, GIVE_UP, NAME_TYPO, MFA_MISS].map((p) => p * scale);
  const mobileShare = options.mobileShare ?? 0.25;
  const rank = rankToCustomer(customers);
  const sessionsPerDay = (options.loginsPerDay ?? 40_000) / EVENTS_PER_SESSION;
  // Busy customers come back often; caching their id and address saves most of the garbage.
  const accounts = emptySlots<string>(customers);
  const homes = emptySlots<Origin>(customers);
  const plan: LoginEvent['outcome'][] = [];
  const events: LoginEvent[] = [];
  let typo = options.seed * 7919;

  const firstLocalDay = Math.floor((options.start + offset) / DAY_MS) * DAY_MS;
  for (let localDay = firstLocalDay; localDay - offset < options.end; localDay += DAY_MS) {
    const weekday = new Date(localDay).getUTCDay();
    const sessions = random.poisson((sessionsPerDay * WEEKDAY_FACTORS[weekday]!) / WEEKDAY_MEAN);
    // Starting sessions in time order leaves the stream nearly sorted, which sorts fast.
    const starts = new Float64Array(sessions);
    for (let s = 0; s < sessions; s++) {
      const minute = sampleMinute(cdf, random.next());
      starts[s] = localDay - offset + minute * MINUTE_MS + Math.floor(random.next() * MINUTE_MS);
    }
    starts.sort();
    for (let s = 0; s < sessions; s++) {
      let time = starts[s]!;
      const customer = rank(random.zipf(customers, 1, 2000));
      const account = (accounts[customer] ??= customerAccount(customer));
      const origin = random.chance(mobileShare)
        ? mobileOrigin(customerCountry(customer, customers), random)
        : (homes[customer] ??= homeOrigin(customer, customers));
      const agent = isMobileCarrier(origin) ? random.pick(MOBILE_AGENTS) : desktopAgent(customer);
      planSession(random, odds, plan);
      for (const outcome of plan) {
        const who = outcome === 'unknown_account' ? typoAccount(typo++) : account;
        if (time >= options.start && time < options.end) {
          events.push(loginEvent(time, who, origin, agent, outcome));
        }
        time += Math.round(3_000 + random.exponential(9_000));
      }
    }
  }
  return events.sort((a, b) => a.time - b.time);
}

/** `new Array(n)` of this size would be a slow dictionary; filling by push keeps it packed. */
function emptySlots<T>(n: number): (T | undefined)[] {
  const slots: (T | undefined)[] = [];
  for (let i = 0; i < n; i++) slots.push(undefined);
  return slots;
}

function planSession(random: Random, odds: number[], plan: LoginEvent['outcome'][]): void {
  plan.length = 0;
  let u = random.next();
  if ((u -= odds[0]!) < 0) {
    plan.push('bad_password');
    if (random.chance(0.25)) plan.push('bad_password');
  } else if ((u -= odds[1]!) < 0) {
    const failures = random.int(3, 6);
    for (let k = 1; k <= failures; k++) plan.push(k >= 5 ? 'locked' : 'bad_password');
    return;
  } else if ((u -= odds[2]!) < 0) {
    plan.push('unknown_account');
  } else if (u - odds[3]! < 0) {
    plan.push('mfa_failure');
    if (random.chance(0.4)) return;
  }
  plan.push('success');
}

function desktopAgent(customer: number): string {
  return DESKTOP_AGENTS[hashInts(customer, 53) % DESKTOP_AGENTS.length]!;
}

export function loginEvent(
  time: number,
  account: string | null,
  origin: Origin,
  userAgent: string | null,
  outcome: LoginEvent['outcome'],
  stream: LoginEvent['stream'] = 'web',
): LoginEvent {
  return {
    kind: 'login',
    time,
    stream,
    account,
    ip: origin.ip,
    userAgent,
    outcome,
    country: origin.country,
    asn: origin.asn,
  };
}

/** Activity rank → customer through a fixed bijection, so busy customers are spread out. */
function rankToCustomer(customers: number): (rank: number) => number {
  let step = Math.floor(customers * 0.618034) | 1;
  while (gcd(step, customers) !== 1) step += 2;
  return (rank) => (rank * step + 12_345) % customers;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export interface VendorApiBaseline {
  integrationId: string;
  keyId?: string | null;
  endpoint?: string;
  recordsPerDay: number;
  categories: readonly string[];
  intervalMinutes?: number;
  bytesPerRecord?: number;
}

/** One pull per interval with ±25% noise in records; bytes follow the records. */
export function generateVendorApiBaseline(
  options: { seed: number; start: number; end: number },
  integration: VendorApiBaseline,
): ApiAccessEvent[] {
  const random = new Random(options.seed).fork(`api:${integration.integrationId}`);
  const interval = (integration.intervalMinutes ?? 5) * MINUTE_MS;
  const mean = (integration.recordsPerDay * interval) / DAY_MS;
  const events: ApiAccessEvent[] = [];
  const first = Math.ceil(options.start / interval) * interval;
  for (let slot = first; slot < options.end; slot += interval) {
    const records = Math.max(0, Math.round(random.normal(mean, mean * 0.25)));
    const time = Math.min(options.end - 1, slot + random.int(0, 20_000));
    events.push(apiEvent(time, integration, records, [...integration.categories], random));
  }
  return events;
}

export function apiEvent(
  time: number,
  integration: VendorApiBaseline,
  records: number,
  categories: string[],
  random: Random,
  endpoint = integration.endpoint ?? '/api/v1/customers/changes',
): ApiAccessEvent {
  const perRecord = integration.bytesPerRecord ?? 1_200;
  return {
    kind: 'api_access',
    time,
    integrationId: integration.integrationId,
    keyId: integration.keyId ?? null,
    endpoint,
    records,
    bytes: Math.round(400 + records * perRecord * (0.9 + random.next() * 0.2)),
    categories,
  };
}

/**
 * The shop's own operators on sshd: a handful of logins a working day from the office, with
 * the odd mistyped password and, rarely, a longer fumble that still ends in success.
 */
export function generateSshdOperators(options: {
  seed: number;
  start: number;
  end: number;
}): LoginEvent[] {
  const random = new Random(options.seed).fork('sshd-operators');
  const office: Origin[] = ['81.128.44.10', '2a00:23c7:4d10:1f01:1:1:1:a'].map((ip) => ({
    ip,
    country: null,
    asn: null,
  }));
  const events: LoginEvent[] = [];
  for (let day = Math.floor(options.start / DAY_MS) * DAY_MS; day < options.end; day += DAY_MS) {
    for (const user of ['deploy', 'alice', 'bob']) {
      for (let n = random.poisson(3); n > 0; n--) {
        let time = day + 7 * HOUR_MS + Math.floor(random.next() * 11 * HOUR_MS);
        const origin = random.pick(office);
        const failures = random.chance(0.02) ? random.int(3, 8) : random.chance(0.1) ? 1 : 0;
        for (let k = 0; k <= failures; k++) {
          const outcome = k === failures ? 'success' : 'bad_password';
          if (time >= options.start && time < options.end) {
            events.push(loginEvent(time, sshAccount(user), origin, null, outcome, 'sshd'));
          }
          time += random.int(4_000, 15_000);
        }
      }
    }
  }
  return events.sort((a, b) => a.time - b.time);
}
