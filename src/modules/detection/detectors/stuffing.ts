import type { DetectionSettings } from '../../../contracts/detection.js';
import type { SignalBus } from '../detection.bus.js';
import type { LoginEvent } from '../detection.events.js';
import { addressText, networkText, type LoginFacts } from './facts.js';
import { round, severityOf, type Signal } from '../detection.signals.js';
import { distributedKeyOf } from './global.js';
import { SourceTable, type SourceRecord, type SourceView } from './sources.js';
import { WindowClock } from '../detection.window.js';

type Scope = 'ip' | 'network' | 'user_agent';
/** The stuffing detectors run on the shop's own logins only. */
const CAMPAIGN_KEY = distributedKeyOf('web');
const SCOPE_LABEL: Record<Scope, string> = {
  ip: 'address',
  network: 'network',
  user_agent: 'user agent',
};

/**
 * Credential stuffing and password spraying from one source: an address, its /24 (IPv4) or
 * /48 (IPv6), or a user agent. Both try many distinct accounts with little success. Stuffing
 * replays username/password pairs leaked elsewhere, so many of its usernames do not exist
 * here; spraying tries a few common passwords against accounts that do, about once each.
 * That difference (the unknown-account share and attempts per account) tells them apart.
 */
export function createSourceDetectors(settings: DetectionSettings, bus: SignalBus) {
  const clock = new WindowClock(settings.sourceStuffing.windowMinutes);
  const tables: Record<Scope, SourceTable> = {
    ip: new SourceTable(clock, addressText),
    network: new SourceTable(clock, networkText),
    user_agent: new SourceTable(clock, String),
  };
  const thresholds: Record<Scope, number> = {
    ip: settings.sourceStuffing.ipAccounts,
    network: settings.sourceStuffing.networkAccounts,
    user_agent: settings.sourceStuffing.userAgentAccounts,
  };

  /**
   * Once a source is flagged, every later attempt of it is the attack's: its accounts join the
   * alert's subjects whether or not the distinct count moved (past a few accounts that count
   * is a sketch, which does not change on every new account).
   */
  function observe(scope: Scope, record: SourceRecord, facts: LoginFacts, newAccount: boolean) {
    const { event, account } = facts;
    const key = record.alertKey;
    if (key !== null && record.flaggedUntil >= event.time) {
      if (bus.due(key, event.time)) return check(scope, record, facts);
      return bus.addAttempt(key, scope === 'user_agent' ? null : event.ip, account);
    }
    if (newAccount) check(scope, record, facts);
  }

  let campaign = false;
  /** Whether the login being handled comes from a flagged address or network. */
  let flagged = false;

  function check(scope: Scope, record: SourceRecord, { event, account }: LoginFacts) {
    const table = tables[scope];
    // The cheap test first: busy ordinary sources (a browser's user agent) mostly succeed, and
    // never get as far as estimating their distinct accounts.
    const successRatio = table.successRatio(record, event.time);
    if (successRatio > settings.sourceStuffing.maxSuccessRatio) return;
    if (table.distinctAccounts(record, event.time) < thresholds[scope]) return;
    const view = table.view(record, event.time);
    record.flaggedUntil = event.time + 2 * clock.lengthMs;
    // Inside an open stuffing campaign a busy source is the campaign's: it joins that alert's
    // sources instead of raising one of its own (one alert per attack).
    if (campaign) {
      record.alertKey = CAMPAIGN_KEY;
      if (scope !== 'user_agent') bus.addAttempt(CAMPAIGN_KEY, event.ip, null);
      return;
    }
    const spraying = isSpraying(view, settings);
    const detector = spraying ? 'password_spraying' : 'source_stuffing';
    const key = `${detector}:${scope}:${record.label}`;
    record.alertKey = key;
    const subjects = {
      sources: scope === 'user_agent' ? [] : [event.ip],
      targets: account === null ? [] : [account],
    };
    if (!bus.due(key, event.time)) return bus.addSubjects(key, subjects);
    bus.emit(signal(detector, key, scope, record, view, event, successRatio, subjects));
  }

  function signal(
    detector: 'password_spraying' | 'source_stuffing',
    key: string,
    scope: Scope,
    record: SourceRecord,
    view: SourceView,
    event: LoginEvent,
    successRatio: number,
    subjects: { sources: string[]; targets: string[] },
  ): Signal {
    const accounts = Math.round(view.distinctAccounts);
    const what = detector === 'password_spraying' ? 'Password spraying' : 'Credential stuffing';
    const window = settings.sourceStuffing.windowMinutes;
    return {
      detector,
      key,
      stream: event.stream,
      severity:
        view.successes > 0
          ? 'critical'
          : severityOf(accounts, { critical: 1000, high: 100, medium: 0 }),
      at: event.time,
      title: `${what} from ${SCOPE_LABEL[scope]} ${record.label}`,
      reason:
        `${accounts} distinct accounts tried from one ${SCOPE_LABEL[scope]} in ${window} minutes ` +
        `(threshold ${thresholds[scope]}), ${round(successRatio * 100, 1)}% successful`,
      measures: [
        {
          name: 'distinct accounts',
          observed: accounts,
          threshold: thresholds[scope],
          comparator: '>=',
        },
        {
          name: 'success ratio',
          observed: round(successRatio, 4),
          threshold: settings.sourceStuffing.maxSuccessRatio,
          comparator: '<=',
        },
      ],
      counts: {
        attempts: Math.round(view.attempts),
        failures: Math.round(view.failures),
        successes: Math.round(view.successes),
        unknownAccounts: Math.round(view.unknown),
      },
      topSources: [{ value: record.label, count: Math.round(view.attempts) }],
      topAccounts: [],
      point: accounts,
      primary: { kind: scope, value: record.label },
      subjects: { ...subjects, takenOver: [] },
    };
  }

  return {
    tables,
    /**
     * Counts the login for its address, network and user agent; returns the address's record
     * (null for a success from an address that has not failed: see SourceTable.record).
     */
    onLogin(facts: LoginFacts, campaignActive: boolean): SourceRecord | null {
      const { event } = facts;
      campaign = campaignActive;
      const byIp = tables.ip.record(facts.ipKey, facts);
      const ipNew = byIp?.newAccount ?? false;
      const byNetwork = tables.network.record(facts.networkKey, facts);
      const networkNew = byNetwork?.newAccount ?? false;
      // A wider scope speaks only for what the narrower one has not already flagged: one busy
      // address is one alert, not three (address, its network, its user agent).
      if (byIp) observe('ip', byIp, facts, ipNew);
      const ipFlagged = byIp !== null && byIp.flaggedUntil >= event.time;
      if (byNetwork && !ipFlagged) observe('network', byNetwork, facts, networkNew);
      flagged = ipFlagged || (byNetwork !== null && byNetwork.flaggedUntil >= event.time);
      if (event.userAgent !== null) {
        const byAgent = tables.user_agent.record(event.userAgent, facts);
        if (byAgent && !flagged) observe('user_agent', byAgent, facts, byAgent.newAccount);
      }
      return byIp;
    },
    /** True when the last login's address or network is flagged as a stuffing source. */
    lastFlagged: () => flagged,
  };
}

function isSpraying(view: SourceView, settings: DetectionSettings): boolean {
  const spray = settings.passwordSpraying;
  if (view.distinctAccounts < spray.minAccounts) return false;
  const unknownShare = view.failures > 0 ? view.unknown / view.failures : 0;
  return (
    unknownShare <= spray.maxUnknownShare &&
    view.attempts / view.distinctAccounts <= spray.maxAttemptsPerAccount
  );
}
