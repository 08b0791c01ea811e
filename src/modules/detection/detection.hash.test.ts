import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hash32, mix32 } from './detection.hash.js';

/** Textbook byte-wise murmur3 x86_32, as the oracle for the code-unit version. */
function murmur3Bytes(bytes: Uint8Array, seed: number): number {
  let h = seed | 0;
  const blocks = bytes.length >>> 2;
  const mixK = (k: number) => {
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    return Math.imul(k, 0x1b873593);
  };
  for (let b = 0; b < blocks; b++) {
    const o = b * 4;
    const k = bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24);
    h ^= mixK(k);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = blocks * 4;
  let k = 0;
  const rest = bytes.length & 3;
  if (rest >= 3) k ^= bytes[tail + 2]! << 16;
  if (rest >= 2) k ^= bytes[tail + 1]! << 8;
  if (rest >= 1) {
    k ^= bytes[tail]!;
    h ^= mixK(k);
  }
  h ^= bytes.length;
  return mix32(h);
}

describe('murmur3 oracle', () => {
  it.each([
    ['', 0, 0],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['test', 0, 0xba6bd213],
    ['Hello, world!', 0, 0xc0363e43],
    ['Hello, world!', 0x9747b28c, 0x24884cba],
    ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
  ])('murmur3(%j, %i) matches the published vector', (text, seed, expected) => {
    expect(murmur3Bytes(Buffer.from(text, 'latin1'), seed)).toBe(expected);
  });
});

describe('hash32', () => {
  it('equals murmur3 over the UTF-16LE bytes, for any string and seed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer(), (text, seed) => {
        expect(hash32(text, seed)).toBe(murmur3Bytes(Buffer.from(text, 'utf16le'), seed));
      }),
      { numRuns: 2000 },
    );
  });

  it('is deterministic and returns an unsigned 32-bit integer', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), (text, seed) => {
        const h = hash32(text, seed);
        expect(h).toBe(hash32(text, seed));
        expect(Number.isInteger(h) && h >= 0 && h <= 0xffffffff).toBe(true);
      }),
    );
    expect(hash32('203.0.113.7')).toBe(hash32('203.0.113.7', 0));
  });

  it('changes with the seed', () => {
    let same = 0;
    for (let i = 0; i < 1000; i++) if (hash32(`k${i}`, 1) === hash32(`k${i}`, 2)) same++;
    expect(same).toBeLessThan(2);
  });

  it('spreads sequential keys evenly over buckets (chi-square)', () => {
    const buckets = 256;
    const n = 256_000;
    // Both the low bits (table indexes) and the high bits (HLL registers) must be uniform.
    for (const take of [(h: number) => h & 0xff, (h: number) => h >>> 24]) {
      const counts = new Float64Array(buckets);
      for (let i = 0; i < n; i++) counts[take(hash32(`198.51.100.${i}`))]!++;
      const expected = n / buckets;
      let chi = 0;
      for (const c of counts) chi += ((c - expected) * (c - expected)) / expected;
      // 255 degrees of freedom: mean 255, sd ≈ 22.6; 360 is beyond p = 0.9999.
      expect(chi).toBeLessThan(360);
      expect(chi).toBeGreaterThan(160);
    }
  });

  it('avalanches: flipping one input bit flips about half the output bits', () => {
    let flipped = 0;
    let trials = 0;
    for (let i = 0; i < 2000; i++) {
      const base = `user-${i}`;
      const other = String.fromCharCode(base.charCodeAt(0) ^ (1 << (i % 7))) + base.slice(1);
      let diff = hash32(base) ^ hash32(other);
      while (diff !== 0) {
        flipped += diff & 1;
        diff >>>= 1;
      }
      trials++;
    }
    expect(flipped / trials).toBeGreaterThan(15);
    expect(flipped / trials).toBeLessThan(17);
  });
});

describe('mix32', () => {
  it('is a bijection on a sample (no collisions among 100,000 inputs)', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(mix32(i * 2654435761));
    expect(seen.size).toBe(100_000);
  });
});
