import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { andMask, bitValue, orMask, withoutMask } from './bitmask.js';
import { buildCategoryIndex } from '../modules/datamap/datamap.categories.js';

const mask = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const big = (n: number) => BigInt(n);

describe('53-bit category masks', () => {
  it('OR, AND and AND-NOT agree with BigInt arithmetic', () => {
    fc.assert(
      fc.property(mask, mask, (a, b) => {
        expect(big(orMask(a, b))).toBe(big(a) | big(b));
        expect(big(andMask(a, b))).toBe(big(a) & big(b));
        expect(big(withoutMask(a, b))).toBe(big(a) & ~big(b));
      }),
    );
  });

  it('maps keys to bits and back, reporting unknown keys', () => {
    const index = buildCategoryIndex(
      ['email', 'phone', 'health_data'].map((key, i) => ({
        key,
        bit: i === 2 ? 52 : i,
        name: key,
        description: '',
        sensitivity: 'low' as const,
        legalFlags: [],
        builtin: true,
      })),
    );
    const { mask: m, unknown } = index.maskOf(['email', 'health_data', 'shoe_size']);
    expect(m).toBe(1 + bitValue(52));
    expect(unknown).toEqual(['shoe_size']);
    expect(index.keysOf(m)).toEqual(['email', 'health_data']);
  });
});
