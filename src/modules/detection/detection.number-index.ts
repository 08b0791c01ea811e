import { mix32 } from './detection.hash.js';

const EMPTY = -1;
const TWO_POW_32 = 4294967296;
/** Grown before more than half full: linear probing stays about two probes a lookup. */
const MAX_LOAD = 0.5;

/**
 * A map from integer keys (any safe integer, such as an address or a network key) to slot
 * numbers, in two typed arrays with linear probing. It does what a Map<number, number> does
 * for the source tables, with no object per entry for the garbage collector to trace and no
 * call out of optimised code per lookup, which made the Map the costliest step per login.
 * Deletion shifts later entries of a probe run back (Knuth's algorithm R), so no tombstones
 * build up under the churn of sources coming and going.
 */
export class NumberIndex {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    const slots = 2 ** Math.ceil(Math.log2(Math.max(16, capacity)));
    this.keys = new Float64Array(slots);
    this.values = new Int32Array(slots).fill(EMPTY);
    this.mask = slots - 1;
  }

  /** The key's value, or -1 when it has none. */
  get(key: number): number {
    const keys = this.keys;
    const values = this.values;
    for (let i = this.home(key); ; i = (i + 1) & this.mask) {
      const value = values[i]!;
      if (value === EMPTY || keys[i] === key) return value;
    }
  }

  /** Sets the key's value (a non-negative int32). */
  set(key: number, value: number): void {
    const keys = this.keys;
    const values = this.values;
    let i = this.home(key);
    while (values[i] !== EMPTY && keys[i] !== key) i = (i + 1) & this.mask;
    if (values[i] === EMPTY) {
      if (this.size + 1 > MAX_LOAD * (this.mask + 1)) {
        this.grow();
        return this.set(key, value);
      }
      this.size++;
      keys[i] = key;
    }
    values[i] = value;
  }

  delete(key: number): boolean {
    const keys = this.keys;
    const values = this.values;
    const mask = this.mask;
    let hole = this.home(key);
    while (values[hole] !== EMPTY && keys[hole] !== key) hole = (hole + 1) & mask;
    if (values[hole] === EMPTY) return false;
    // Moves back every later entry of the run that the hole would otherwise cut off from
    // its home position.
    for (let i = (hole + 1) & mask; values[i] !== EMPTY; i = (i + 1) & mask) {
      const home = this.home(keys[i]!);
      const between = hole <= i ? hole < home && home <= i : hole < home || home <= i;
      if (between) continue;
      keys[hole] = keys[i]!;
      values[hole] = values[i]!;
      hole = i;
    }
    values[hole] = EMPTY;
    this.size--;
    return true;
  }

  private home(key: number): number {
    const high = Math.floor(key / TWO_POW_32) | 0;
    return mix32((key | 0) ^ Math.imul(high, 0x9e3779b1)) & this.mask;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    const slots = keys.length * 2;
    this.keys = new Float64Array(slots);
    this.values = new Int32Array(slots).fill(EMPTY);
    this.mask = slots - 1;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (values[i] !== EMPTY) this.set(keys[i]!, values[i]!);
  }
}
