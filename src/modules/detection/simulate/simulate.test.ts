import { isIP } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_OUTCOMES, type DetectionEvent, type LoginEvent } from '../detection.events.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './baseline.js';
import { Random, apportion } from './random.js';
import {
  SHOPCO_ATTACK,
  baselineOnly,
  evaluationScenario,
  shopcoAttackScenario,
  type SimulatedTraffic,
} from './scenario.js';

const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Canonical as the detector core expects: dotted IPv4, or IPv6 as the URL standard prints it. */
function isCanonicalIp(ip: string): boolean {
  if (isIP(ip) === 4) return IPV4.test(ip);
  return isIP(ip) === 6 && new URL(`http://[${ip}]/`).hostname === `[${ip}]`;
}

function problems(event: DetectionEvent): string[] {
  const found: string[] = [];
  if (!Number.isSafeInteger(event.time)) found.push('time');
  if (event.kind === 'login') {
    if (event.account !== null && !/^[0-9a-f]{32}$/.test(event.account)) found.push('account');
    if (!isCanonicalIp(event.ip)) found.push(`ip ${event.ip}`);
    if (!LOGIN_OUTCOMES.includes(event.outcome)) found.push('outcome');
    if (event.stream !== 'web' && event.stream !== 'sshd') found.push('stream');
    if (event.country !== null && !/^[A-Z]{2}$/.test(event.country)) found.push('country');
    if (event.asn !== null && !(Number.isInteger(event.asn) && event.asn > 0)) found.push('asn');
  } else if (event.kind === 'api_access') {
    if (!(Number.isInteger(event.records) && event.records >= 0)) found.push('records');
    if (!(Number.isInteger(event.bytes) && event.bytes >= 0)) found.push('bytes');
    if (!event.categories.every((c) => /^[a-z][a-z0-9_]*$/.test(c))) found.push('categories');
    if (event.integrationId.length === 0 || !event.endpoint.startsWith('/')) found.push('api');
  } else {
    found.push('unexpected kind');
  }
  return found;
}

function checkStream(traffic: SimulatedTraffic): void {
  const { events, attackOf } = traffic;
  expect(attackOf).toHaveLength(events.length);
  let malicious = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (i > 0 && event.time < events[i - 1]!.time) throw new Error(`unsorted at ${i}`);
    const issues = problems(event);
    if (issues.length > 0) throw new Error(`event ${i}: ${issues.join(', ')}`);
    if (event.time < traffic.start || event.time >= traffic.end) throw new Error(`${i} outside`);
    const label = attackOf[i]!;
    if (label >= 0) {
      malicious++;
      const attack = traffic.labels[label]!;
      if (event.time < attack.start || event.time >= attack.end) throw new Error(`${i} outside`);
    }
  }
  expect(traffic.maliciousEventCount).toBe(malicious);
}

/** A digest of every field, so two runs can be compared without holding both in a diff. */
function digest(traffic: SimulatedTraffic): string {
  let h = 0;
  const mix = (text: string) => {
    for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  };
  for (const event of traffic.events) {
    h = (Math.imul(h, 31) + event.time) | 0;
    if (event.kind === 'login') {
      mix(`${event.account}${event.ip}${event.outcome}${event.userAgent}${event.asn}`);
    } else if (event.kind === 'api_access') {
      mix(`${event.integrationId}${event.records}${event.bytes}${event.categories.join()}`);
    }
  }
  return `${traffic.events.length}:${h}:${traffic.labels.map((l) => l.id).join(',')}`;
}

const byAttack = (traffic: SimulatedTraffic, index: number) =>
  traffic.events.filter((_, i) => traffic.attackOf[i] === index);
const benignLogins = (traffic: SimulatedTraffic) =>
  traffic.events.filter(
    (e, i): e is LoginEvent =>
      traffic.attackOf[i] === -1 && e.kind === 'login' && e.stream === 'web',
  );

