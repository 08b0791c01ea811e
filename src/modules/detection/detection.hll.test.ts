import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hash32 } from './detection.hash.js';
import { DistinctCounter, EXACT_LIMIT, HyperLogLog } from './detection.hll.js';

const POWERS_OF_TEN = [10, 100, 1_000, 10_000, 100_000, 1_000_000];

describe('HyperLogLog', () => {
  // p = 12 is left out of the grid on purpose: 10,000 lies at 2.44 m, where the textbook raw
  // estimate is ~2.5% high (the region HLL++ corrects with empirical tables), which is about
  // 2 standard errors at m = 4096. The separate bias test below pins that region.
  it.each([4, 8, 10, 14, 16])(
    'estimates within 3 standard errors for 10..1,000,000 at p = %i',
    (precision) => {
      const hll = new HyperLogLog(precision);
      const bound = 3 * hll.standardError();
      let added = 0;
      for (const n of POWERS_OF_TEN) {
        for (; added < n; added++) hll.add(hash32(`account-${added}`, precision));
        const relative = Math.abs(hll.estimate() - n) / n;
        expect(relative, `n = ${n}`).toBeLessThanOrEqual(bound);
      }
    },
  );

  it('stays within 3 standard errors for several seeds at the default precision', () => {
    for (const seed of [11, 12, 13, 14]) {
      const hll = new HyperLogLog();
      let added = 0;
      for (const n of [50, 5_000, 25_000, 200_000, 700_000]) {
        for (; added < n; added++) hll.add(hash32(`203.0.113.${added}`, seed));
        expect(Math.abs(hll.estimate() - n) / n, `seed ${seed}, n = ${n}`).toBeLessThanOrEqual(
          3 * hll.standardError(),
        );
      }
    }
  });

  it('keeps the known raw-estimate bias just above 2.5 m under 4%', () => {
    const hll = new HyperLogLog(14);
    const m = 1 << 14;
    let added = 0;
    for (const t of [2.4, 2.6, 3, 3.5]) {
      const n = Math.round(t * m);
      for (; added < n; added++) hll.add(hash32(`u${added}`, 99));
      expect(Math.abs(hll.estimate() - n) / n, `n = ${n}`).toBeLessThan(0.04);
    }
  });

  it('is exact-ish for tiny sets and zero when empty', () => {
    const hll = new HyperLogLog(14);
    expect(hll.estimate()).toBe(0);
    for (let i = 0; i < 5; i++) hll.add(hash32(`x${i}`));
    expect(Math.round(hll.estimate())).toBe(5);
  });

  it('ignores repeated values', () => {
    const hll = new HyperLogLog(10);
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 500; i++) hll.add(hash32(`k${i}`));
    }
    expect(Math.abs(hll.estimate() - 500) / 500).toBeLessThan(3 * hll.standardError());
  });

  it('handles the extreme hashes (all-zero low bits give the capped rank)', () => {
    const hll = new HyperLogLog(4);
    expect(hll.add(0)).toBe(true);
    expect(hll.registers[0]).toBe(29);
    expect(hll.add(0xffffffff)).toBe(true);
    expect(hll.registers[15]).toBe(1);
    expect(hll.add(0xffffffff)).toBe(false);
  });

  it('merge equals the sketch of the union', () => {
    const a = new HyperLogLog(12);
    const b = new HyperLogLog(12);
    const union = new HyperLogLog(12);
    for (let i = 0; i < 30_000; i++) {
      const h = hash32(`v${i}`);
      if (i < 20_000) a.add(h);
      if (i >= 10_000) b.add(h);
      union.add(h);
    }
    a.merge(b);
    expect(a.registers).toEqual(union.registers);
    expect(a.estimate()).toBe(union.estimate());
    expect(Math.abs(a.estimate() - 30_000) / 30_000).toBeLessThan(3 * a.standardError());
  });

  it('merges to the register-wise maximum for any ranks', () => {
    const ranks = fc.uint8Array({ minLength: 16, maxLength: 16, max: 29 });
    fc.assert(
      fc.property(ranks, ranks, (left, right) => {
        const a = new HyperLogLog(4);
        const b = new HyperLogLog(4);
        a.registers.set(left);
        b.registers.set(right);
        a.merge(b);
        expect([...a.registers]).toEqual([...left].map((rank, i) => Math.max(rank, right[i]!)));
      }),
    );
  });

  it('refuses to merge different precisions and invalid precisions', () => {
    expect(() => new HyperLogLog(10).merge(new HyperLogLog(11))).toThrow(RangeError);
    expect(() => new HyperLogLog(3)).toThrow(RangeError);
    expect(() => new HyperLogLog(17)).toThrow(RangeError);
    expect(() => new HyperLogLog(8.5)).toThrow(RangeError);
  });

  it('clear empties it', () => {
    const hll = new HyperLogLog(6);
    for (let i = 0; i < 100; i++) hll.add(hash32(`${i}`));
    hll.clear();
    expect(hll.estimate()).toBe(0);
    expect(hll.registers.every((r) => r === 0)).toBe(true);
  });
});

describe('DistinctCounter', () => {
  it('counts exactly up to the inline limit, ignoring repeats', () => {
    const counter = new DistinctCounter();
    for (let i = 0; i < EXACT_LIMIT; i++) {
      expect(counter.add(hash32(`ip-${i}`))).toBe(true);
      expect(counter.add(hash32(`ip-${i}`))).toBe(false);
      expect(counter.add(hash32(`ip-0`))).toBe(false);
      expect(counter.count()).toBe(i + 1);
      expect(counter.isApproximate()).toBe(false);
    }
  });

  it('treats a hash and its int32 reading as the same fingerprint', () => {
    const counter = new DistinctCounter();
    counter.add(0xffffffff);
    expect(counter.add(-1)).toBe(false);
    expect(counter.count()).toBe(1);
  });

  it('is exact for colliding-looking values that differ only in high bits', () => {
    const counter = new DistinctCounter();
    for (let i = 0; i < EXACT_LIMIT; i++) counter.add((i << 28) >>> 0);
    expect(counter.count()).toBe(EXACT_LIMIT);
  });

  it('switches to an HLL past the limit and stays within 3 standard errors', () => {
    const counter = new DistinctCounter();
    const se = new HyperLogLog(8).standardError();
    let added = 0;
    for (const n of [EXACT_LIMIT + 1, 20, 100, 1_000, 10_000, 100_000]) {
      for (; added < n; added++) counter.add(hash32(`acct-${added}`, 5));
      expect(counter.isApproximate()).toBe(true);
      expect(Math.abs(counter.count() - n), `n = ${n}`).toBeLessThanOrEqual(
        Math.max(1, 3 * se * n),
      );
    }
  });

  it('honours a custom precision', () => {
    const counter = new DistinctCounter(12);
    for (let i = 0; i < 50_000; i++) counter.add(hash32(`k${i}`));
    expect(Math.abs(counter.count() - 50_000) / 50_000).toBeLessThan(3 * (1.04 / 64));
    expect(counter.bytes()).toBeGreaterThan(4096);
    expect(() => new DistinctCounter(2)).toThrow(RangeError);
  });

  it('reports small memory for small counters', () => {
    const counter = new DistinctCounter();
    const empty = counter.bytes();
    counter.add(1);
    counter.add(2);
    counter.add(3);
    expect(counter.bytes()).toBe(empty);
    expect(empty).toBeLessThanOrEqual(64);
    counter.add(4);
    expect(counter.bytes()).toBeGreaterThan(empty);
    for (let i = 5; i <= 20; i++) counter.add(i);
    expect(counter.bytes()).toBeGreaterThan(256);
  });
});
