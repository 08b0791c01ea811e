import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberIndex } from './detection.number-index.js';

const key = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  // IPv6 network keys: down to -2^48.
  fc.maxSafeNat().map((n) => -(n % 2 ** 48)),
  fc.integer({ min: 0, max: 40 }),
);
const operation = fc.oneof(
  fc.record({ op: fc.constant('set' as const), key, value: fc.nat(2 ** 31 - 1) }),
  fc.record({ op: fc.constant('delete' as const), key }),
);

describe('NumberIndex', () => {
  it('agrees with a Map through any run of sets and deletes', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 400 }), (operations) => {
        // Sixteen slots to begin with, so runs wrap round and the table grows.
        const index = new NumberIndex(16);
        const truth = new Map<number, number>();
        for (const step of operations) {
          if (step.op === 'set') {
            index.set(step.key, step.value);
            truth.set(step.key, step.value);
          } else expect(index.delete(step.key)).toBe(truth.delete(step.key));
        }
        expect(index.size).toBe(truth.size);
        for (const [k, v] of truth) expect(index.get(k)).toBe(v);
        for (const step of operations)
          if (!truth.has(step.key)) expect(index.get(step.key)).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every key findable under heavy churn in a small table', () => {
    const index = new NumberIndex(16);
    const live = new Set<number>();
    for (let n = 0; n < 50_000; n++) {
      index.set(n * 7919, n);
      live.add(n * 7919);
      if (n >= 100) {
        index.delete((n - 100) * 7919);
        live.delete((n - 100) * 7919);
      }
    }
    expect(index.size).toBe(100);
    for (const k of live) expect(index.get(k)).toBe(k / 7919);
  });
});
