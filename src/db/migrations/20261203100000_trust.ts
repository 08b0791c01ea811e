import { sql, type Kysely } from 'kysely';

/**
 * The public trust center: security measures, documents and access requests, the published
 * subprocessor list with its change log, status updates, subscribers, and one version row
 * that every content change bumps (the page caches of all instances compare against it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('trust_measures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'trust_measures', ['position']);

  await db.schema
    .createTable('trust_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('access', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'trust_documents', ['sha256']);
  await index(db, 'trust_documents', ['access']);

  // The requester's name, email, company and reason are sealed together (AES-256-GCM, bound to
  // the row id); the download link is stored as its SHA-256 only.
  await db.schema
    .createTable('trust_document_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('trust_documents.id'))
    .addColumn('requester', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('link_hash', 'text')
    .addColumn('link_expires_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'trust_document_requests', ['document_id']);
  await index(db, 'trust_document_requests', ['status', 'created_at']);
  await db.schema
    .createIndex('trust_document_requests_link_idx')
    .on('trust_document_requests')
    .column('link_hash')
    .unique()
    .execute();

  // vendor_id has no foreign key on purpose: deleting a vendor must not be blocked by the
  // public list; the sync job sees the vendor gone and logs the removal.
  await db.schema
    .createTable('trust_subprocessors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('purpose_override', 'text')
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('go_live_on', 'text')
    .addColumn('announced_at', 'text')
    .addColumn('live_since', 'text')
    .addColumn('removed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'trust_subprocessors', ['state', 'go_live_on']);

  await db.schema
    .createTable('trust_subprocessor_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subprocessor_id', 'text', (c) => c.notNull().references('trust_subprocessors.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'trust_subprocessor_changes', ['subprocessor_id']);
  await index(db, 'trust_subprocessor_changes', ['at']);

  await db.schema
    .createTable('trust_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'trust_updates', ['incident_id', 'published_at']);
  await index(db, 'trust_updates', ['published_at']);

  // Addresses sealed, found by an HMAC blind index; `nonce` changes with every new
  // confirmation request, so an older confirmation link stops working.
  await db.schema
    .createTable('trust_subscribers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email_index', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('pending_topics', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'trust_subscribers', ['confirmed_at']);

  await db.schema
    .createTable('trust_subscriptions')
    .addColumn('subscriber_id', 'text', (c) => c.notNull().references('trust_subscribers.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('trust_subscriptions_pk', ['subscriber_id', 'topic'])
    .execute();
  await index(db, 'trust_subscriptions', ['topic', 'subscriber_id']);

  // One row per item announced to subscribers: the fan-out job is idempotent per item.
  await db.schema
    .createTable('trust_announcements')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('announced_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('trust_announcements_pk', ['kind', 'item_id'])
    .execute();

  await db.schema
    .createTable('trust_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into trust_version (id, version) values (1, 0)`.execute(db);
}

async function index(db: Kysely<unknown>, table: string, columns: string[]) {
  await db.schema
    .createIndex(`${table}_${columns.join('_')}_idx`)
    .on(table)
    .columns(columns)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'trust_version',
    'trust_announcements',
    'trust_subscriptions',
    'trust_subscribers',
    'trust_updates',
    'trust_subprocessor_changes',
    'trust_subprocessors',
    'trust_document_requests',
    'trust_documents',
    'trust_measures',
  ])
    await db.schema.dropTable(table).execute();
}
