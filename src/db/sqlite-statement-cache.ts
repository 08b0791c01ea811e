import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

/**
 * Kysely prepares every SQLite statement anew, and parsing SQL was ~8% of a simple API
 * request's CPU. Queries come from a fixed set of builders, so their SQL text repeats: keep
 * the prepared statements, least recently used out first. A statement still being iterated
 * (a streamed query) is busy and cannot be shared, so that caller gets a fresh one.
 */
export function withStatementCache(
  database: SqliteDatabase.Database,
  capacity = 500,
): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Re-insert to mark it most recently used (Map keeps insertion order).
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > capacity) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}
