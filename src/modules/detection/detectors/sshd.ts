import type { DetectionSettings } from '../../../contracts/detection.js';
import type { SignalBus } from '../detection.bus.js';
import { WindowClock } from '../detection.window.js';
import { addressText, type LoginFacts } from './facts.js';
import { SourceTable, type SourceRecord } from './sources.js';

/** How long a successful login vouches for its source. */
const TRUST_MS = 30 * 24 * 3_600_000;
const MAX_TRUSTED = 100_000;
/** User names remembered per trusted address: operators use a handful. */
const MAX_KNOWN_USERS = 16;

interface Trust {
  last: number;
  users: Set<string>;
}

/**
 * SSH brute force from one address, fail2ban's rule (maxretry failures within findtime) with
 * two differences for an address that has logged in successfully. Its failures for a user it
 * has logged in as are an operator's (a mistyped password, a script with a stale one) and do
 * not count at all; its other failures face a much higher bar. The people who run a server
 * fail too, and banning them is the classic false positive of per-address counting.
 */
export function createSshdDetector(settings: DetectionSettings, bus: SignalBus) {
  const { windowMinutes, maxRetry, trustedMaxRetry } = settings.sshd;
  const table = new SourceTable(new WindowClock(windowMinutes), addressText);
  const trusted = new Map<string, Trust>();

  function trust(ip: string, account: string | null, time: number): void {
    let entry = trusted.get(ip);
    if (!entry) {
      if (trusted.size >= MAX_TRUSTED) return;
      trusted.set(ip, (entry = { last: time, users: new Set() }));
    }
    entry.last = time;
    if (account !== null && entry.users.size < MAX_KNOWN_USERS) entry.users.add(account);
  }

  return {
    /** A failure by an address for a user it has logged in as: an operator's, not an attack. */
    isOperatorFailure({ event, account }: LoginFacts): boolean {
      if (event.outcome === 'success' || account === null) return false;
      const entry = trusted.get(event.ip);
      return entry !== undefined && entry.last >= event.time - TRUST_MS && entry.users.has(account);
    },

    /** Counts the login for its address; returns its record (see SourceTable.record). */
    onLogin(facts: LoginFacts): SourceRecord | null {
      const { event } = facts;
      const record = table.record(facts.ipKey, facts);
      if (event.outcome === 'success') {
        trust(event.ip, facts.account, event.time);
        return record;
      }
      // A failure always enters the table.
      const view = table.view(record!, event.time);
      const vouched = (trusted.get(event.ip)?.last ?? -Infinity) >= event.time - TRUST_MS;
      const bar = vouched ? trustedMaxRetry : maxRetry;
      if (view.failures < bar) return record;
      const key = `sshd_brute_force:${event.ip}`;
      if (!bus.due(key, event.time)) {
        bus.addSubject(key, 'sources', event.ip);
        return record;
      }
      const failures = Math.round(view.failures);
      const users = Math.round(view.distinctAccounts);
      bus.emit({
        detector: 'sshd_brute_force',
        key,
        stream: 'sshd',
        severity: failures >= 10 * bar ? 'high' : 'medium',
        at: event.time,
        title: `SSH brute force from ${event.ip}`,
        reason:
          `${failures} failed SSH logins in ${windowMinutes} minutes from one address ` +
          `(threshold ${bar}${vouched ? ', raised because this address has logged in before' : ''}), ` +
          `${users} user names tried, ${Math.round(view.unknown)} of the attempts for users that do not exist`,
        measures: [{ name: 'failures', observed: failures, threshold: bar, comparator: '>=' }],
        counts: { failures, users, unknownUsers: Math.round(view.unknown) },
        topSources: [{ value: event.ip, count: failures }],
        topAccounts: [],
        point: failures,
        primary: { kind: 'ip', value: event.ip },
        subjects: { sources: [event.ip], targets: [], takenOver: [] },
      });
      return record;
    },
  };
}
