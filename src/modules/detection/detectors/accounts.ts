import type { DetectionSettings } from '../../../contracts/detection.js';
import type { SignalBus } from '../detection.bus.js';
import { CountMinSketch } from '../detection.cms.js';
import type { LoginEvent } from '../detection.events.js';
import { addressText, type LoginFacts } from './facts.js';
import { DistinctCounter } from '../detection.hll.js';
import { severityOf } from '../detection.signals.js';
import { TopK } from '../detection.topk.js';
import { WindowClock } from '../detection.window.js';

/**
 * 2^17 counters a row: within a couple of failures of the truth for windows of 100,000
 * failures, and cheap to clear when a window rolls. A bigger flood only over-counts, which
 * creates watches (capped) but never hides an attack.
 */
const SKETCH_WIDTH = 1 << 17;
/** Exact watches kept at most; past it the sketch alone counts (alerts still fire). */
const MAX_WATCHES = 50_000;
const WATCH_FROM = 3;
/** Bits of the watched-account filter: 2^20 (128 KiB), small enough to stay in cache. */
const FILTER_BITS = 20;

/** An account under attack: its distinct and top sources, once the sketch says it is failing. */
class Watch {
  readonly sources = new DistinctCounter();
  // By address key, named when read: a watch keeps no strings of its own.
  readonly topSources = new TopK<number | string>(8);
  firstAt: number;
  lastAt: number;
  /** Failures since the watch began, exactly. */
  failures = 0;
  /** At most how many failures came before the watch began (see `bounded`). */
  before = 0;
  reportedMany = false;

  constructor(
    at: number,
    readonly hash: number,
  ) {
    this.firstAt = this.lastAt = at;
  }
}

/**
 * Brute force on one account, and takeover signals. Failures per account are counted in a
 * count-min sketch per window: hundreds of thousands of accounts fail now and then, and an
 * exact map of all of them is what an attack would use to exhaust memory. Only accounts the
 * sketch puts near the threshold get an exact watch (with their distinct sources).
 */
