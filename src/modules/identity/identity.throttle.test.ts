import { describe, expect, it } from 'vitest';
import { FREE_FAILURES, MAX_DELAY_MS, lockDurationMs } from './identity.throttle.js';

describe('sign-in backoff', () => {
  it('allows a few failures without delay', () => {
    for (let failures = 0; failures < FREE_FAILURES; failures += 1)
      expect(lockDurationMs(failures)).toBe(0);
  });

  it('doubles the delay after the free failures', () => {
    expect(lockDurationMs(FREE_FAILURES)).toBe(1_000);
    expect(lockDurationMs(FREE_FAILURES + 1)).toBe(2_000);
    expect(lockDurationMs(FREE_FAILURES + 3)).toBe(8_000);
  });

  it('never locks for longer than the cap, however many failures', () => {
    expect(lockDurationMs(1_000_000)).toBe(MAX_DELAY_MS);
  });
});
