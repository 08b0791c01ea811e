import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * An event is identified by its time and its key, through one unique index on (at, event_key)
 * that also serves every time-range query (it replaces the index on `at`).
 *
 * The key is a hash, so a unique index on the key alone put each insert on a random leaf page:
 * at a million stored events an ingest batch of 10,000 dirtied nearly 10,000 scattered pages,
 * and writing them out was most of the cost of ingest. Led by time, a batch lands on a few
 * adjacent pages. Dedupe is kept: a retried event carries its time with its id. The same id at
 * another time is another event.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    // The migrator runs each PostgreSQL migration in a transaction of its own.
    await sql`alter table detection_events drop constraint detection_events_event_key_key`.execute(
      db,
    );
    await db.schema.dropIndex('detection_events_at_idx').execute();
    await createIdentityIndex(db);
  } else {
    // It does not on SQLite, and a copy stopped between the drop and the rename loses events.
    await db.transaction().execute(async (trx) => {
      await rebuildSqliteTableWithoutKeyConstraint(trx);
      await createIdentityIndex(trx);
    });
  }
}

async function createIdentityIndex(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('detection_events_at_event_key_idx')
    .on('detection_events')
    .columns(['at', 'event_key'])
    .unique()
    .execute();
}

/** SQLite cannot drop a column's inline unique constraint, so the table is copied anew. */
async function rebuildSqliteTableWithoutKeyConstraint(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('detection_events_next')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('account_hash', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('outcome', 'text')
    .addColumn('country', 'text')
    .addColumn('asn', 'bigint')
    .addColumn('integration_id', 'text')
    .addColumn('key_id', 'text')
    .addColumn('endpoint', 'text')
    .addColumn('records', 'bigint')
    .addColumn('bytes', 'bigint')
    .addColumn('categories', 'text')
    .addColumn('method', 'text')
    .addColumn('path', 'text')
    .addColumn('status', 'integer')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  // Same columns in the same order; `seq` is copied, so replay checkpoints stay valid.
  await sql`insert into detection_events_next select * from detection_events`.execute(db);
  await db.schema.dropTable('detection_events').execute();
  await db.schema.alterTable('detection_events_next').renameTo('detection_events').execute();
  await db.schema
    .createIndex('detection_events_ip_idx')
    .on('detection_events')
    .column('ip')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('detection_events_at_event_key_idx').execute();
  await db.schema
    .createIndex('detection_events_at_idx')
    .on('detection_events')
    .column('at')
    .execute();
  if (isPostgres(db))
    await sql`alter table detection_events add constraint detection_events_event_key_key unique (event_key)`.execute(
      db,
    );
  // SQLite adds no constraint to a table; a unique index enforces the same.
  else
    await db.schema
      .createIndex('detection_events_event_key_idx')
      .on('detection_events')
      .column('event_key')
      .unique()
      .execute();
}
