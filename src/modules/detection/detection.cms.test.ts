import { describe, expect, it } from 'vitest';
import { hash32, mix32 } from './detection.hash.js';
import { CountMinSketch } from './detection.cms.js';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Key indexes drawn from a Zipf(s) law over `keys` keys, deterministically. */
function zipfStream(keys: number, s: number, length: number, seed: number): Uint32Array {
  const cumulative = new Float64Array(keys);
  let sum = 0;
  for (let k = 0; k < keys; k++) cumulative[k] = sum += 1 / Math.pow(k + 1, s);
  const random = mulberry32(seed);
  const out = new Uint32Array(length);
  for (let i = 0; i < length; i++) {
    const target = random() * sum;
    let lo = 0;
    let hi = keys - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo;
  }
  return out;
}

function run(width: number, depth: number, keys: number, length: number, seed: number) {
  const sketch = new CountMinSketch(width, depth);
  const hashes = Array.from({ length: keys }, (_, k) => hash32(`198.51.100.${k}/key`, seed));
  const truth = new Float64Array(keys);
  for (const k of zipfStream(keys, 1.1, length, seed)) {
    truth[k]!++;
    sketch.add(hashes[k]!);
  }
  return { sketch, hashes, truth };
}

describe('CountMinSketch', () => {
  it('is exact for a few keys in a wide sketch and add returns the new estimate', () => {
    const sketch = new CountMinSketch();
    expect(sketch.add(hash32('a'))).toBe(1);
    expect(sketch.add(hash32('a'), 4)).toBe(5);
    expect(sketch.add(hash32('b'))).toBe(1);
    expect(sketch.estimate(hash32('a'))).toBe(5);
    expect(sketch.estimate(hash32('c'))).toBe(0);
    expect(sketch.totalCount()).toBe(6);
    expect(sketch.table.length).toBe(65536 * 4);
  });

  for (const [width, depth] of [
    [272, 4],
    [1024, 5],
    [65536, 4],
  ] as const) {
    it(`never under-estimates and meets ε = e/w, δ = e^-d on a Zipf stream (w=${width}, d=${depth})`, () => {
      const keys = 20_000;
      const length = 300_000;
      const { sketch, hashes, truth } = run(width, depth, keys, length, width);
      const bound = (Math.E / width) * length;
      let over = 0;
      for (let k = 0; k < keys; k++) {
        const estimate = sketch.estimate(hashes[k]!);
        expect(estimate).toBeGreaterThanOrEqual(truth[k]!);
        if (estimate - truth[k]! > bound) over++;
      }
      // Keys are ranked by weight, so the first 100 are the heavy hitters.
      for (let k = 0; k < 100; k++) {
        expect(sketch.estimate(hashes[k]!) - truth[k]!, `key ${k}`).toBeLessThanOrEqual(bound);
      }
      expect(over / keys).toBeLessThanOrEqual(Math.exp(-depth));
    });
  }

  it('over-counts no more than a plain count-min sketch with the same cells', () => {
    const width = 512;
    const depth = 4;
    const sketch = new CountMinSketch(width, depth);
    const plain = new Uint32Array(width * depth);
    const cellsOf = (hash: number) => {
      const h2 = mix32(hash ^ 0x9e3779b9) | 1;
      return Array.from(
        { length: depth },
        (_, row) => row * width + Math.floor((((hash + row * h2) >>> 0) * width) / 2 ** 32),
      );
    };
    const keys = 5_000;
    const hashes = Array.from({ length: keys }, (_, k) => hash32(`k${k}`));
    for (const k of zipfStream(keys, 1.0, 100_000, 7)) {
      sketch.add(hashes[k]!);
      for (const cell of cellsOf(hashes[k]!)) plain[cell]!++;
    }
    let tighter = 0;
    for (const hash of hashes) {
      const plainEstimate = Math.min(...cellsOf(hash).map((cell) => plain[cell]!));
      expect(sketch.estimate(hash)).toBeLessThanOrEqual(plainEstimate);
      if (sketch.estimate(hash) < plainEstimate) tighter++;
    }
    expect(tighter).toBeGreaterThan(keys / 2);
  });

  it('saturates instead of wrapping around', () => {
    const sketch = new CountMinSketch(16, 2);
    sketch.add(1, 0xfffffff0);
    expect(sketch.add(1, 0x100)).toBe(0xffffffff);
    expect(sketch.estimate(1)).toBe(0xffffffff);
  });

  it('clear resets counts', () => {
    const sketch = new CountMinSketch(64, 3);
    sketch.add(hash32('x'), 10);
    sketch.clear();
    expect(sketch.estimate(hash32('x'))).toBe(0);
    expect(sketch.totalCount()).toBe(0);
  });

  it('clears every cell whether few or many were touched', () => {
    // 1024 cells log at most 32 touched ones: 5 keys clear cell by cell, 500 fill the table.
    for (const keys of [5, 500]) {
      const sketch = new CountMinSketch(256, 4);
      for (let round = 0; round < 3; round++) {
        for (let k = 0; k < keys; k++) sketch.add(hash32(`k${round}:${k}`), k + 1);
        sketch.clear();
        expect(sketch.table.every((cell) => cell === 0)).toBe(true);
      }
    }
  });

  it('rejects impossible shapes', () => {
    expect(() => new CountMinSketch(0)).toThrow(RangeError);
    expect(() => new CountMinSketch(1 << 22)).toThrow(RangeError);
    expect(() => new CountMinSketch(100, 0)).toThrow(RangeError);
    expect(() => new CountMinSketch(100.5)).toThrow(RangeError);
  });
});
