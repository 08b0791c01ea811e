import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // seq is assigned by the appender under a lock on audit_chain_head, not by the database,
  // so both dialects number the chain the same way and a gap means a deleted row.
  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_events_occurred_idx')
    .on('audit_events')
    .column('occurred_at')
    .execute();
  await db.schema
    .createIndex('audit_events_action_idx')
    .on('audit_events')
    .column('action')
    .execute();
  await db.schema
    .createIndex('audit_events_actor_idx')
    .on('audit_events')
    .column('actor_id')
    .execute();
  await db.schema
    .createIndex('audit_events_outcome_idx')
    .on('audit_events')
    .column('outcome')
    .execute();
  await db.schema
    .createIndex('audit_events_object_idx')
    .on('audit_events')
    .columns(['object_type', 'object_id'])
    .execute();

  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  // Seeded here so appenders only ever lock and update it; a first-insert race cannot happen.
  await sql`insert into audit_chain_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_chain_head').execute();
  await db.schema.dropTable('audit_events').execute();
}
