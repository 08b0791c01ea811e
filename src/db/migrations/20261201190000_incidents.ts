import type { Kysely } from 'kysely';

/**
 * Incident response: incidents, their members (who may see a restricted one), links to the
 * objects they concern, legal trigger times (every setting kept, the latest in force), the
 * timeline, an append-only hash chain per incident whose head is kept on the incident row
 * (so trailing entries cannot be dropped unnoticed), and the tasks playbooks create.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    // 0 or 1, as every flag here: one column type on both databases.
    .addColumn('restricted', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('timeline_seq', 'integer', (c) => c.notNull())
    .addColumn('timeline_hash', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'incidents', ['status']);
  await index(db, 'incidents', ['owner_id']);
  await index(db, 'incidents', ['updated_at']);

  await db.schema
    .createTable('incident_members')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('added_by', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_members_pk', ['incident_id', 'user_id'])
    .execute();
  await index(db, 'incident_members', ['user_id']);

  await db.schema
    .createTable('incident_links')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    // vendor, integration, alert, finding, report: checked by the service, kept as text so
    // a link outlives nothing and names what it pointed at.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('linked_by', 'text')
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_links_pk', ['incident_id', 'kind', 'target_id'])
    .execute();
  await index(db, 'incident_links', ['kind', 'target_id']);

  await db.schema
    .createTable('incident_triggers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    // Only for a vendor's breach notice: whose notice it was.
    .addColumn('vendor_id', 'text', (c) => c.references('vendors.id'))
    // Null when a setting withdraws an earlier one.
    .addColumn('at', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text')
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addColumn('timeline_seq', 'integer', (c) => c.notNull())
    .execute();
  await index(db, 'incident_triggers', ['incident_id', 'trigger']);
  await index(db, 'incident_triggers', ['vendor_id']);

  await db.schema
    .createTable('incident_timeline')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('occurred_time_zone', 'text', (c) => c.notNull())
    .addColumn('occurred_source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('supersedes', 'integer')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_timeline_pk', ['incident_id', 'seq'])
    .execute();
  await index(db, 'incident_timeline', ['incident_id', 'kind']);

  // Which playbooks an incident has had applied, so one is not applied twice.
  await db.schema
    .createTable('incident_playbooks')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('playbook', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('applied_by', 'text')
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_playbooks_pk', ['incident_id', 'playbook'])
    .execute();

  await db.schema
    .createTable('incident_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    // The playbook and task key it came from; null for a task added by hand.
    .addColumn('playbook', 'text')
    .addColumn('task_key', 'text')
    // Its place in the playbook, so tasks made together keep the playbook's order.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // Who should take it when nobody is assigned: owner, security, legal, …
    .addColumn('role', 'text')
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    // Due relative to a trigger time (recomputed when that time is set), or fixed by hand.
    .addColumn('due_trigger', 'text')
    .addColumn('due_offset_hours', 'integer')
    .addColumn('due_at', 'text')
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'text')
    // Set once the overdue reminder went out: the job's idempotence.
    .addColumn('overdue_notified_at', 'text')
    .execute();
  await index(db, 'incident_tasks', ['incident_id']);
  await index(db, 'incident_tasks', ['assignee_id']);
  await index(db, 'incident_tasks', ['status', 'due_at']);

  // Evidence files are blobs (content-addressed, write-once); rows are never deleted.
  await db.schema
    .createTable('incident_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'bigint', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'text', (c) => c.notNull())
    .addColumn('acquired_from', 'text', (c) => c.notNull())
    .addColumn('legal_hold', 'integer', (c) => c.notNull())
    .addColumn('privileged', 'integer', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'incident_evidence', ['incident_id']);
  await index(db, 'incident_evidence', ['sha256']);

  // Chain of custody: each event is also a timeline entry, so the chain covers it.
  await db.schema
    .createTable('incident_custody')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('evidence_id', 'text', (c) => c.notNull().references('incident_evidence.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('from_party', 'text', (c) => c.notNull())
    .addColumn('to_party', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('timeline_seq', 'integer', (c) => c.notNull())
    .execute();
  await index(db, 'incident_custody', ['evidence_id']);

  // Where each kind of containment action is sent; the signing secret is sealed at rest.
  await db.schema
    .createTable('incident_action_endpoints')
    .addColumn('action_type', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('incident_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('action_type', 'text', (c) => c.notNull())
    // The caller's key: the same request sent twice creates one action.
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('incident_actions_idempotency', ['incident_id', 'idempotency_key'])
    .execute();
  await index(db, 'incident_actions', ['incident_id']);

  // One signed webhook message each; a large action (250,000 resets) is split into several.
  await db.schema
    .createTable('incident_action_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().references('incident_actions.id'))
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await index(db, 'incident_action_messages', ['action_id']);
  await index(db, 'incident_action_messages', ['status']);

  // Who is affected: counts, the inputs that produced them, and the exact customer set as a
  // blob (gzipped refs, one a line) named by its SHA-256, so a later reading can prove it.
  await db.schema
    .createTable('incident_scope_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('window_from', 'text', (c) => c.notNull())
    .addColumn('window_to', 'text', (c) => c.notNull())
    .addColumn('inputs', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('customers', 'integer', (c) => c.notNull())
    .addColumn('set_sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('taken_by', 'text')
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('timeline_seq', 'integer', (c) => c.notNull())
    .execute();
  await index(db, 'incident_scope_snapshots', ['incident_id']);
  await index(db, 'incident_scope_snapshots', ['set_sha256']);

  // The post-incident review; each saved version is also in the timeline, verbatim.
  await db.schema
    .createTable('incident_reviews')
    .addColumn('incident_id', 'text', (c) => c.primaryKey().references('incidents.id'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('root_cause', 'text', (c) => c.notNull())
    .addColumn('went_well', 'text', (c) => c.notNull())
    .addColumn('to_improve', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

async function index(db: Kysely<unknown>, table: string, columns: string[]): Promise<void> {
  await db.schema
    .createIndex(`${table}_${columns.join('_')}_idx`)
    .on(table)
    .columns(columns)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'incident_reviews',
    'incident_scope_snapshots',
    'incident_action_messages',
    'incident_actions',
    'incident_action_endpoints',
    'incident_custody',
    'incident_evidence',
    'incident_tasks',
    'incident_playbooks',
    'incident_timeline',
    'incident_triggers',
    'incident_links',
    'incident_members',
    'incidents',
  ])
    await db.schema.dropTable(table).execute();
}
