import type { Kysely } from 'kysely';

/**
 * Researcher reports: the report, its capability links, its thread (messages and
 * attachments), an append-only event log (states, scores, negotiated dates: what the SLA
 * figures are computed from), the escalations already sent, and the advisories.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('disclosure_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 1, 2, 3…: the reference a researcher and the team quote ("report #12").
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('asset', 'text', (c) => c.notNull())
    .addColumn('suggested_severity', 'text')
    // Sealed JSON { name, email }; null for an anonymous report.
    .addColumn('contact_sealed', 'text')
    .addColumn('notify_researcher', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('severity', 'text')
    .addColumn('cvss_version', 'text')
    .addColumn('cvss_vector', 'text')
    .addColumn('cvss_score', 'real')
    .addColumn('cwe_id', 'text')
    .addColumn('cwe_name', 'text')
    // JSON arrays of strings.
    .addColumn('affected_assets', 'text', (c) => c.notNull())
    .addColumn('affected_versions', 'text', (c) => c.notNull())
    .addColumn('duplicate_of', 'text', (c) => c.references('disclosure_reports.id'))
    .addColumn('incident_id', 'text', (c) => c.references('incidents.id'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('credit_name', 'text')
    .addColumn('credit_opt_in', 'integer', (c) => c.notNull())
    // The proof-of-work challenge the report paid with, so one challenge buys one report.
    .addColumn('challenge', 'text', (c) => c.unique())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('first_response_at', 'text')
    .addColumn('triaged_at', 'text')
    .addColumn('fixed_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('disclosure_date', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  for (const column of ['status', 'duplicate_of', 'incident_id', 'owner_id', 'received_at'])
    await db.schema
      .createIndex(`disclosure_reports_${column}_idx`)
      .on('disclosure_reports')
      .column(column)
      .execute();

  await db.schema
    .createTable('disclosure_report_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('disclosure_reports.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema
    .createIndex('disclosure_report_links_report_idx')
    .on('disclosure_report_links')
    .column('report_id')
    .execute();

  await db.schema
    .createTable('disclosure_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('disclosure_reports.id'))
    // 1, 2, 3… per report: the thread's order, whatever the clock says.
    .addColumn('seq', 'integer', (c) => c.notNull())
    // researcher | team | note (team-only)
    .addColumn('author_kind', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('disclosure_messages_report_idx')
    .on('disclosure_messages')
    .columns(['report_id', 'seq'])
    .unique()
    .execute();
  await db.schema
    .createIndex('disclosure_messages_author_idx')
    .on('disclosure_messages')
    .column('author_id')
    .execute();

  await db.schema
    .createTable('disclosure_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('disclosure_reports.id'))
    .addColumn('message_id', 'text', (c) => c.references('disclosure_messages.id'))
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    // 1 for a team file the researcher must not see (logs, internal exports).
    .addColumn('internal', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  for (const column of ['report_id', 'message_id', 'sha256'])
    await db.schema
      .createIndex(`disclosure_attachments_${column}_idx`)
      .on('disclosure_attachments')
      .column(column)
      .execute();

  await db.schema
    .createTable('disclosure_report_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('disclosure_reports.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // JSON: what changed, e.g. { from, to } for a state or { date, note } for a disclosure date.
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('disclosure_report_events_report_idx')
    .on('disclosure_report_events')
    .columns(['report_id', 'seq'])
    .unique()
    .execute();

  await db.schema
    .createTable('disclosure_escalations')
    .addColumn('report_id', 'text', (c) => c.notNull().references('disclosure_reports.id'))
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('disclosure_escalations_pk', ['report_id', 'clock', 'percent'])
    .execute();

  await db.schema
    .createTable('disclosure_advisories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.references('disclosure_reports.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON of the advisory's content (contracts/disclosure-advisories.ts).
    .addColumn('content', 'text', (c) => c.notNull())
    // JSON [{ number, date, summary }]: CSAF's revision history, one entry per publication.
    .addColumn('revisions', 'text', (c) => c.notNull())
    // JSON string[]: the credit as published, so a later change is a new revision, not a rewrite.
    .addColumn('credit', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();
  for (const column of ['report_id', 'status'])
    await db.schema
      .createIndex(`disclosure_advisories_${column}_idx`)
      .on('disclosure_advisories')
      .column(column)
      .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'disclosure_advisories',
    'disclosure_escalations',
    'disclosure_report_events',
    'disclosure_attachments',
    'disclosure_messages',
    'disclosure_report_links',
    'disclosure_reports',
  ])
    await db.schema.dropTable(table).execute();
}
