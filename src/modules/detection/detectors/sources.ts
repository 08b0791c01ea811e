import { DistinctCounter } from '../detection.hll.js';
import type { LoginEvent } from '../detection.events.js';
import type { WindowClock } from '../detection.window.js';

/**
 * Per-source counts over a sliding window, for one kind of source (an address, a network or a
 * user agent). The fields are plain numbers on one small object per source: a million
 * attacking addresses must fit in a few hundred megabytes, and a Map of objects with small
 * integer fields is the most compact shape V8 offers without a hand-made hash table.
 */
/** How long a source that took part in an open attack is remembered after its last failure. */
export const CAMPAIGN_MEMORY_MS = 2 * 3_600_000;

export class SourceRecord {
  window = -1;
  attempts = 0;
  failures = 0;
  successes = 0;
  unknown = 0;
  prevAttempts = 0;
  prevFailures = 0;
  prevSuccesses = 0;
  prevUnknown = 0;
  prevDistinct = 0;
  accounts: DistinctCounter | null = null;
  /** Until when (event time) this source counts as an attacker, for takeover signals. */
  flaggedUntil = 0;
  /** The alert key it was flagged under, which its later attempts are added to. */
  alertKey: string | null = null;
  /**
   * Accounts it failed on while a stream-wide attack was open, and when it last did: the
   * attack's participants, remembered longer than the window (they are slow on purpose).
   */
  campaignLast = 0;
  /**
   * Changes of account between its failures: a lower bound on the distinct accounts it
   * failed on (exact while it alternates), in two numbers instead of a counter object.
   */
  campaignAccounts = 0;
  campaignLastAccount = 0;
  campaignReported = false;

  constructor(readonly label: string) {}

  roll(window: number): void {
    // A slightly late event counts in the current window rather than resetting it.
    if (window <= this.window) return;
    const adjacent = window === this.window + 1;
    this.prevAttempts = adjacent ? this.attempts : 0;
    this.prevFailures = adjacent ? this.failures : 0;
    this.prevSuccesses = adjacent ? this.successes : 0;
    this.prevUnknown = adjacent ? this.unknown : 0;
    this.prevDistinct = adjacent ? (this.accounts?.count() ?? 0) : 0;
    this.attempts = this.failures = this.successes = this.unknown = 0;
    this.accounts = null;
    this.window = window;
  }
}

/** A sliding view of one record, at one instant. */
export interface SourceView {
  attempts: number;
  failures: number;
  successes: number;
  unknown: number;
  distinctAccounts: number;
}

export class SourceTable {
  private readonly records = new Map<string, SourceRecord>();
  private sweptWindow = -1;

  constructor(private readonly clock: WindowClock) {}

  get size(): number {
    return this.records.size;
  }

  get(key: string): SourceRecord | undefined {
    return this.records.get(key);
  }

  /** Counts one login; returns the record and whether the account was new to it. */
  record(
    key: string,
    event: LoginEvent,
    accountHash: number,
  ): { record: SourceRecord; newAccount: boolean } {
    const window = this.clock.index(event.time);
    if (window > this.sweptWindow + 1) this.sweep(window);
    let record = this.records.get(key);
    if (!record) {
      record = new SourceRecord(key);
      this.records.set(key, record);
    }
    record.roll(window);
    record.attempts++;
    let newAccount = false;
    if (event.outcome === 'success') record.successes++;
    else {
      record.failures++;
      if (event.outcome === 'unknown_account') record.unknown++;
    }
    if (event.account !== null) {
      record.accounts ??= new DistinctCounter();
      newAccount = record.accounts.add(accountHash);
    }
    return { record, newAccount };
  }

  view(record: SourceRecord, time: number): SourceView {
    const w = record.window === this.clock.index(time) ? this.clock.previousWeight(time) : 0;
    return {
      attempts: record.attempts + record.prevAttempts * w,
      failures: record.failures + record.prevFailures * w,
      successes: record.successes + record.prevSuccesses * w,
      unknown: record.unknown + record.prevUnknown * w,
      distinctAccounts: (record.accounts?.count() ?? 0) + record.prevDistinct * w,
    };
  }

  /**
   * Drops sources idle for two windows, unless still flagged or taking part in an open attack,
   * so memory follows the window.
   */
  private sweep(window: number): void {
    this.sweptWindow = window - 1;
    const now = window * this.clock.lengthMs;
    for (const [key, record] of this.records)
      if (
        record.window < window - 1 &&
        record.flaggedUntil < now &&
        record.campaignLast < now - CAMPAIGN_MEMORY_MS
      )
        this.records.delete(key);
  }
}
