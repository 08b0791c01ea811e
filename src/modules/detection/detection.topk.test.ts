import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopK } from './detection.topk.js';

describe('TopK (Space-Saving)', () => {
  it('keeps every key more frequent than N/k, and never over-reports a count', () => {
    const stream = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 400 });
    fc.assert(
      fc.property(stream, (keys) => {
        const top = new TopK<number>(8);
        const truth = new Map<number, number>();
        for (const key of keys) {
          top.add(key);
          truth.set(key, (truth.get(key) ?? 0) + 1);
        }
        const reported = top.top(8, String);
        for (const { value, count } of reported)
          expect(count).toBeLessThanOrEqual(truth.get(Number(value))!);
        for (const [key, count] of truth)
          if (count > keys.length / 8)
            expect(reported.map((entry) => entry.value)).toContain(String(key));
      }),
    );
  });

  it('orders by count and names keys only when read', () => {
    const top = new TopK<number>(4);
    for (const [key, times] of [
      [1, 5],
      [2, 9],
      [3, 1],
    ] as const)
      for (let i = 0; i < times; i++) top.add(key);
    expect(top.top(2, (key) => `net-${key}`)).toEqual([
      { value: 'net-2', count: 9 },
      { value: 'net-1', count: 5 },
    ]);
    top.clear();
    expect(top.top()).toEqual([]);
  });
});
