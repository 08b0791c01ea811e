import { describe, expect, it } from 'vitest';
import { createShiftedClock } from './clock.js';

describe('shifted clock', () => {
  it('adds the offset it reads, re-reading it at most once a second', () => {
    let offset = 0;
    let reads = 0;
    const clock = createShiftedClock(() => {
      reads += 1;
      return offset;
    });
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(100);
    offset = 86_400;
    clock.now();
    expect(reads).toBe(1);
    const fresh = createShiftedClock(() => offset);
    expect(fresh.now().getTime() - Date.now()).toBeGreaterThan(86_399_000);
  });
});
