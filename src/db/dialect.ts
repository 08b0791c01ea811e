import { PostgresAdapter, type Kysely } from 'kysely';

/** Migrations receive an untyped Kysely; the adapter tells which dialect they run on. */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
