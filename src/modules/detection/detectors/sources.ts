import { DistinctCounter } from '../detection.hll.js';
import { NumberIndex } from '../detection.number-index.js';
import type { LoginFacts } from './facts.js';
import type { WindowClock } from '../detection.window.js';

/** How long a source that took part in an open attack is remembered after its last failure. */
export const CAMPAIGN_MEMORY_MS = 2 * 3_600_000;
const INITIAL_SLOTS = 1024;
/** Slots a full table looks at for an idle one before it grows (see SourceTable.evict). */
const EVICT_SCAN = 32;

/** A sliding view of one source, at one instant. */
export interface SourceView {
  attempts: number;
  failures: number;
  successes: number;
  unknown: number;
  distinctAccounts: number;
}

/**
 * Per-source counts over a sliding window, for one kind of source (an address, a network or a
 * user agent), in columns of typed arrays: one slot per source, found through an index from
 * its key. A million attacking addresses then cost about 130 bytes each (an object per
 * source cost three times that, and the garbage collector's time with it). Distinct accounts
 * are two inline fingerprints, spilling to a `DistinctCounter` only for busier sources.
 */
export class SourceTable {
  // Number keys (IPv4 addresses, networks) in a typed-array index, text keys (IPv6 addresses,
  // user agents) in a Map.
  private readonly numbers = new NumberIndex();
  private readonly names = new Map<string, number>();
  private capacity = 0;
  private evictCursor = 0;
  /** Each slot's key (every slot below the index's size is in use). */
  readonly keys: (string | number)[] = [];
  window = new Int32Array(0);
  counts = new Int32Array(0); // attempts, failures, successes, unknown per slot
  previous = new Int32Array(0); // the same for the previous window, and its distinct accounts
  accounts = new Int32Array(0); // first and second fingerprint, and how many (-1 = spilled)
  flaggedUntil = new Float64Array(0);
  campaignLast = new Float64Array(0);
  campaign = new Int32Array(0); // accounts changed between failures, last account, reported
  // The few slots with a spilled counter or an alert key hold a reference into a pool (0 for
  // none): four bytes a slot, read on every login without a Map lookup.
  spillRef = new Int32Array(0);
  alertRef = new Int32Array(0);
  private readonly counters = new RefPool<DistinctCounter>();
  readonly alertKeys = new RefPool<string>();
  private readonly cursor = new SourceRecord(this);

  /** `nameOf` gives a key's text for alerts: made only when asked, never per login. */
  constructor(
    private readonly clock: WindowClock,
    readonly nameOf: (key: string | number) => string,
  ) {}

  get size(): number {
    return this.numbers.size + this.names.size;
  }

  private slotOf(key: string | number): number {
    return typeof key === 'number' ? this.numbers.get(key) : (this.names.get(key) ?? -1);
  }

  /** The source's record, or undefined; the record is this table's one cursor (see SourceRecord). */
  get(key: string | number): SourceRecord | undefined {
    const slot = this.slotOf(key);
    return slot < 0 ? undefined : this.cursor.at(slot);
  }

  /**
   * Counts one login; `newAccount` on the record says whether its account was new here.
   * A source enters the table with its first failure: one that has only ever logged in is an
   * ordinary customer, and most logins are those (a phone on a new carrier address each
   * visit), so a success from a source not in the table is not counted and gives null.
   */
  record(key: string | number, facts: LoginFacts): SourceRecord | null {
    const event = facts.event;
    const window = this.clock.index(event.time);
    let slot = this.slotOf(key);
    if (slot < 0) {
      if (event.outcome === 'success') return null;
      slot = this.allocate(key, window, event.time);
      this.window[slot] = window;
    }
    this.roll(slot, window);
    const c = slot * 4;
    this.counts[c]!++;
    if (event.outcome === 'success') this.counts[c + 2]!++;
    else {
      this.counts[c + 1]!++;
      if (event.outcome === 'unknown_account') this.counts[c + 3]!++;
    }
    const cursor = this.cursor.at(slot);
    cursor.newAccount = event.account !== null && this.addAccount(slot, facts.accountHash | 0);
    return cursor;
  }

