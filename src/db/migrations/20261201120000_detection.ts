import type { Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Attack detection. Events are kept (for dedupe, evidence and rebuilding detector state after
 * a restart) for a retention period; `detection_series` holds 5-minute totals per stream or
 * API key, which seed the baselines and draw the charts without scanning events.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  await db.schema
    .createTable('detection_events')
    .addColumn('seq', postgres ? 'bigint' : 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    // SHA-256 (128 bits) of the event's id, or of its line when it has none: the dedupe key.
    .addColumn('event_key', 'text', (c) => c.notNull().unique())
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
  await index(db, 'detection_events', ['at']);
  await index(db, 'detection_events', ['ip']);

  await db.schema
    .createTable('detection_series')
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('attempts', 'bigint', (c) => c.notNull())
    .addColumn('failures', 'bigint', (c) => c.notNull())
    .addColumn('records', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('detection_series_pk', ['series', 'bucket'])
    .execute();

  await db.schema
    .createTable('detection_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // detector + subject: signals with the same key while the alert is open update it.
    .addColumn('attack_key', 'text', (c) => c.notNull())
    .addColumn('detector', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('signals', 'integer', (c) => c.notNull())
    .addColumn('integration_id', 'text', (c) =>
      c.references('integrations.id').onDelete('set null'),
    )
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('status_changed_by', 'text')
    .addColumn('status_changed_at', 'text')
    // The severity last mailed and last delivered by webhook: an alert that rises notifies again.
    .addColumn('notified_severity', 'text')
    .addColumn('webhook_severity', 'text')
    .addColumn('incident_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'detection_alerts', ['attack_key', 'last_seen_at']);
  await index(db, 'detection_alerts', ['status', 'last_seen_at']);
  await index(db, 'detection_alerts', ['last_seen_at']);
  await index(db, 'detection_alerts', ['integration_id']);

  await db.schema
    .createTable('detection_alert_subjects')
    .addColumn('alert_id', 'text', (c) =>
      c.notNull().references('detection_alerts.id').onDelete('cascade'),
    )
    // source (an address), target (an account tried) or taken_over (an account logged into).
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('detection_alert_subjects_pk', ['alert_id', 'role', 'value'])
    .execute();
  await index(db, 'detection_alert_subjects', ['role', 'value']);

  await db.schema
    .createTable('detection_suppressions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detector', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute();

  // The last event whose signals are folded into alerts: a rebuild after a restart replays
  // events up to it for state only, and folds only what comes after.
  await db.schema
    .createTable('detection_checkpoints')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('detection_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('settings', 'text', (c) => c.notNull())
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
    'detection_settings',
    'detection_checkpoints',
    'detection_suppressions',
    'detection_alert_subjects',
    'detection_alerts',
    'detection_series',
    'detection_events',
  ])
    await db.schema.dropTable(table).execute();
}