describe('random', () => {
  it('replays a seed and keeps draws in range', () => {
    const a = new Random(42);
    const b = new Random(42);
    const draws = Array.from({ length: 1000 }, () => a.int(3, 6));
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b.int(3, 6)));
    expect(new Set(draws)).toEqual(new Set([3, 4, 5, 6]));
    expect(new Random(43).uint32()).not.toBe(new Random(42).uint32());
  });

  it('draws Poisson, normal and exponential values with the asked-for means', () => {
    const random = new Random(7);
    const mean = (f: () => number) =>
      Array.from({ length: 20_000 }, f).reduce((s, x) => s + x) / 20_000;
    expect(mean(() => random.poisson(3))).toBeCloseTo(3, 1);
    expect(mean(() => random.poisson(500))).toBeGreaterThan(495);
    expect(mean(() => random.normal(10, 2))).toBeCloseTo(10, 1);
    expect(mean(() => random.exponential(5))).toBeCloseTo(5, 0);
    expect(new Set(random.sample(1000, 1000)).size).toBe(1000);
  });

  it('apportions a total exactly', () => {
    expect([...apportion(10, [1, 1, 1])]).toEqual([4, 3, 3]);
    expect(apportion(280_000, [3, 1, 2, 7]).reduce((s, x) => s + x, 0)).toBe(280_000);
  });
});

describe('shopcoAttackScenario', () => {
  let traffic: SimulatedTraffic;
  beforeAll(() => {
    traffic = shopcoAttackScenario({ vendorXIntegrationId: 'int-vendor-x', vendorXKeyId: 'key-1' });
  });

  it('is a sorted, valid, labelled stream', () => {
    checkStream(traffic);
    expect(traffic.labels.map((l) => l.kind)).toEqual([
      'distributed_stuffing',
      'vendor_api_volume',
    ]);
    expect(traffic.start).toBe(Date.UTC(2026, 1, 24));
    expect(traffic.end).toBe(Date.UTC(2026, 2, 12, 9));
  });

  it('stuffs from 3,400 addresses in exactly 41 /16s, under 5 attempts per 10 minutes each', () => {
    const stuffing = traffic.labels[0]!;
    const events = byAttack(traffic, 0) as LoginEvent[];
    expect(stuffing.start).toBe(Date.UTC(2026, 2, 10, 2));
    expect(stuffing.end).toBe(Date.UTC(2026, 2, 12, 9));
    const byIp = new Map<string, number[]>();
    for (const event of events) {
      const times = byIp.get(event.ip) ?? [];
      times.push(event.time);
      byIp.set(event.ip, times);
    }
    expect(byIp.size).toBe(3_400);
    expect(new Set(stuffing.sources)).toEqual(new Set(byIp.keys()));
    expect(new Set([...byIp.keys()].map((ip) => ip.split('.').slice(0, 2).join('.'))).size).toBe(
      41,
    );
    let busiest = 0;
    for (const times of byIp.values()) {
      for (let i = 0, j = 0; j < times.length; j++) {
        while (times[j]! - times[i]! >= 10 * MINUTE_MS) i++;
        busiest = Math.max(busiest, j - i + 1);
      }
    }
    expect(busiest).toBeLessThanOrEqual(4);
    const benignIps = new Set(benignLogins(traffic).map((e) => e.ip));
    expect([...byIp.keys()].some((ip) => benignIps.has(ip))).toBe(false);
  });

  it('tries 280,000 distinct accounts and takes over 0.9% of them (about 2,500)', () => {
    const stuffing = traffic.labels[0]!;
    const events = byAttack(traffic, 0) as LoginEvent[];
    expect(new Set(events.map((e) => e.account)).size).toBe(280_000);
    expect(new Set(stuffing.accounts).size).toBe(280_000);
    const successes = events.filter((e) => e.outcome === 'success').length;
    expect(Math.abs(successes / events.length - 0.009)).toBeLessThanOrEqual(0.001);
    expect(stuffing.takenOver).toHaveLength(successes);
    expect(Math.abs(stuffing.takenOver.length - 2_500)).toBeLessThan(100);
  });

  it('has ~40,000 logins a day at 4% failures, peaking at 19:00 local time', () => {
    const logins = benignLogins(traffic).filter((e) => e.time < SHOPCO_ATTACK.stuffingStart);
    const days = (SHOPCO_ATTACK.stuffingStart - traffic.start) / DAY_MS;
    expect(Math.abs(logins.length / days - 40_000)).toBeLessThan(800);
    const failures = logins.filter((e) => e.outcome !== 'success').length;
    expect(Math.abs(failures / logins.length - 0.04)).toBeLessThan(0.003);
    const hours = new Array<number>(24).fill(0);
    for (const e of logins) hours[new Date(e.time + HOUR_MS).getUTCHours()]!++;
    expect(hours.indexOf(Math.max(...hours))).toBe(19);
    const v6 = logins.filter((e) => e.ip.includes(':')).length / logins.length;
    expect(v6).toBeGreaterThan(0.12);
    expect(v6).toBeLessThan(0.28);
  });

  it('has Vendor X pull 40× its baseline from 03:00, with phone numbers of 310,000 customers', () => {
    const pull = traffic.labels[1]!;
    expect(pull).toMatchObject({ integrationId: 'int-vendor-x', outOfScopeCategories: ['phone'] });
    expect(pull.start).toBe(Date.UTC(2026, 2, 10, 3));
    const api = traffic.events.filter((e) => e.kind === 'api_access');
    const records = (from: number, to: number) =>
      api.filter((e) => e.time >= from && e.time < to).reduce((s, e) => s + e.records, 0);
    const before = records(traffic.start, pull.start) / (pull.start - traffic.start);
    const during = records(pull.start, pull.end) / (pull.end - pull.start);
    expect(during / before).toBeGreaterThan(38);
    expect(during / before).toBeLessThan(42);
    const phone = api.filter((e) => e.categories.includes('phone'));
    expect(phone.reduce((s, e) => s + e.records, 0)).toBe(310_000);
    expect(phone.every((e) => e.time >= pull.start)).toBe(true);
    const baseline = api.filter((e) => e.time < pull.start);
    const declared = (e: (typeof api)[number]) =>
      e.categories.every((c) => ['email', 'order_history'].includes(c));
    expect(baseline.every(declared)).toBe(true);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const options = { vendorXIntegrationId: 'int-vendor-x', vendorXKeyId: 'key-1' };
    expect(digest(shopcoAttackScenario(options))).toBe(digest(traffic));
    const one = digest(baselineOnly({ seed: 1, days: 1 }));
    expect(one).not.toBe(digest(baselineOnly({ seed: 2, days: 1 })));
  });
});