export function createAccountDetectors(
  settings: DetectionSettings,
  bus: SignalBus,
  stream: LoginEvent['stream'],
) {
  const clock = new WindowClock(settings.accountBruteForce.windowMinutes);
  let window = -1;
  let current = new CountMinSketch(SKETCH_WIDTH);
  let previous = new CountMinSketch(SKETCH_WIDTH);
  const watches = new Map<string, Watch>();
  // One bit per account hash with a watch (a Bloom filter of one hash): most failing accounts
  // have none, and the filter says so without a string lookup in the map.
  const watchedFilter = new Uint32Array(1 << (FILTER_BITS - 5));
  const filterBit = (hash: number) => hash >>> (32 - FILTER_BITS);
  const mayBeWatched = (hash: number) =>
    (watchedFilter[filterBit(hash) >>> 5]! & (1 << (filterBit(hash) & 31))) !== 0;
  const markWatched = (hash: number) => {
    watchedFilter[filterBit(hash) >>> 5]! |= 1 << (filterBit(hash) & 31);
  };
  const threshold = settings.accountBruteForce.failures;

  function roll(time: number): void {
    const next = clock.index(time);
    if (next <= window) return;
    // The sketch that falls out of the sliding window is cleared and reused as the new one.
    const stale = previous;
    previous = current;
    current = stale;
    current.clear();
    if (next !== window + 1) previous.clear();
    window = next;
    watchedFilter.fill(0);
    for (const [account, watch] of watches)
      if (watch.lastAt < time - 2 * clock.lengthMs) watches.delete(account);
      else markWatched(watch.hash);
  }

  const watchOf = (account: string, hash: number) =>
    mayBeWatched(hash) ? watches.get(account) : undefined;

  /** The sketch's error bound over the sliding window, e·N/width (holds with p ≥ 1 - e^-4). */
  function sketchError(time: number): number {
    const total = current.totalCount() + previous.totalCount() * clock.previousWeight(time);
    return Math.ceil((Math.E * total) / SKETCH_WIDTH);
  }

  /**
   * The account's failures in the window, as tightly as the state allows. The sketch's
   * estimate is never too low, but a flood (millions of failures a window) raises every
   * account's. A watched account's own count caps it: its failures since it was watched, plus
   * those that came before (WATCH_FROM - 1 when it was watched as soon as it could be; the
   * estimate then, less the error bound, when the cap had kept it waiting). An account the cap
   * left unwatched gets the estimate less the error bound.
   */
  function bounded(estimate: number, watch: Watch | undefined, time: number): number {
    if (watch) return Math.min(estimate, watch.before + watch.failures);
    if (estimate < threshold) return estimate;
    return Math.max(0, estimate - sketchError(time));
  }

  function onFailure(facts: LoginFacts, account: string): void {
    const { event, accountHash, ipHash } = facts;
    const sketched =
      current.add(accountHash) + previous.estimate(accountHash) * clock.previousWeight(event.time);
    let watch = watchOf(account, accountHash);
    // Watched from the third failure: a customer's typos rarely get there, and the sources of
    // an attack are counted from nearly its start.
    if (!watch && sketched >= WATCH_FROM && watches.size < MAX_WATCHES) {
      watch = new Watch(event.time, accountHash);
      watch.before = Math.max(WATCH_FROM - 1, Math.floor(sketched) - 1 - sketchError(event.time));
      watches.set(account, watch);
      markWatched(accountHash);
    }
    if (watch) {
      watch.failures++;
      watch.lastAt = event.time;
      watch.sources.add(ipHash);
      watch.topSources.add(facts.ipKey);
    }
    const estimate = bounded(sketched, watch, event.time);
    facts.accountFailures = estimate;
    if (estimate < threshold) return;
    const key = `account_brute_force:${stream}:${account}`;
    const sources = watch?.sources.count() ?? 1;
    const many = sources >= settings.accountBruteForce.manySources;
    // Throttled to one signal a minute, except the one that says it now comes from many sources.
    const escalates = many && watch !== undefined && !watch.reportedMany;
    if (!bus.due(key, event.time) && !escalates) return bus.addAttempt(key, event.ip, account);
    if (watch && many) watch.reportedMany = true;
    const failures = Math.round(estimate);
    bus.emit({
      detector: 'account_brute_force',
      key,
      stream,
      severity: many ? 'high' : severityOf(failures, { critical: Infinity, high: 100, medium: 0 }),
      at: event.time,
      title: many
        ? `Brute force on one account from ${sources} sources`
        : 'Brute force on one account',
      reason:
        `${failures} failed logins for one account in ${settings.accountBruteForce.windowMinutes} ` +
        `minutes (threshold ${threshold}) from ${sources} distinct sources`,
      measures: [
        { name: 'failures', observed: failures, threshold, comparator: '>=' },
        {
          name: 'distinct sources',
          observed: sources,
          threshold: settings.accountBruteForce.manySources,
          comparator: '>=',
        },
      ],
      counts: { failures, sources },
      topSources: watch?.topSources.top(10, addressText) ?? [{ value: event.ip, count: failures }],
      topAccounts: [{ value: account, count: failures }],
      point: failures,
      primary: { kind: 'account', value: account },
      subjects: { sources: [event.ip], targets: [account], takenOver: [] },
    });
  }

  return {
    onLogin(facts: LoginFacts): void {
      roll(facts.event.time);
      if (facts.account !== null && facts.event.outcome !== 'success')
        onFailure(facts, facts.account);
    },
    /** Failed logins this account had just before now (see `bounded`). */
    recentFailures(account: string, accountHash: number, time: number): number {
      roll(time);
      const sketched =
        current.estimate(accountHash) + previous.estimate(accountHash) * clock.previousWeight(time);
      return sketched === 0 ? 0 : bounded(sketched, watchOf(account, accountHash), time);
    },
    get watched(): number {
      return watches.size;
    },
  };
}
