import type { Generated } from 'kysely';

/** Table types of the detection module (see migrations/20261201120000_detection.ts). */
export interface DetectionEventsTable {
  seq: Generated<number>;
  event_key: string;
  type: string;
  at: string;
  stream: string;
  account_hash: string | null;
  ip: string | null;
  user_agent: string | null;
  outcome: string | null;
  country: string | null;
  asn: number | null;
  integration_id: string | null;
  key_id: string | null;
  endpoint: string | null;
  records: number | null;
  bytes: number | null;
  categories: string | null;
  method: string | null;
  path: string | null;
  status: number | null;
  received_at: string;
}

export interface DetectionSeriesTable {
  series: string;
  bucket: string;
  attempts: number;
  failures: number;
  records: number;
  bytes: number;
}

export interface DetectionAlertsTable {
  id: string;
  attack_key: string;
  detector: string;
  stream: string;
  severity: string;
  status: string;
  title: string;
  reason: string;
  evidence: string;
  series: string;
  signals: number;
  integration_id: string | null;
  first_seen_at: string;
  last_seen_at: string;
  status_reason: string | null;
  status_changed_by: string | null;
  status_changed_at: string | null;
  notified_severity: string | null;
  webhook_severity: string | null;
  incident_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface DetectionAlertSubjectsTable {
  alert_id: string;
  role: string;
  value: string;
  first_seen_at: string;
  last_seen_at: string;
}

export interface DetectionSuppressionsTable {
  id: string;
  detector: string | null;
  subject: string;
  value: string | null;
  reason: string;
  expires_at: string | null;
  hits: number;
  created_by: string | null;
  created_at: string;
  removed_at: string | null;
}

export interface DetectionSettingsTable {
  id: string;
  settings: string;
  updated_by: string | null;
  updated_at: string;
}

export interface DetectionCheckpointsTable {
  name: string;
  seq: number;
}

export interface DetectionTables {
  detection_checkpoints: DetectionCheckpointsTable;
  detection_events: DetectionEventsTable;
  detection_series: DetectionSeriesTable;
  detection_alerts: DetectionAlertsTable;
  detection_alert_subjects: DetectionAlertSubjectsTable;
  detection_suppressions: DetectionSuppressionsTable;
  detection_settings: DetectionSettingsTable;
}