  view(record: SourceRecord, time: number): SourceView {
    const slot = record.slot;
    const w = this.previousWeight(slot, time);
    const c = slot * 4;
    const p = slot * 5;
    return {
      attempts: this.counts[c]! + this.previous[p]! * w,
      failures: this.counts[c + 1]! + this.previous[p + 1]! * w,
      successes: this.counts[c + 2]! + this.previous[p + 2]! * w,
      unknown: this.counts[c + 3]! + this.previous[p + 3]! * w,
      distinctAccounts: this.distinctAccounts(record, time),
    };
  }

  /** Successes over attempts in the sliding window, without touching the account counter. */
  successRatio(record: SourceRecord, time: number): number {
    const slot = record.slot;
    const w = this.previousWeight(slot, time);
    const attempts = this.counts[slot * 4]! + this.previous[slot * 5]! * w;
    const successes = this.counts[slot * 4 + 2]! + this.previous[slot * 5 + 2]! * w;
    return attempts > 0 ? successes / attempts : 0;
  }

  /** Distinct accounts in the sliding window, without building the whole view. */
  distinctAccounts(record: SourceRecord, time: number): number {
    const slot = record.slot;
    return this.distinct(slot) + this.previous[slot * 5 + 4]! * this.previousWeight(slot, time);
  }

  /** How much of the slot's previous window still lies inside the sliding window at `time`. */
  private previousWeight(slot: number, time: number): number {
    return this.window[slot] === this.clock.index(time) ? this.clock.previousWeight(time) : 0;
  }

  distinct(slot: number): number {
    const n = this.accounts[slot * 3 + 2]!;
    return n >= 0 ? n : this.counters.get(this.spillRef[slot]!).count();
  }

  private addAccount(slot: number, hash: number): boolean {
    const a = slot * 3;
    const n = this.accounts[a + 2]!;
    if (n < 0) return this.counters.get(this.spillRef[slot]!).add(hash);
    if ((n > 0 && this.accounts[a] === hash) || (n > 1 && this.accounts[a + 1] === hash))
      return false;
    if (n < 2) {
      this.accounts[a + n] = hash;
      this.accounts[a + 2] = n + 1;
      return true;
    }
    const counter = new DistinctCounter();
    counter.add(this.accounts[a]!);
    counter.add(this.accounts[a + 1]!);
    counter.add(hash);
    this.spillRef[slot] = this.counters.put(counter);
    this.accounts[a + 2] = -1;
    return true;
  }

  private roll(slot: number, window: number): void {
    const current = this.window[slot]!;
    // A slightly late event counts in the current window rather than resetting it.
    if (window <= current) return;
    const adjacent = window === current + 1;
    const c = slot * 4;
    const p = slot * 5;
    for (let i = 0; i < 4; i++) {
      this.previous[p + i] = adjacent ? this.counts[c + i]! : 0;
      this.counts[c + i] = 0;
    }
    this.previous[p + 4] = adjacent ? this.distinct(slot) : 0;
    this.accounts[slot * 3 + 2] = 0;
    this.counters.release(this.spillRef[slot]!);
    this.spillRef[slot] = 0;
    this.window[slot] = window;
  }

  private allocate(key: string | number, window: number, time: number): number {
    let slot = this.size;
    if (slot >= this.capacity) {
      const reclaimed = this.evict(window, time);
      if (reclaimed >= 0) slot = reclaimed;
      else this.grow();
    }
    if (typeof key === 'number') this.numbers.set(key, slot);
    else this.names.set(key, slot);
    this.keys[slot] = key;
    this.spillRef[slot] = this.alertRef[slot] = 0;
    for (let i = 0; i < 4; i++) this.counts[slot * 4 + i] = 0;
    for (let i = 0; i < 5; i++) this.previous[slot * 5 + i] = 0;
    for (let i = 0; i < 3; i++) this.accounts[slot * 3 + i] = this.campaign[slot * 3 + i] = 0;
    this.flaggedUntil[slot] = 0;
    this.campaignLast[slot] = 0;
    return slot;
  }

  private grow(): void {
    const capacity = Math.max(INITIAL_SLOTS, this.capacity * 2);
    const widen = <T extends Int32Array | Float64Array>(old: T, per: number): T => {
      const next = new (old.constructor as new (n: number) => T)(capacity * per);
      next.set(old);
      return next;
    };
    this.window = widen(this.window, 1);
    this.counts = widen(this.counts, 4);
    this.previous = widen(this.previous, 5);
    this.accounts = widen(this.accounts, 3);
    this.flaggedUntil = widen(this.flaggedUntil, 1);
    this.campaignLast = widen(this.campaignLast, 1);
    this.campaign = widen(this.campaign, 3);
    this.spillRef = widen(this.spillRef, 1);
    this.alertRef = widen(this.alertRef, 1);
    this.capacity = capacity;
  }

