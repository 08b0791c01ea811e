import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

/**
 * Attempt counters for sign-in and MFA. Each attempt is counted *before* the secret is checked,
 * with one atomic upsert, so parallel requests cannot all slip past the same free attempts.
 */
export function createThrottleStore(db: Executor) {
  return {
    /**
     * Counts one attempt and returns the count including it, with the lock as it stood. The
     * upsert takes the row lock on PostgreSQL (the write lock on SQLite), so callers serialize.
     */
    async countAttempt(
      key: string,
      at: string,
      trx: Executor = db,
    ): Promise<{ attempts: number; lockedUntil: string | null }> {
      const row = await trx
        .insertInto('login_throttle')
        .values({ key, failures: 1, locked_until: null, last_failure_at: at })
        .onConflict((oc) =>
          oc
            .column('key')
            .doUpdateSet({ failures: sql`login_throttle.failures + 1`, last_failure_at: at }),
        )
        .returning(['failures', 'locked_until'])
        .executeTakeFirstOrThrow();
      return { attempts: Number(row.failures), lockedUntil: row.locked_until };
    },

    async lockUntil(key: string, until: string, trx: Executor = db): Promise<void> {
      await trx
        .updateTable('login_throttle')
        .set({ locked_until: until })
        .where('key', '=', key)
        .execute();
    },

    async clear(key: string, trx: Executor = db): Promise<void> {
      await trx.deleteFrom('login_throttle').where('key', '=', key).execute();
    },

    async deleteStale(lastAttemptBefore: string, trx: Executor = db): Promise<number> {
      const result = await trx
        .deleteFrom('login_throttle')
        .where('last_failure_at', '<', lastAttemptBefore)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type ThrottleStore = ReturnType<typeof createThrottleStore>;
