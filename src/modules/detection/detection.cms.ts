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
  /**
   * The cells raised from zero since the last clear, while they are few: a window of a quiet
   * hour touches a few hundred of the table's half a million cells, and clearing just those
   * spares a full memset every window. Past the log's length a clear fills the whole table.
   */
  private readonly touched: Uint32Array;
  private touchedCount = 0;
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
    this.touched = new Uint32Array(Math.max(16, (width * depth) >>> 5));
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
      const value = table[cell]!;
      if (value >= next) continue;
      if (value === 0 && this.touchedCount < this.touched.length)
        this.touched[this.touchedCount++] = cell;
      else if (value === 0) this.touchedCount = this.touched.length + 1;
      table[cell] = next;
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
      // A zero cell is the minimum: most keys asked about (an account logging in) never
      // failed, and their first row already says so.
      if (value === 0) return 0;
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
    if (this.touchedCount <= this.touched.length)
      for (let i = 0; i < this.touchedCount; i++) this.table[this.touched[i]!] = 0;
    else this.table.fill(0);
    this.touchedCount = 0;
    this.total = 0;
  }
}