  /**
   * Reclaims the slot of a source idle for two windows, unless it is still flagged or taking
   * part in an open attack; -1 when the next EVICT_SCAN slots are all in use. A CLOCK-style
   * scan, run only when the table is full: idle sources keep their slot (and a returning
   * customer finds it again) until a new source needs one, so the table grows only while
   * nearly all its sources are live, and memory follows the busiest window.
   */
  private evict(window: number, time: number): number {
    const keys = this.keys;
    for (let step = 0; step < Math.min(EVICT_SCAN, keys.length); step++) {
      if (this.evictCursor >= keys.length) this.evictCursor = 0;
      const slot = this.evictCursor++;
      if (
        this.window[slot]! >= window - 1 ||
        this.flaggedUntil[slot]! >= time ||
        this.campaignLast[slot]! >= time - CAMPAIGN_MEMORY_MS
      )
        continue;
      const old = keys[slot]!;
      if (typeof old === 'number') this.numbers.delete(old);
      else this.names.delete(old);
      this.counters.release(this.spillRef[slot]!);
      this.alertKeys.release(this.alertRef[slot]!);
      return slot;
    }
    return -1;
  }
}

/**
 * One source of a SourceTable, read and written through its columns. Each table has a single
 * record object, moved to a slot by every lookup: a record is valid until the next lookup in
 * the same table, which is all a detector needs while it handles one event.
 */
export class SourceRecord {
  slot = 0;
  newAccount = false;

  constructor(private readonly table: SourceTable) {}

  at(slot: number): this {
    this.slot = slot;
    return this;
  }

  /** How alerts name the source: its address, network or user agent. */
  get label(): string {
    return this.table.nameOf(this.table.keys[this.slot]!);
  }
  get attempts(): number {
    return this.table.counts[this.slot * 4]!;
  }
  get flaggedUntil(): number {
    return this.table.flaggedUntil[this.slot]!;
  }
  set flaggedUntil(value: number) {
    this.table.flaggedUntil[this.slot] = value;
  }
  get alertKey(): string | null {
    const ref = this.table.alertRef[this.slot]!;
    return ref === 0 ? null : this.table.alertKeys.get(ref);
  }
  set alertKey(value: string) {
    const ref = this.table.alertRef[this.slot]!;
    if (ref !== 0) this.table.alertKeys.set(ref, value);
    else this.table.alertRef[this.slot] = this.table.alertKeys.put(value);
  }
  get campaignLast(): number {
    return this.table.campaignLast[this.slot]!;
  }
  set campaignLast(value: number) {
    this.table.campaignLast[this.slot] = value;
  }
  /**
   * Changes of account between its failures during an open attack: a lower bound on the
   * distinct accounts it failed on (exact while it alternates), in two numbers.
   */
  get campaignAccounts(): number {
    return this.table.campaign[this.slot * 3]!;
  }
  set campaignAccounts(value: number) {
    this.table.campaign[this.slot * 3] = value;
  }
  get campaignLastAccount(): number {
    return this.table.campaign[this.slot * 3 + 1]!;
  }
  set campaignLastAccount(value: number) {
    this.table.campaign[this.slot * 3 + 1] = value;
  }
  get campaignReported(): boolean {
    return this.table.campaign[this.slot * 3 + 2] === 1;
  }
  set campaignReported(value: boolean) {
    this.table.campaign[this.slot * 3 + 2] = value ? 1 : 0;
  }
}

/** Objects that a few slots hold, by a reference that fits an Int32Array (0 means none). */
class RefPool<T> {
  private readonly items: (T | null)[] = [null];
  private readonly free: number[] = [];

  put(item: T): number {
    const ref = this.free.pop() ?? this.items.length;
    this.items[ref] = item;
    return ref;
  }

  get(ref: number): T {
    return this.items[ref]!;
  }

  set(ref: number, item: T): void {
    this.items[ref] = item;
  }

  release(ref: number): void {
    if (ref === 0) return;
    this.items[ref] = null;
    this.free.push(ref);
  }
}
