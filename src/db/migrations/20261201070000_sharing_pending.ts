import type { Kysely } from 'kysely';

/**
 * Ingested sharing events wait here, one aggregate row per batch and (integration, customer),
 * until they are merged into `sharing_ledger` in large, key-ordered passes. Appending keeps an
 * ingest batch on a handful of adjacent pages; upserting it straight into a multi-million-row
 * ledger dirtied one scattered page per row, and writing those pages out was most of the cost.
 *
 * No index: rows are only ever appended, then read and removed all at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sharing_pending')
    .addColumn('integration_no', 'integer', (c) => c.notNull())
    .addColumn('customer_ref', 'text', (c) => c.notNull())
    .addColumn('categories', 'bigint', (c) => c.notNull())
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .addColumn('records', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sharing_pending').execute();
}
