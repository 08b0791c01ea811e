import type { Kysely } from 'kysely';

/**
 * Notification campaigns: one row per campaign (an obligation's letters to the people it
 * covers), an outbox with one row per recipient, and the shop's suppression list. The outbox
 * holds references only: addresses stay sealed in `customers` and are opened at send time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('breach_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('obligation_key', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('snapshot_id', 'text', (c) => c.notNull())
    // Fixed when the campaign is created, so every Message-ID is known before the first send.
    .addColumn('message_domain', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // Scope members examined so far, of `scope_customers`: where a prepare resumes.
    .addColumn('examined', 'integer', (c) => c.notNull())
    .addColumn('scope_customers', 'integer', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    // JSON: { reason: count } for recipients who will get no letter.
    .addColumn('suppressed', 'text', (c) => c.notNull())
    .addColumn('sent', 'integer', (c) => c.notNull())
    .addColumn('failed', 'integer', (c) => c.notNull())
    // Bumped by every start and resume: each run's delivery job has its own idempotency key.
    // Credit-monitoring codes assigned to recipients so far, and whether the template uses one.
    .addColumn('codes', 'integer', (c) => c.notNull())
    .addColumn('needs_codes', 'integer', (c) => c.notNull())
    .addColumn('run', 'integer', (c) => c.notNull())
    .addColumn('test_sent_at', 'text')
    .addColumn('test_recipients', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('prepared_at', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('breach_campaigns_incident_idx')
    .on('breach_campaigns')
    .columns(['incident_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('breach_outbox')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('breach_campaigns.id'))
    // 1, 2, 3… in scope order; the Message-ID is derived from it.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('customer_ref', 'text', (c) => c.notNull())
    // Category keys exposed for this person, comma-separated, as the scope said at preparation.
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('error', 'text')
    // The recipient's credit-monitoring code, sealed (AES-256-GCM, bound to campaign and seq).
    .addColumn('support_code', 'text')
    .addPrimaryKeyConstraint('breach_outbox_pk', ['campaign_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('breach_outbox_status_idx')
    .on('breach_outbox')
    .columns(['campaign_id', 'status', 'seq'])
    .execute();

  // By the customers' keyed email hash: the list holds no address in clear.
  await db.schema
    .createTable('breach_suppressions')
    .addColumn('email_index', 'text', (c) => c.primaryKey())
    .addColumn('hint', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['breach_suppressions', 'breach_outbox', 'breach_campaigns'])
    await db.schema.dropTable(table).execute();
}