describe('evaluationScenario', () => {
  it('injects every attack kind several times into a valid stream, reproducibly', () => {
    const traffic = evaluationScenario({ seed: 11, days: 5 });
    checkStream(traffic);
    const kinds = new Map<string, number>();
    for (const label of traffic.labels) kinds.set(label.kind, (kinds.get(label.kind) ?? 0) + 1);
    for (const kind of [
      'account_brute_force',
      'source_stuffing',
      'distributed_stuffing',
      'password_spraying',
      'account_takeover',
      'vendor_api_volume',
      'sshd_brute_force',
    ]) {
      expect(kinds.get(kind)).toBeGreaterThanOrEqual(2);
    }
    traffic.labels.forEach((label, index) => {
      expect(byAttack(traffic, index).length, label.id).toBeGreaterThan(0);
      expect(label.start).toBeGreaterThanOrEqual(traffic.start + 2 * DAY_MS);
    });
    const stuffing = traffic.labels.find((l) => l.id === 'stuffing-one-ip')!;
    const reuse = traffic.labels.find((l) => l.id === 'takeover-from-stuffing-source')!;
    expect(reuse.sources).toEqual(stuffing.sources);
    expect(new Set(reuse.takenOver)).toEqual(new Set(stuffing.takenOver));
    const operator = traffic.events.some(
      (e, i) => e.kind === 'login' && e.stream === 'sshd' && traffic.attackOf[i] === -1,
    );
    expect(operator).toBe(true);
    expect(digest(evaluationScenario({ seed: 11, days: 5 }))).toBe(digest(traffic));
  });
});

describe('baselineOnly', () => {
  it('has no attacks and the baseline failure rate', () => {
    const traffic = baselineOnly({ seed: 3, days: 3 });
    checkStream(traffic);
    expect(traffic.labels).toHaveLength(0);
    expect(traffic.maliciousEventCount).toBe(0);
    const logins = benignLogins(traffic);
    const outcomes = new Set(logins.map((e) => e.outcome));
    expect(outcomes).toEqual(new Set(LOGIN_OUTCOMES));
    const failures = logins.filter((e) => e.outcome !== 'success').length / logins.length;
    expect(failures).toBeGreaterThan(0.035);
    expect(failures).toBeLessThan(0.045);
  });
});
