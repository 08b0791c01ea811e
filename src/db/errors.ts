/**
 * A unique or primary-key constraint refused a write: two requests raced to create the same
 * thing. Recognized for both drivers so the error handler can answer 409 instead of 500.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = error.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * Runs `work` (a whole transaction) again when a unique constraint refused it: what numbers
 * "the next one" (max + 1) under concurrency, where two writers can pick the same number and
 * the loser's transaction is aborted. Any other error, or a third collision, goes to the caller.
 */
export async function retryOnUniqueViolation<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isUniqueViolation(error)) throw error;
    }
  }
}
