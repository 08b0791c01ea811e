/**
 * HyperLogLog (Flajolet et al. 2007) over 32-bit hashes from detection.hash: the top p bits
 * pick a register, the rank is one more than the leading zeros of the remaining bits.
 */

const TWO_POW_32 = 4294967296;
// 2^-rank for every rank a 32-bit hash can produce (at most 29 with p >= 4).
const INVERSE_POWERS = Float64Array.from({ length: 33 }, (_, rank) => 2 ** -rank);

export class HyperLogLog {
  readonly precision: number;
  /** Read them, never write them: the estimate is cached until add, merge or clear. */
  readonly registers: Uint8Array;
  /** The same registers four at a time, made by the first merge (most sketches never merge). */
  private words: Uint32Array | null = null;
  /** The last estimate, until a register changes: detectors ask far more often than it moves. */
  private cached = -1;

  constructor(precision = 14) {
    if (!Number.isInteger(precision) || precision < 4 || precision > 16) {
      throw new RangeError(`HyperLogLog precision must be an integer in 4..16, got ${precision}`);
    }
    this.precision = precision;
    this.registers = new Uint8Array(1 << precision);
  }

  /** Returns true when the register changed, i.e. the estimate may have moved. */
  add(hash: number): boolean {
    const p = this.precision;
    const index = hash >>> (32 - p);
    // The sentinel bit just below the register bits caps the rank at 33 - p without a branch
    // when the remaining bits are all zero.
    const rank = Math.clz32((hash << p) | (1 << (p - 1))) + 1;
    if (rank > this.registers[index]!) {
      this.registers[index] = rank;
      this.cached = -1;
      return true;
    }
    return false;
  }

  estimate(): number {
    if (this.cached < 0) this.cached = this.compute();
    return this.cached;
  }

  private compute(): number {
    const registers = this.registers;
    const m = registers.length;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < m; i++) {
      const r = registers[i]!;
      sum += INVERSE_POWERS[r]!;
      if (r === 0) zeros++;
    }
    const raw = (alpha(m) * m * m) / sum;
    // Textbook switch at 2.5 m. Just above it the raw estimate runs ~2-3% high (what HLL++
    // corrects with empirical tables); detection thresholds tolerate that, the tests pin it.
    if (raw <= 2.5 * m && zeros > 0) return m * Math.log(m / zeros);
    // With 32-bit hashes, colliding hash values start to hide distinct items near 2^32.
    if (raw > TWO_POW_32 / 30) return -TWO_POW_32 * Math.log(1 - raw / TWO_POW_32);
    return raw;
  }

  /** Folds `other` into this sketch; afterwards it estimates the union of both inputs. */
  merge(other: HyperLogLog): this {
    if (other.precision !== this.precision) {
      throw new RangeError(
        `cannot merge HyperLogLog of precision ${other.precision} into ${this.precision}`,
      );
    }
    // Byte-wise max of four registers at once (SWAR). Ranks stay below 128, so in
    // (a | 0x80) - b no byte borrows from the next, and each byte's top bit says a >= b.
    const mine = (this.words ??= new Uint32Array(this.registers.buffer));
    const theirs = (other.words ??= new Uint32Array(other.registers.buffer));
    this.cached = -1;
    for (let i = 0; i < mine.length; i++) {
      const a = mine[i]!;
      const b = theirs[i]!;
      if (a === b) continue;
      const aWins = (((a | 0x80808080) - b) & 0x80808080) >>> 7;
      const mask = aWins * 0xff;
      mine[i] = (a & mask) | (b & ~mask);
    }
    return this;
  }

  clear(): void {
    this.registers.fill(0);
    this.cached = -1;
  }

  /** The relative standard error of estimate(), 1.04 / sqrt(m). */
  standardError(): number {
    return 1.04 / Math.sqrt(this.registers.length);
  }
}

function alpha(m: number): number {
  if (m === 16) return 0.673;
  if (m === 32) return 0.697;
  if (m === 64) return 0.709;
  return 0.7213 / (1 + 1.079 / m);
}

/** Values a DistinctCounter keeps exactly before it switches to a HyperLogLog. */
export const EXACT_LIMIT = 8;
const SPILL_SLOTS = EXACT_LIMIT - 3;

/**
 * Distinct count for keyed state with millions of keys, most of which see one to three values
 * (addresses per account, accounts per address). Fingerprints are kept exactly while there are
 * at most EXACT_LIMIT of them; past that the counter becomes an HLL.
 *
 * Memory layout is the point: the first three fingerprints live in fields, stored as int32 so
 * V8 keeps them as small integers inside the object instead of boxing each uint32 above 2^31
 * as a heap number. Only counters that grow past three allocate a side array, and only those
 * past EXACT_LIMIT allocate registers.
 */
export class DistinctCounter {
  // Precision in the high bits, exact count in the low four: one field instead of two.
  private state: number;
  private first = 0;
  private second = 0;
  private third = 0;
  private spill: number[] | HyperLogLog | null = null;

  constructor(precision = 8) {
    if (!Number.isInteger(precision) || precision < 4 || precision > 16) {
      throw new RangeError(
        `DistinctCounter precision must be an integer in 4..16, got ${precision}`,
      );
    }
    this.state = precision << 4;
  }

  /** Returns true when the value was new (for the HLL stage: when a register changed). */
  add(hash: number): boolean {
    const value = hash | 0;
    const spill = this.spill;
    if (spill instanceof HyperLogLog) return spill.add(value);
    const size = this.state & 15;
    if (size > 0 && this.first === value) return false;
    if (size > 1 && this.second === value) return false;
    if (size > 2 && this.third === value) return false;
    if (spill !== null) for (let i = 0; i < size - 3; i++) if (spill[i] === value) return false;
    if (size === 0) this.first = value;
    else if (size === 1) this.second = value;
    else if (size === 2) this.third = value;
    else if (size < EXACT_LIMIT) {
      // Sized once: growing by push() would reserve 17 slots.
      if (spill === null) this.spill = [value, 0, 0, 0, 0];
      else spill[size - 3] = value;
    } else {
      this.upgrade(value);
      return true;
    }
    this.state++;
    return true;
  }

  count(): number {
    const spill = this.spill;
    if (spill instanceof HyperLogLog) return Math.round(spill.estimate());
    return this.state & 15;
  }

  /** True once the counter has switched to the approximate HLL stage. */
  isApproximate(): boolean {
    return this.spill instanceof HyperLogLog;
  }

  /**
   * Approximate bytes on 64-bit V8 (measured with process.memoryUsage): the object header and
   * five fields, plus the side array, or the HLL with its typed array, buffer and registers.
   */
  bytes(): number {
    const spill = this.spill;
    let total = 24 + 5 * 8;
    if (spill instanceof HyperLogLog) total += 224 + spill.registers.length;
    else if (spill !== null) total += 32 + 16 + 8 * SPILL_SLOTS;
    return total;
  }

  private upgrade(value: number): void {
    const hll = new HyperLogLog(this.state >>> 4);
    hll.add(this.first);
    hll.add(this.second);
    hll.add(this.third);
    for (const v of this.spill as number[]) hll.add(v);
    hll.add(value);
    this.spill = hll;
  }
}
