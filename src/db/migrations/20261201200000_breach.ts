import type { Kysely } from 'kysely';

/**
 * Breach notification: decisions people record about an incident's obligations (risk
 * assessments, not applicable, law-enforcement delays, notices given), the encryption state
 * of each exposed category, the clock alerts already sent (so each goes once), and notice
 * templates, one row per saved version.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('breach_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('obligation_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // The fields of its kind, as JSON: conclusion, agency, from, until, at, reference.
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_by', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('timeline_seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('breach_decisions_incident_id_idx')
    .on('breach_decisions')
    .columns(['incident_id', 'decided_at'])
    .execute();

  await db.schema
    .createTable('breach_encryption')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text')
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('breach_encryption_pk', ['incident_id', 'category'])
    .execute();

  // One row per alert sent: the deadline is part of the key, so a moved deadline alerts anew.
  await db.schema
    .createTable('breach_clock_alerts')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('obligation_key', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('breach_clock_alerts_pk', [
      'incident_id',
      'obligation_key',
      'due',
      'level',
    ])
    .execute();

  await db.schema
    .createTable('breach_notice_templates')
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    // JSON: [{ covers, heading, body }].
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('breach_notice_templates_pk', ['rule_id', 'locale', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'breach_notice_templates',
    'breach_clock_alerts',
    'breach_encryption',
    'breach_decisions',
  ])
    await db.schema.dropTable(table).execute();
}
