import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * The customer directory and the data-sharing ledger. The ledger is the largest table Cordon
 * keeps (one row per integration and customer, millions for a mid-size shop), so it is compact:
 * integer integration keys, a category bitmask and epoch-second instants, in a clustered
 * (WITHOUT ROWID) table on SQLite.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  const clustered = <T extends string, C extends string>(builder: CreateTableBuilder<T, C>) =>
    postgres ? builder : builder.modifyEnd(sql`without rowid`);

  // Data-encryption keys, each wrapped (AES-256-GCM) under a key derived from the master key.
  // Rotating the master key re-wraps these rows and leaves the data untouched.
  await db.schema
    .createTable('data_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull().unique())
    .addColumn('wrapped', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', postgres ? 'bigint' : 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    .addColumn('external_id', 'text', (c) => c.notNull().unique())
    // HMAC of the normalised email: lookups by email without storing it in clear.
    .addColumn('email_index', 'text')
    // Sealed JSON of the PII fields (email, name, phone); null once erased.
    .addColumn('pii', 'text')
    .addColumn('country', 'text')
    .addColumn('region', 'text')
    .addColumn('locale', 'text')
    .addColumn('customer_since', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text')
    .execute();
  await db.schema
    .createIndex('customers_email_index_idx')
    .on('customers')
    .column('email_index')
    .execute();
  await db.schema
    .createIndex('customers_jurisdiction_idx')
    .on('customers')
    .columns(['country', 'region'])
    .execute();

  await db.schema
    .createTable('customer_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull())
    .addColumn('rows_invalid', 'integer', (c) => c.notNull())
    .addColumn('errors', 'text', (c) => c.notNull())
    .addColumn('inserted', 'integer')
    .addColumn('updated', 'integer')
    .addColumn('started_by', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('customer_imports_started_idx')
    .on('customer_imports')
    .column('started_at')
    .execute();
  // Rows wait here, already sealed, until the whole file has validated; then one statement
  // merges them. A rejected or crashed import leaves nothing in `customers`.
  await db.schema
    .createTable('customer_import_rows')
    .addColumn('import_id', 'text', (c) =>
      c.notNull().references('customer_imports.id').onDelete('cascade'),
    )
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('email_index', 'text')
    .addColumn('pii', 'text')
    .addColumn('country', 'text')
    .addColumn('region', 'text')
    .addColumn('locale', 'text')
    .addColumn('customer_since', 'text')
    .addPrimaryKeyConstraint('customer_import_rows_pk', ['import_id', 'line'])
    .execute();
  await db.schema
    .createIndex('customer_import_rows_external_idx')
    .on('customer_import_rows')
    .columns(['import_id', 'external_id'])
    .execute();

  // customer_ref is the shop's external id, not a foreign key: sharing may be reported before
  // the customer directory is imported, and an erased customer keeps its ledger rows.
  await clustered(
    db.schema
      .createTable('sharing_ledger')
      .addColumn('integration_no', 'integer', (c) => c.notNull())
      .addColumn('customer_ref', 'text', (c) => c.notNull())
      .addColumn('categories', 'bigint', (c) => c.notNull())
      .addColumn('first_at', 'bigint', (c) => c.notNull())
      .addColumn('last_at', 'bigint', (c) => c.notNull())
      .addColumn('events', 'integer', (c) => c.notNull())
      .addColumn('records', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('sharing_ledger_pk', ['integration_no', 'customer_ref']),
  ).execute();

  await clustered(
    db.schema
      .createTable('sharing_daily')
      .addColumn('integration_no', 'integer', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('events', 'integer', (c) => c.notNull())
      .addColumn('records', 'bigint', (c) => c.notNull())
      .addColumn('categories', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('sharing_daily_pk', ['integration_no', 'day']),
  ).execute();

  // The events already counted (UTC day + 64-bit digest of integration and event id), so a
  // redelivered event counts once.
  await clustered(
    db.schema
      .createTable('sharing_event_keys')
      .addColumn('digest', 'text', (c) => c.primaryKey())
      .addColumn('seen_at', 'bigint', (c) => c.notNull()),
  ).execute();

  await db.schema
    .createTable('sharing_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('integration_id', 'text', (c) =>
      c.notNull().references('integrations.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sharing_alerts_key_unique', ['integration_id', 'kind', 'category'])
    .execute();
  await db.schema
    .createIndex('sharing_alerts_status_idx')
    .on('sharing_alerts')
    .columns(['status', 'last_seen_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'sharing_alerts',
    'sharing_event_keys',
    'sharing_daily',
    'sharing_ledger',
    'customer_import_rows',
    'customer_imports',
    'customers',
    'data_keys',
  ])
    await db.schema.dropTable(table).execute();
}
