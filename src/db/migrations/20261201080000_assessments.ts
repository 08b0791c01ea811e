import type { Kysely } from 'kysely';

/**
 * Vendor due diligence: versioned questionnaire templates, assessments sent to vendors through
 * capability links, their answers and evidence, findings, and the decisions that gate
 * integrations. A template version is immutable once written: an assessment keeps the version
 * it was sent with, whatever happens to the template later.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('questionnaire_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('level', 'text')
    .addColumn('built_in', 'integer', (c) => c.notNull())
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('questionnaire_versions')
    .addColumn('template_id', 'text', (c) =>
      c.notNull().references('questionnaire_templates.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('questionnaire_versions_pk', ['template_id', 'version'])
    .execute();

  await db.schema
    .createTable('assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('integration_id', 'text', (c) => c.references('integrations.id').onDelete('cascade'))
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('template_version', 'integer', (c) => c.notNull())
    // Copied from the version's definition, so lists never parse a whole questionnaire per row.
    .addColumn('template_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text')
    .addColumn('recipient_email', 'text', (c) => c.notNull())
    .addColumn('control_score', 'integer')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('decided_at', 'text')
    .addForeignKeyConstraint(
      'assessments_template_version_fk',
      ['template_id', 'template_version'],
      'questionnaire_versions',
      ['template_id', 'version'],
    )
    .execute();
  for (const [name, columns] of [
    // Lists are newest first: (created_at, id) serves the whole list, the others its filters.
    ['assessments_created_idx', ['created_at', 'id']],
    ['assessments_vendor_idx', ['vendor_id', 'created_at']],
    ['assessments_vendor_submitted_idx', ['vendor_id', 'submitted_at']],
    ['assessments_integration_idx', ['integration_id']],
    ['assessments_template_idx', ['template_id', 'template_version']],
    ['assessments_status_idx', ['status', 'created_at']],
    ['assessments_due_idx', ['status', 'due_date']],
  ] as const)
    await db.schema
      .createIndex(name)
      .on('assessments')
      .columns([...columns])
      .execute();

  // Capability links for the vendor portal: only the SHA-256 of the token is kept.
  await db.schema
    .createTable('assessment_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('assessment_id', 'text', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema
    .createIndex('assessment_links_assessment_idx')
    .on('assessment_links')
    .column('assessment_id')
    .execute();

  await db.schema
    .createTable('assessment_answers')
    .addColumn('assessment_id', 'text', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('question_key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_answers_pk', ['assessment_id', 'question_key'])
    .execute();

  await db.schema
    .createTable('assessment_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assessment_id', 'text', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('question_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_via', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_evidence_assessment_idx')
    .on('assessment_evidence')
    .columns(['assessment_id', 'question_key'])
    .execute();
  await db.schema
    .createIndex('assessment_evidence_sha256_idx')
    .on('assessment_evidence')
    .column('sha256')
    .execute();

  await db.schema
    .createTable('assessment_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assessment_id', 'text', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('question_key', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_remediation', 'text', (c) => c.notNull())
    .addColumn('remediation_plan', 'text')
    .addColumn('remediation_due', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_findings_assessment_idx')
    .on('assessment_findings')
    .column('assessment_id')
    .execute();
  await db.schema
    .createIndex('assessment_findings_vendor_idx')
    .on('assessment_findings')
    .columns(['vendor_id', 'status'])
    .execute();

  // Decisions are append-only: a new decision on the same scope supersedes the previous one.
  await db.schema
    .createTable('assessment_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assessment_id', 'text', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    // Per vendor, 1, 2, 3…: which decision is newest even when two share a timestamp.
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('integration_id', 'text', (c) => c.references('integrations.id').onDelete('cascade'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assessment_decisions_sequence_unique', ['vendor_id', 'sequence'])
    .execute();
  await db.schema
    .createIndex('assessment_decisions_assessment_idx')
    .on('assessment_decisions')
    .column('assessment_id')
    .execute();
  await db.schema
    .createIndex('assessment_decisions_integration_idx')
    .on('assessment_decisions')
    .column('integration_id')
    .execute();

  await db.schema
    .createTable('decision_conditions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('decision_id', 'text', (c) =>
      c.notNull().references('assessment_decisions.id').onDelete('cascade'),
    )
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('met_at', 'text')
    .addColumn('met_by', 'text')
    .execute();
  await db.schema
    .createIndex('decision_conditions_decision_idx')
    .on('decision_conditions')
    .column('decision_id')
    .execute();
  await db.schema
    .createIndex('decision_conditions_due_idx')
    .on('decision_conditions')
    .columns(['met_at', 'due_date'])
    .execute();

  // Per vendor, what residual risk and the reassessment schedule read: the newest submitted
  // assessment and the open findings by severity. Rebuilt from the source rows for one vendor
  // whenever a submission or a finding changes, so the portfolio views read 10,000 small rows
  // instead of aggregating every assessment and finding on each call.
  await db.schema
    .createTable('vendor_assessment_state')
    .addColumn('vendor_id', 'text', (c) =>
      c.primaryKey().references('vendors.id').onDelete('cascade'),
    )
    .addColumn('latest_assessment_id', 'text', (c) =>
      c.references('assessments.id').onDelete('set null'),
    )
    .addColumn('control_score', 'integer')
    .addColumn('submitted_at', 'text')
    .addColumn('open_critical', 'integer', (c) => c.notNull())
    .addColumn('open_high', 'integer', (c) => c.notNull())
    .addColumn('open_medium', 'integer', (c) => c.notNull())
    .addColumn('open_low', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('vendor_assessment_state_updated_idx')
    .on('vendor_assessment_state')
    .column('updated_at')
    .execute();
  // Portfolio views walk every vendor: this index holds all they read of one, so the walk
  // never touches the wide vendor rows (profiles, risk explanations).
  await db.schema
    .createIndex('vendors_portfolio_idx')
    .on('vendors')
    .columns(['status', 'id', 'risk_tier', 'risk_tier_override', 'legal_name'])
    .execute();
  await db.schema
    .createIndex('vendor_assessment_state_latest_idx')
    .on('vendor_assessment_state')
    .column('latest_assessment_id')
    .execute();

  // One row per reminder or alert sent (e.g. `reminder:<assessment>:7`), so a job that runs
  // twice, or on two workers, sends each one once.
  await db.schema
    .createTable('assessment_notices')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('vendors_portfolio_idx').execute();
  for (const table of [
    'assessment_notices',
    'vendor_assessment_state',
    'decision_conditions',
    'assessment_decisions',
    'assessment_findings',
    'assessment_evidence',
    'assessment_answers',
    'assessment_links',
    'assessments',
    'questionnaire_versions',
    'questionnaire_templates',
  ])
    await db.schema.dropTable(table).execute();
}
