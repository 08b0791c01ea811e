import { mix32 } from './detection.hash.js';

const MAX_COUNT = 0xffffffff;
const TWO_POW_MINUS_32 = 1 / 4294967296;
// Keeps hash * width below 2^53, so the multiply-shift range reduction (the top bits of
// hash * width / 2^32 pick the column, no modulo) stays exact and fits `| 0`.
const MAX_WIDTH = 1 << 21;

/**
 * Count-min sketch (Cormode and Muthukrishnan) with conservative update: an add raises only
 * the counters that sit at the current minimum, which keeps the one-sided guarantee (never
 * below the true count) while cutting the over-count of light keys sharing a cell with heavy
 * ones. With N the total added, estimates exceed the truth by at most (e / width) · N with
 * probability at least 1 - e^-depth.
 */
export class CountMinSketch {
  readonly width: number;
  readonly depth: number;
  readonly table: Uint32Array;
  private readonly cells: Uint32Array;
  private total = 0;

  constructor(width = 65536, depth = 4) {
    if (!Number.isInteger(width) || width < 1 || width > MAX_WIDTH) {
      throw new RangeError(`CountMinSketch width must be an integer in 1..${MAX_WIDTH}`);
    }
    if (!Number.isInteger(depth) || depth < 1 || depth > 32) {
      throw new RangeError('CountMinSketch depth must be an integer in 1..32');
    }
    this.width = width;
    this.depth = depth;
    this.table = new Uint32Array(width * depth);
    // Scratch for the cell indexes of the current add, so add() allocates nothing.
    this.cells = new Uint32Array(depth);
  }

  /** Adds `count` (a non-negative integer) for the key and returns its new estimate. */
  add(hash: number, count = 1): number {
    const table = this.table;
    const cells = this.cells;
    const width = this.width;
    const depth = this.depth;
    // Kirsch–Mitzenmacher double hashing: h1 + i·h2 behaves like independent row hashes.
    // h2 is forced odd so the row sequence cannot collapse onto a few values.
    let g = hash >>> 0;
    const h2 = mix32(hash ^ 0x9e3779b9) | 1;
    let min = MAX_COUNT;
    for (let row = 0, base = 0; row < depth; row++, base += width) {
      const cell = base + ((g * width * TWO_POW_MINUS_32) | 0);
      cells[row] = cell;
      const value = table[cell]!;
      if (value < min) min = value;
      g = (g + h2) >>> 0;
    }
    const next = Math.min(min + count, MAX_COUNT);
    for (let row = 0; row < depth; row++) {
      const cell = cells[row]!;
      if (table[cell]! < next) table[cell] = next;
    }
    this.total += count;
    return next;
  }

  /** Upper bound on the key's count; exact unless other keys share all its cells. */
  estimate(hash: number): number {
    const table = this.table;
    const width = this.width;
    let g = hash >>> 0;
    const h2 = mix32(hash ^ 0x9e3779b9) | 1;
    let min = MAX_COUNT;
    for (let row = 0, base = 0; row < this.depth; row++, base += width) {
      const value = table[base + ((g * width * TWO_POW_MINUS_32) | 0)]!;
      if (value < min) min = value;
      g = (g + h2) >>> 0;
    }
    return min;
  }

  /** Sum of all counts added since the last clear: the N in the error bound. */
  totalCount(): number {
    return this.total;
  }

  clear(): void {
    this.table.fill(0);
    this.total = 0;
  }
}
