/**
 * Sign-in backoff per account and source IP. The first few failures are free; after that each
 * failure doubles the wait, capped so that an attacker can delay but never lock out a real
 * user for good, and a different IP (the real user's) is never affected at all.
 */
export const FREE_FAILURES = 5;
export const BASE_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 15 * 60 * 1_000;

export function lockDurationMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  const exponent = Math.min(failures - FREE_FAILURES, 20);
  return Math.min(BASE_DELAY_MS * 2 ** exponent, MAX_DELAY_MS);
}
