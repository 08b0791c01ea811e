import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { hmacSha256Hex } from '../../lib/crypto.js';
import { RateLimited } from '../../lib/errors.js';
import { FREE_FAILURES, lockDurationMs } from './identity.throttle.js';
import type { ThrottleStore } from './identity.throttle.store.js';

/**
 * Admits or refuses an attempt at a secret (a password, a TOTP code) under a throttle key.
 *
 * The attempt is counted and, past the free ones, the lock is set *before* the secret is
 * checked, all in one short transaction on the key's row. So N parallel requests get N distinct
 * counts and at most one of them passes a given lock window; a success clears the key.
 */
export function createAttemptGate(deps: {
  db: Kysely<Database>;
  clock: Clock;
  throttles: ThrottleStore;
  hmacKey: Buffer;
}) {
  const { db, clock, throttles } = deps;
  return {
    /** Keys are HMACs, so the table holds neither emails, user ids nor IPs. */
    key(scope: string, ...parts: (string | null)[]): string {
      return hmacSha256Hex(deps.hmacKey, [scope, ...parts.map((part) => part ?? '-')].join('|'));
    },

    /** Throws RateLimited while the key is locked; otherwise the attempt may go ahead. */
    async admit(key: string): Promise<void> {
      const now = clock.now();
      const refusal = await db.transaction().execute(async (trx) => {
        const { attempts, lockedUntil } = await throttles.countAttempt(key, now.toISOString(), trx);
        if (lockedUntil && Date.parse(lockedUntil) > now.getTime())
          return Date.parse(lockedUntil) - now.getTime();
        // Past the free attempts, lock first: if this attempt fails the wait is already in
        // force, and parallel attempts queued behind this row see it.
        if (attempts >= FREE_FAILURES)
          await throttles.lockUntil(
            key,
            new Date(now.getTime() + lockDurationMs(attempts)).toISOString(),
            trx,
          );
        return 0;
      });
      if (refusal > 0) throw new RateLimited(Math.ceil(refusal / 1000));
    },

    succeeded(key: string): Promise<void> {
      return throttles.clear(key);
    },
  };
}

export type AttemptGate = ReturnType<typeof createAttemptGate>;
