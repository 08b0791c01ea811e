import type { DetectionSettings } from '../../../contracts/detection.js';
import { SeasonalBaseline, type Expectation } from '../detection.baseline.js';
import type { SignalBus } from '../detection.bus.js';
import type { LoginEvent } from '../detection.events.js';
import { networkHash, wideText, type LoginFacts } from './facts.js';
import { CAMPAIGN_MEMORY_MS, type SourceRecord } from './sources.js';
import { HyperLogLog } from '../detection.hll.js';
import { round, severityOf, type Measure } from '../detection.signals.js';
import { TopK } from '../detection.topk.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

class Minute {
  start = -1;
  attempts = 0;
  failures = 0;
  // p = 10 (1 KiB, ±3%): the thresholds are orders of magnitude apart, and the window merges
  // these every minute.
  readonly accounts = new HyperLogLog(10);
  readonly sources = new HyperLogLog(10);
  readonly networks = new HyperLogLog(8);

  reset(start: number): void {
    this.start = start;
    this.attempts = this.failures = 0;
    this.accounts.clear();
    this.sources.clear();
    this.networks.clear();
  }
}

/** The key of a stream's distributed stuffing alert, which busy sources join while it is open. */
export const distributedKeyOf = (stream: LoginEvent['stream']) => `distributed_stuffing:${stream}`;

/**
 * Stream-wide detectors, evaluated once a minute of event time: a failed-login spike against
 * the hour-of-week baseline, and distributed ("low and slow") stuffing, where thousands of
 * sources each stay under every per-source threshold but the number of distinct accounts
 * failing rises far above normal. While either alert is open, the accounts it targets and the
 * sources taking part are collected for the password-reset list and the blocklist.
 */
