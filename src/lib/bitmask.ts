/**
 * Bitmasks of up to 53 bits (data categories), beyond JavaScript's 32-bit bitwise operators:
 * OR and AND work on the high and low halves separately. Exact for every integer below 2^53.
 */

/** Every bit a mask may use: 2^53 - 1. */
export const ALL_BITS = Number.MAX_SAFE_INTEGER;

const HALF = 2 ** 32;

export function bitValue(bit: number): number {
  return 2 ** bit;
}

export function orMask(a: number, b: number): number {
  const high = (Math.floor(a / HALF) | Math.floor(b / HALF)) >>> 0;
  const low = ((a % HALF) | (b % HALF)) >>> 0;
  return high * HALF + low;
}

export function andMask(a: number, b: number): number {
  const high = (Math.floor(a / HALF) & Math.floor(b / HALF)) >>> 0;
  const low = ((a % HALF) & (b % HALF)) >>> 0;
  return high * HALF + low;
}

export function withoutMask(a: number, b: number): number {
  const high = (Math.floor(a / HALF) & ~Math.floor(b / HALF)) >>> 0;
  const low = ((a % HALF) & ~(b % HALF)) >>> 0;
  return high * HALF + low;
}
