import { describe, expect, it } from 'vitest';
import { detectionSettings } from '../../contracts/detection.js';
import { createDetectionEngine } from './detection.engine.js';
import type { ApiAccessEvent, LoginEvent } from './detection.events.js';
import type { Signal } from './detection.signals.js';

const T0 = Date.parse('2026-03-10T02:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const settings = detectionSettings.parse({});

const login = (
  time: number,
  ip: string,
  account: string | null,
  outcome: LoginEvent['outcome'],
  extra: Partial<LoginEvent> = {},
): LoginEvent => ({
  kind: 'login',
  time,
  stream: 'web',
  account,
  ip,
  userAgent: 'Mozilla/5.0',
  outcome,
  country: null,
  asn: null,
  ...extra,
});

function run(events: (LoginEvent | ApiAccessEvent)[], declared = new Map<string, Set<string>>()) {
  const engine = createDetectionEngine({ settings, declaredCategories: (id) => declared.get(id) });
  const signals: Signal[] = [];
  for (const event of [...events].sort((a, b) => a.time - b.time)) {
    engine.push(event);
    signals.push(...engine.drain());
  }
  return {
    engine,
    signals,
    of: (detector: string) => signals.filter((s) => s.detector === detector),
  };
}

/** Quiet, ordinary traffic: one login a minute from distinct customers, 4% of them mistyped. */
function quiet(from: number, minutes: number): LoginEvent[] {
  return Array.from({ length: minutes }, (_, i) =>
    login(
      from + i * MIN,
      `198.51.${(i >> 8) & 255}.${i & 255}`,
      `customer-${i}`,
      i % 25 === 0 ? 'bad_password' : 'success',
    ),
  );
}

describe('detector core', () => {
  it('flags one account failing from many addresses, and not a customer who mistypes twice', () => {
    const attack = Array.from({ length: 12 }, (_, i) =>
      login(T0 + i * 20_000, `203.0.113.${i}`, 'alice', 'bad_password'),
    );
    const typos = [
      login(T0, '192.0.2.7', 'bob', 'bad_password'),
      login(T0 + 10_000, '192.0.2.7', 'bob', 'bad_password'),
      login(T0 + 20_000, '192.0.2.7', 'bob', 'success'),
    ];
    const { of } = run([...attack, ...typos]);
    const brute = of('account_brute_force');
    expect(brute.length).toBeGreaterThan(0);
    expect(new Set(brute.map((s) => s.key))).toEqual(new Set(['account_brute_force:web:alice']));
    expect(brute.at(-1)!.severity).toBe('high');
    expect(brute.at(-1)!.counts.sources).toBeGreaterThanOrEqual(
      settings.accountBruteForce.manySources,
    );
    expect(of('account_takeover')).toEqual([]);
  });

  it('under a flood that saturates the account sketch, names only the accounts really attacked', () => {
    // 1.5 million failures over 300,000 accounts in eight minutes (five each) lift every
    // account's sketch estimate past the threshold; one account fails 40 times.
    const engine = createDetectionEngine({ settings, declaredCategories: () => undefined });
    const brute = new Set<string>();
    const drain = () => {
      for (const s of engine.drain()) if (s.detector === 'account_brute_force') brute.add(s.key);
    };
    const total = 1_500_000;
    for (let n = 0; n < total; n++) {
      const time = T0 + Math.floor((n / total) * 8 * MIN);
      engine.push(
        login(
          time,
          `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`,
          `flood-${n % 300_000}`,
          'bad_password',
        ),
      );
      if (n % 3_000 === 0) engine.push(login(time, '203.0.113.9', 'target', 'bad_password'));
      if (n % 100_000 === 0) drain();
    }
    drain();
    expect([...brute]).toEqual(['account_brute_force:web:target']);
  });

  it('still names an attacked account when the exact watches are all taken', () => {
    // 60,000 accounts failing three times each fill the 50,000 watches; then one more account
    // fails 15 times from one address.
    const engine = createDetectionEngine({ settings, declaredCategories: () => undefined });
    const brute = new Set<string>();
    for (let n = 0; n < 180_000; n++) {
      const time = T0 + Math.floor((n / 180_000) * 5 * MIN);
      engine.push(
        login(time, `10.1.${(n >>> 8) & 255}.${n & 255}`, `busy-${n % 60_000}`, 'bad_password'),
      );
    }
    for (let k = 0; k < 15; k++)
      engine.push(login(T0 + 5 * MIN + k * 1000, '203.0.113.7', 'victim', 'bad_password'));
    for (const s of engine.drain()) if (s.detector === 'account_brute_force') brute.add(s.key);
    expect(engine.stats().watchedAccounts).toBe(50_000);
    expect(brute).toContain('account_brute_force:web:victim');
  });

  it('calls a success after a run of failures a takeover', () => {
    const events = [
      ...Array.from({ length: 6 }, (_, i) =>
        login(T0 + i * 1000, '203.0.113.5', 'carol', 'bad_password'),
      ),
      login(T0 + 10_000, '203.0.113.5', 'carol', 'success'),
    ];
    const takeover = run(events).of('account_takeover');
    expect(takeover).toHaveLength(1);
    expect(takeover[0]!.subjects.takenOver).toEqual(['carol']);
  });

  it('tells stuffing (leaked pairs, many unknown accounts) from spraying (existing accounts once each)', () => {
    const stuffing = Array.from({ length: 30 }, (_, i) =>
      login(
        T0 + i * 1000,
        '203.0.113.20',
        `leaked-${i}`,
        i % 2 ? 'unknown_account' : 'bad_password',
      ),
    );
    const spraying = Array.from({ length: 30 }, (_, i) =>
      login(T0 + i * 1000, '203.0.113.30', `member-${i}`, 'bad_password'),
    );
    const { of } = run([...stuffing, ...spraying]);
    expect(of('source_stuffing').map((s) => s.key)).toContain('source_stuffing:ip:203.0.113.20');
    expect(of('password_spraying').map((s) => s.key)).toContain(
      'password_spraying:ip:203.0.113.30',
    );
    expect(of('source_stuffing').map((s) => s.key)).not.toContain(
      'source_stuffing:ip:203.0.113.30',
    );
  });

  it('sees a spike of failures against the hour-of-week baseline, and not the baseline itself', () => {
    const weeks = [3, 2, 1].flatMap((w) => quiet(T0 - w * 7 * 24 * HOUR - 30 * MIN, 90));
    const calm = run([...weeks, ...quiet(T0 - 30 * MIN, 90)]);
    expect(calm.of('failed_login_spike')).toEqual([]);
    const burst = Array.from({ length: 400 }, (_, i) =>
      login(T0 + i * 1500, `10.${i % 200}.${i % 7}.1`, `x-${i % 50}`, 'bad_password'),
    );
    const attacked = run([...weeks, ...quiet(T0 - 30 * MIN, 90), ...burst]);
    const spike = attacked.of('failed_login_spike');
    expect(spike.length).toBeGreaterThan(0);
    expect(spike[0]!.reason).toContain('hour-of-week baseline');
    expect(spike[0]!.at - T0).toBeLessThanOrEqual(10 * MIN);
  });

  it('sees distributed stuffing where no source crosses its own threshold', () => {
    // 3,000 attempts from addresses scattered over 41 /16s: two or three per /24 at most.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const attack = Array.from({ length: 3000 }, (_, i) =>
      login(
        T0 + i * 400,
        `10.${i % 41}.${next() % 256}.${next() % 250}`,
        `target-${i}`,
        'unknown_account',
      ),
    );
    const { of } = run([...quiet(T0 - 60 * MIN, 60), ...attack]);
    // One user agent across them all is itself a source; no address or network is.
    expect(new Set(of('source_stuffing').map((s) => s.primary?.kind))).toEqual(
      new Set(['user_agent']),
    );
    const distributed = of('distributed_stuffing');
    expect(distributed.length).toBeGreaterThan(0);
    const targets = new Set(distributed.flatMap((s) => s.subjects.targets));
    expect(targets.size).toBeGreaterThan(2000);
  });

  it('counts a campaign participant by failures close together, not hours apart', () => {
    // Four hours of distributed stuffing, 3,000 attempts an hour from 300 scattered addresses
    // (few enough that no slot is ever reclaimed, so only the rule under test resets counts).
    const attack = Array.from({ length: 12_000 }, (_, i) => {
      const j = i % 300;
      return login(
        T0 + i * 1200,
        `10.${j % 41}.${j % 256}.${(j * 7) % 250}`,
        `t-${i}`,
        'unknown_account',
      );
    });
    const probes = [
      // Two accounts three hours apart, behind one carrier address: customers, not a participant.
      login(T0 + 10 * MIN, '192.0.2.50', 'shared-1', 'bad_password'),
      login(T0 + 190 * MIN, '192.0.2.50', 'shared-2', 'bad_password'),
      // Two accounts a minute apart: a participant.
      login(T0 + 10 * MIN, '192.0.2.60', 'tried-1', 'bad_password'),
      login(T0 + 11 * MIN, '192.0.2.60', 'tried-2', 'bad_password'),
    ];
    const { of } = run([...quiet(T0 - 60 * MIN, 60), ...attack, ...probes]);
    const sources = new Set(of('distributed_stuffing').flatMap((s) => s.subjects.sources));
    expect(sources).toContain('192.0.2.60');
    expect(sources).not.toContain('192.0.2.50');
  });

  it('raises sshd brute force on an attacker but gives an operator who logs in more rope', () => {
    const sshd = (time: number, ip: string, user: string, outcome: LoginEvent['outcome']) =>
      login(time, ip, user, outcome, { stream: 'sshd', userAgent: null });
    const operator = [
      sshd(T0, '192.0.2.50', 'ubuntu', 'success'),
      ...Array.from({ length: 8 }, (_, i) =>
        sshd(T0 + HOUR + i * 1000, '192.0.2.50', 'ubuntu', 'bad_password'),
      ),
    ];
    const scanner = Array.from({ length: 8 }, (_, i) =>
      sshd(T0 + i * 1000, '203.0.113.77', `user${i}`, 'unknown_account'),
    );
    const { of } = run([...operator, ...scanner]);
    expect(new Set(of('sshd_brute_force').map((s) => s.key))).toEqual(
      new Set(['sshd_brute_force:203.0.113.77']),
    );
  });

  it('flags a vendor key pulling far above its own baseline, and data outside its declared scope', () => {
    const integration = '7d3c3f1e-0000-4000-8000-000000000001';
    const api = (time: number, records: number, categories: string[]): ApiAccessEvent => ({
      kind: 'api_access',
      time,
      integrationId: integration,
      keyId: null,
      endpoint: '/api/customers',
      records,
      bytes: records * 200,
      categories,
    });
    const normal = Array.from({ length: 48 * 12 }, (_, i) =>
      api(T0 - 48 * HOUR + i * 5 * MIN, 100, ['email']),
    );
    const pull = Array.from({ length: 12 }, (_, i) =>
      api(T0 + HOUR + i * 5 * MIN, 4000, ['email', 'phone']),
    );
    const declared = new Map([[integration, new Set(['email', 'order_history'])]]);
    const { of } = run([...normal, ...pull], declared);
    expect(of('vendor_api_volume').length).toBeGreaterThan(0);
    expect(of('vendor_api_volume')[0]!.measures[0]!.observed).toBeGreaterThanOrEqual(10);
    const scope = of('vendor_api_scope');
    expect(scope.length).toBeGreaterThan(0);
    expect(scope[0]!.subjects.categories).toEqual(['phone']);
    expect(run(normal, declared).signals).toEqual([]);
  });

  it('keeps every undeclared category a vendor touched, however the signals were merged', () => {
    const integration = '7d3c3f1e-0000-4000-8000-000000000002';
    const engine = createDetectionEngine({
      settings,
      declaredCategories: () => new Set(['email']),
    });
    for (const [i, categories] of [['payment_card'], ['health'], ['email']].entries())
      engine.push({
        kind: 'api_access',
        time: T0 + i * 20_000,
        integrationId: integration,
        keyId: null,
        endpoint: '/api/customers',
        records: 10,
        bytes: 100,
        categories,
      });
    const scope = engine.drain().filter((s) => s.detector === 'vendor_api_scope');
    expect(scope).toHaveLength(1);
    expect([...(scope[0]!.subjects.categories ?? [])].sort()).toEqual(['health', 'payment_card']);
  });

  it('counts events far behind their stream as late and leaves them out', () => {
    const { engine } = run([login(T0, '192.0.2.1', 'a', 'success')]);
    engine.push(login(T0 + HOUR, '192.0.2.1', 'a', 'success'));
    engine.push(login(T0, '192.0.2.1', 'a', 'bad_password'));
    expect(engine.stats().late).toBe(1);
  });
});