export function createGlobalDetectors(
  settings: DetectionSettings,
  bus: SignalBus,
  stream: LoginEvent['stream'],
) {
  const span = Math.max(settings.spike.windowMinutes, settings.distributedStuffing.windowMinutes);
  const ring = Array.from({ length: span + 1 }, () => new Minute());
  const scratch = new Minute();
  const baseline = new SeasonalBaseline();
  const hour = { start: -1, attempts: 0, failures: 0 };
  const topNetworks = new TopK<number | string>(16);
  const topAccounts = new TopK(16);
  let activeKey: string | null = null;
  const distributedKey = distributedKeyOf(stream);
  /** The open campaign's participants so far (sources that failed on two or more accounts). */
  const campaign = { sources: 0, networks: new HyperLogLog(8) };
  let activeUntil = 0;
  let busiestSource = 0;

  function slot(time: number): Minute {
    const start = time - (time % MINUTE_MS);
    const minute = ring[Math.floor(start / MINUTE_MS) % ring.length]!;
    // The engine drops events later than the ring spans, so a slot is only ever reused forward.
    if (minute.start < start) minute.reset(start);
    return minute;
  }

  function closeHour(start: number): void {
    if (hour.start >= 0 && start !== hour.start) {
      baseline.set(hour.start, hour.attempts, hour.failures);
      hour.attempts = hour.failures = 0;
    }
    hour.start = start;
  }

  /** Attempts and failures in the window: cheap sums, checked before any sketch is merged. */
  function windowCounts(end: number, minutes: number) {
    let attempts = 0;
    let failures = 0;
    for (const minute of ring) {
      if (minute.start < end - minutes * MINUTE_MS || minute.start >= end) continue;
      attempts += minute.attempts;
      failures += minute.failures;
    }
    return { attempts, failures };
  }

  /** Distinct failing accounts, sources and /16s in the window: merged minute sketches. */
  function windowDistinct(end: number, minutes: number) {
    const accounts = scratch.accounts;
    const sources = scratch.sources;
    const networks = scratch.networks;
    accounts.clear();
    sources.clear();
    networks.clear();
    for (const minute of ring) {
      if (minute.start < end - minutes * MINUTE_MS || minute.start >= end) continue;
      accounts.merge(minute.accounts);
      sources.merge(minute.sources);
      networks.merge(minute.networks);
    }
    return {
      accounts: Math.round(accounts.estimate()),
      sources: Math.round(sources.estimate()),
      networks: Math.round(networks.estimate()),
    };
  }

  function activate(key: string, at: number): void {
    // A campaign that had ended starts its count of participants afresh.
    if (activeKey !== key || activeUntil < at) {
      campaign.sources = 0;
      campaign.networks.clear();
    }
    activeKey = key;
    activeUntil = at + 30 * MINUTE_MS;
  }

  function evaluateSpike(end: number): void {
    const { windowMinutes, minFailures, zScore, minRatio } = settings.spike;
    const totals = windowCounts(end, windowMinutes);
    if (totals.failures < minFailures) return;
    const expected = baseline.expected(end - MINUTE_MS, windowMinutes);
    const ratio = totals.attempts > 0 ? totals.failures / totals.attempts : 0;
    const z = (totals.failures - expected.count) / expected.sigma;
    const ratioBar = Math.max(minRatio, 2 * expected.ratio);
    if (z < zScore || ratio < ratioBar) return;
    const key = `failed_login_spike:${stream}`;
    if (activeKey === null || activeUntil < end) activate(key, end);
    else activeUntil = end + 30 * MINUTE_MS;
    const times = expected.count > 0 ? totals.failures / expected.count : Infinity;
    bus.emit({
      detector: 'failed_login_spike',
      key,
      stream,
      severity: severityOf(z, { critical: 30, high: 12, medium: 0 }),
      at: end,
      title: `Failed logins ${Number.isFinite(times) ? `${round(times, 1)}× ` : ''}above baseline`,
      reason:
        `${totals.failures} failed logins in ${windowMinutes} minutes where ` +
        `${round(expected.count, 1)} are usual (${describe(expected)}); failure ratio ` +
        `${round(ratio * 100, 1)}%`,
      measures: [
        { name: 'failures', observed: totals.failures, threshold: minFailures, comparator: '>=' },
        { name: 'z-score', observed: round(z, 1), threshold: zScore, comparator: '>=' },
        {
          name: 'failure ratio',
          observed: round(ratio, 4),
          threshold: round(ratioBar, 4),
          comparator: '>=',
        },
      ],
      counts: {
        attempts: totals.attempts,
        failures: totals.failures,
        expected: round(expected.count, 1),
      },
      topSources: topNetworks.top(10, wideText),
      topAccounts: topAccounts.top(10),
      point: totals.failures,
      subjects: { sources: [], targets: [], takenOver: [] },
    });
  }

  function evaluateDistributed(end: number): void {
    const { windowMinutes, minAccounts, minSources, zScore } = settings.distributedStuffing;
    const counts = windowCounts(end, windowMinutes);
    // Distinct failing accounts cannot outnumber failures, so neither their count nor their
    // z-score can pass where the failures' do not: most minutes stop here, before any sketch
    // is merged.
    if (counts.failures < minAccounts) return;
    const expected = baseline.expected(end - MINUTE_MS, windowMinutes);
    if ((counts.failures - expected.count) / expected.sigma < zScore) return;
    const totals = { ...counts, ...windowDistinct(end, windowMinutes) };
    const z = (totals.accounts - expected.count) / expected.sigma;
    const perSource = totals.sources > 0 ? totals.failures / totals.sources : 0;
    const perSourceBar = settings.sourceStuffing.ipAccounts;
    if (totals.accounts < minAccounts || totals.sources < minSources || z < zScore) return;
    if (perSource >= perSourceBar) return;
    activate(distributedKey, end);
    const measures: Measure[] = [
      {
        name: 'distinct accounts failing',
        observed: totals.accounts,
        threshold: minAccounts,
        comparator: '>=',
      },
      {
        name: 'distinct sources failing',
        observed: totals.sources,
        threshold: minSources,
        comparator: '>=',
      },
      { name: 'z-score', observed: round(z, 1), threshold: zScore, comparator: '>=' },
      {
        name: 'failures per source',
        observed: round(perSource, 2),
        threshold: perSourceBar,
        comparator: '<=',
      },
    ];
    bus.emit({
      detector: 'distributed_stuffing',
      key: distributedKey,
      stream,
      severity: severityOf(totals.accounts, { critical: 1000, high: 300, medium: 0 }),
      at: end,
      // The title counts the whole campaign so far; the reason and measures, this window.
      title: `Distributed credential stuffing from ${Math.max(campaign.sources, totals.sources)} sources in ${Math.max(Math.round(campaign.networks.estimate()), totals.networks)} /16 networks`,
      reason:
        `${totals.accounts} distinct accounts failed in ${windowMinutes} minutes where ` +
        `${round(expected.count, 1)} failures are usual (${describe(expected)}), spread over ` +
        `${totals.sources} sources averaging ${round(perSource, 2)} failures each, below the ` +
        `per-source threshold of ${perSourceBar}; busiest source: ${busiestSource} attempts`,
      measures,
      counts: {
        attempts: totals.attempts,
        failures: totals.failures,
        accounts: totals.accounts,
        sources: totals.sources,
        networks16: totals.networks,
      },
      topSources: topNetworks.top(10, wideText),
      topAccounts: topAccounts.top(10),
      point: totals.accounts,
      subjects: { sources: [], targets: [], takenOver: [] },
    });
  }

  function track({ event, account, accountHash, wideKey }: LoginFacts, source: SourceRecord): void {
    // Every failed account joins the alert, repeats and all: a stuffing list tries nearly each
    // account once, so a set to skip repeats would cost a lookup per login and save nothing,
    // and the alert store keeps each subject once anyway.
    if (account !== null) bus.addSubject(activeKey!, 'targets', account);
    // After two quiet hours a source's count starts again: two customers behind one carrier
    // address, failing hours apart, do not make it a participant.
    if (event.time - source.campaignLast > CAMPAIGN_MEMORY_MS) source.campaignAccounts = 0;
    if (source.campaignAccounts === 0 || accountHash !== source.campaignLastAccount) {
      source.campaignAccounts++;
      source.campaignLastAccount = accountHash;
    }
    source.campaignLast = event.time;
    // One failed account is what a customer's typo looks like; two from one source is not.
    if (!source.campaignReported && source.campaignAccounts >= 2) {
      source.campaignReported = true;
      campaign.sources++;
      campaign.networks.add(networkHash(wideKey));
      bus.addSubject(activeKey!, 'sources', event.ip);
    }
  }

  return {
    baseline,
    /** Minutes of history the ring keeps: the most an event may lag and still count. */
    spanMinutes: span,
    /** `source` is the address's record, which every failure has. */
    onLogin(facts: LoginFacts, source: SourceRecord | null): void {
      const { event, account, accountHash } = facts;
      const minute = slot(event.time);
      minute.attempts++;
      hour.attempts++;
      if (event.outcome === 'success') return;
      minute.failures++;
      hour.failures++;
      if (account !== null) minute.accounts.add(accountHash);
      minute.sources.add(facts.ipHash);
      minute.networks.add(networkHash(facts.wideKey));
      topNetworks.add(facts.wideKey);
      // An account seen failing once is no top account; skipping those spares the top-k a
      // churn of evictions through every account a stuffing list tries once.
      if (account !== null && facts.accountFailures >= 2) topAccounts.add(account);
      if (source === null) return;
      if (source.attempts > busiestSource) busiestSource = source.attempts;
      if (activeKey !== null && activeUntil >= event.time) track(facts, source);
    },
    /** Runs the minute-close evaluations for the minute that ends at `end`. */
    onMinuteClosed(end: number): void {
      closeHour(end - (end % HOUR_MS));
      evaluateSpike(end);
      evaluateDistributed(end);
      if (end % (10 * MINUTE_MS) === 0) busiestSource = 0;
    },
    /** True while a distributed stuffing campaign is open on this stream. */
    campaignActive(time: number): boolean {
      return activeKey === distributedKey && activeUntil >= time;
    },
    /** A source that failed on several accounts during an open attack. */
    tookPart(source: SourceRecord, time: number): boolean {
      return source.campaignLast >= time - CAMPAIGN_MEMORY_MS && source.campaignAccounts >= 3;
    },
  };
}

function describe(expected: Expectation): string {
  if (expected.basis === 'none') return 'no baseline yet';
  return `${expected.basis} baseline over ${expected.samples} samples`;
}
