/**
 * Seeded randomness for the traffic simulator. xoshiro128** is small, fast in 32-bit integer
 * arithmetic (which is what JavaScript does well) and passes BigCrush; Math.random cannot be
 * seeded, and a benchmark or a test that cannot be replayed cannot be trusted.
 */

import { mix32 } from '../detection.hash.js';

/** Hash of a small tuple of integers; used where a value must not depend on draw order. */
export function hashInts(a: number, b = 0, c = 0): number {
  return mix32(mix32(mix32(a ^ 0x9e3779b9) ^ b) + Math.imul(c, 0x27d4eb2d));
}

/** A string's 32-bit hash (FNV-1a then mixed), for deriving stream seeds from labels. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

const HEX_CODES = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));
const idCodes = new Array<number>(32);

/**
 * A stable 32-hex-character stand-in for the keyed account hash. It depends only on the
 * namespace and number, so customer n has the same id in every scenario and seed, and other
 * modules can name the taken-over accounts without running the simulator. Building it from
 * char codes in one call is ten times faster than joining toString(16) pieces.
 */
export function simulatedAccountId(namespace: number, index: number): string {
  let h = hashInts(namespace, index);
  for (let word = 0; word < 4; word++) {
    h = mix32(h + 0x6d2b79f5);
    for (let digit = 0; digit < 8; digit++) {
      idCodes[word * 8 + digit] = HEX_CODES[(h >>> (28 - 4 * digit)) & 15]!;
    }
  }
  return String.fromCharCode(...idCodes);
}

export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    // splitmix32 spreads one seed over the four words; an all-zero state would be stuck.
    let x = seed | 0;
    const next = () => {
      x = (x + 0x9e3779b9) | 0;
      return mix32(x);
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next() | 1;
  }

  /** An independent stream named by `label`, so adding draws to one generator leaves others be. */
  fork(label: string): Random {
    return new Random(hashText(label) ^ this.uint32());
  }

  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks an index with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const weight of weights) total += weight;
    let target = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i]!;
      if (target < 0) return i;
    }
    return weights.length - 1;
  }

  /** Exponential with the given mean (the gap between events of a Poisson process). */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * spare;
    }
    const u = 1 - this.next();
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return mean + sd * radius * Math.cos(2 * Math.PI * v);
  }

  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 60) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count++;
      product *= this.next();
    }
    return count;
  }

  /**
   * Zipf–Mandelbrot rank in [0, n): rank r has weight (r + offset)^-exponent. The offset keeps
   * the busiest customers plausible (a few logins a day, not thousands); inverting the
   * continuous CDF makes a draw O(1) however large n is.
   */
  zipf(n: number, exponent: number, offset = 1): number {
    const u = this.next();
    let x: number;
    if (Math.abs(exponent - 1) < 1e-9) {
      x = offset * Math.exp(u * Math.log((n + offset) / offset)) - offset;
    } else {
      const a = 1 - exponent;
      const low = Math.pow(offset, a);
      x = Math.pow(low + u * (Math.pow(n + offset, a) - low), 1 / a) - offset;
    }
    return Math.min(n - 1, Math.max(0, Math.floor(x)));
  }

  shuffle<T extends { length: number; [index: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const held = items[i];
      items[i] = items[j];
      items[j] = held;
    }
    return items;
  }

  /** `count` distinct integers from [0, n), in random order (partial Fisher–Yates). */
  sample(n: number, count: number): Int32Array {
    if (count > n) throw new RangeError(`cannot sample ${count} distinct values from ${n}`);
    const pool = new Int32Array(n);
    for (let i = 0; i < n; i++) pool[i] = i;
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(this.next() * (n - i));
      const held = pool[i]!;
      pool[i] = pool[j]!;
      pool[j] = held;
    }
    return pool.slice(0, count);
  }
}

function rotl(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/**
 * Splits `total` into integer parts proportional to `weights` that sum to exactly `total`
 * (largest remainder), so a scenario's headline counts hold exactly rather than on average.
 */
export function apportion(total: number, weights: ArrayLike<number>): Int32Array {
  const parts = new Int32Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i]!;
  if (sum <= 0 || weights.length === 0) return parts;
  const remainders: number[] = [];
  let assigned = 0;
  for (let i = 0; i < weights.length; i++) {
    const exact = (total * weights[i]!) / sum;
    parts[i] = Math.floor(exact);
    assigned += parts[i]!;
    remainders.push(exact - parts[i]!);
  }
  const order = remainders
    .map((_, i) => i)
    .sort((a, b) => remainders[b]! - remainders[a]! || a - b);
  for (let k = 0; k < total - assigned; k++) parts[order[k % order.length]!]!++;
  return parts;
}
