import type { DetectionSettings } from '../../contracts/detection.js';
import { SignalBus } from './detection.bus.js';
import type { ApiAccessEvent, DetectionEvent, LoginEvent } from './detection.events.js';
import { hash32 } from './detection.hash.js';
import type { Signal } from './detection.signals.js';
import { readAddress, type LoginFacts } from './detectors/facts.js';
import { createLoginStream, type LoginStreamDetectors } from './detectors/login-stream.js';
import { createVendorDetector } from './detectors/vendor.js';

const MINUTE_MS = 60_000;
/** The signal bus forgets keys not signalled for this long (per-source keys are many). */
const FORGET_MS = 2 * 3_600_000;

export interface EngineOptions {
  settings: DetectionSettings;
  /** The integration's declared data categories; undefined for an integration not known. */
  declaredCategories: (integrationId: string) => ReadonlySet<string> | undefined;
}

/** A closed hour of a series, from storage, to seed baselines after a restart. */
export interface HistoryHour {
  series: string;
  hourStart: number;
  attempts: number;
  failures: number;
  records: number;
}

interface StreamClock {
  watermark: number;
  minute: number;
}

/**
 * The detector core: a pure, in-memory, event-time state machine. It never reads a clock or
 * storage; time moves with the events of each stream, windows close when a stream's events
 * pass their end, and events more than a few minutes behind their stream are counted as late
 * and left out (they are still stored). Signals are collected until `drain`.
 */
export function createDetectionEngine({ settings, declaredCategories }: EngineOptions) {
  const bus = new SignalBus();
  const streams: Record<LoginEvent['stream'], LoginStreamDetectors> = {
    web: createLoginStream(settings, bus, 'web'),
    sshd: createLoginStream(settings, bus, 'sshd'),
  };
  const vendor = createVendorDetector(settings, bus, declaredCategories);
  const clocks = new Map<string, StreamClock>();
  const lateness = Math.min(5, streams.web.spanMinutes) * MINUTE_MS;
  const tickSpan = streams.web.spanMinutes + 1;
  const counters = { processed: 0, late: 0 };
  const facts: LoginFacts = {
    event: null!,
    account: null,
    accountHash: 0,
    ipHash: 0,
    ipKey: 0,
    networkKey: 0,
    wideKey: 0,
    accountFailures: 0,
  };

  /** Advances a stream's clock, closing the minutes it passes; false if the event is late. */
  function advance(stream: string, time: number, onMinuteClosed?: (end: number) => void): boolean {
    let clock = clocks.get(stream);
    if (!clock)
      clocks.set(stream, (clock = { watermark: time, minute: Math.floor(time / MINUTE_MS) }));
    if (time < clock.watermark - lateness) {
      counters.late++;
      return false;
    }
    if (time > clock.watermark) clock.watermark = time;
    const minute = Math.floor(time / MINUTE_MS);
    if (minute > clock.minute) {
      // The minutes after the last event are closed one by one, while the windows still hold
      // it; past the longest window they are all empty, so a long silence is one jump.
      const dense = Math.min(minute, clock.minute + tickSpan);
      if (onMinuteClosed) {
        for (let m = clock.minute + 1; m <= dense; m++) onMinuteClosed(m * MINUTE_MS);
        if (minute > dense) onMinuteClosed(minute * MINUTE_MS);
      }
      // Keys quiet for longer than an alert's quiet gap start a new alert anyway.
      if (Math.floor(minute / 10) > Math.floor(clock.minute / 10))
        bus.forgetBefore(stream, time - FORGET_MS);
      clock.minute = minute;
    }
    return true;
  }

  function onLogin(event: LoginEvent): void {
    const detectors = streams[event.stream];
    if (!advance(event.stream, event.time, detectors.onMinuteClosed)) return;
    // One facts object, refilled per login: detectors read it and keep none of it.
    facts.event = event;
    facts.account = event.account;
    facts.accountHash = event.account === null ? 0 : fingerprint(event.account);
    facts.accountFailures = 0;
    readAddress(facts, event.ip);
    detectors.onLogin(facts);
  }

  function onApiAccess(event: ApiAccessEvent): void {
    if (!advance(`api:${event.integrationId}`, event.time)) return;
    vendor.onApiAccess(event);
  }

  return {
    push(event: DetectionEvent): void {
      counters.processed++;
      if (event.kind === 'login') onLogin(event);
      else if (event.kind === 'api_access') onApiAccess(event);
    },
    drain(): Signal[] {
      return bus.drain();
    },
    seed(history: HistoryHour[]): void {
      for (const hour of history) {
        if (hour.series === 'login:web' || hour.series === 'login:sshd')
          streams[hour.series.slice(6) as LoginEvent['stream']].seedHour(hour);
        else if (hour.series.startsWith('api:'))
          vendor.seedHour(hour.series.slice(4), hour.hourStart, hour.records);
      }
    },
    stats: () => ({ ...counters, ...streams.web.stats() }),
  };
}

export type DetectionEngine = ReturnType<typeof createDetectionEngine>;

/**
 * A 32-bit fingerprint of an account. Stored accounts are already keyed hashes (32 hex
 * digits), so their first eight digits are as good as any hash of them and cost nothing to
 * read; anything else is hashed.
 */
function fingerprint(account: string): number {
  if (account.length !== 32) return hash32(account);
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const c = account.charCodeAt(i);
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (digit < 0) return hash32(account);
    value = (value << 4) | digit;
  }
  return value >>> 0;
}
