/**
 * Table types of the breach module (see migrations/20261201200000_breach.ts and
 * 20261202090000_breach_campaigns.ts).
 */
export interface BreachDecisionsTable {
  id: string;
  incident_id: string;
  obligation_key: string;
  kind: string;
  details: string;
  justification: string;
  decided_by: string | null;
  decided_at: string;
  withdrawn_by: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  timeline_seq: number;
}

export interface BreachEncryptionTable {
  incident_id: string;
  category: string;
  state: string;
  note: string;
  set_by: string | null;
  set_at: string;
}

export interface BreachClockAlertsTable {
  incident_id: string;
  obligation_key: string;
  due: string;
  level: number;
  sent_at: string;
}

export interface BreachNoticeTemplatesTable {
  rule_id: string;
  locale: string;
  version: number;
  subject: string;
  sections: string;
  created_by: string | null;
  created_at: string;
}

export interface BreachCampaignsTable {
  id: string;
  incident_id: string;
  obligation_key: string;
  rule_id: string;
  locale: string;
  template_version: number;
  snapshot_id: string;
  message_domain: string;
  status: string;
  examined: number;
  scope_customers: number;
  recipients: number;
  suppressed: string;
  sent: number;
  failed: number;
  codes: number;
  needs_codes: number;
  run: number;
  test_sent_at: string | null;
  test_recipients: number;
  created_by: string | null;
  created_at: string;
  prepared_at: string | null;
  started_at: string | null;
  finished_at: string | null;
}

export interface BreachOutboxTable {
  campaign_id: string;
  seq: number;
  customer_ref: string;
  categories: string;
  status: string;
  reason: string | null;
  attempts: number;
  sent_at: string | null;
  error: string | null;
  support_code: string | null;
}

export interface BreachSuppressionsTable {
  email_index: string;
  hint: string;
  reason: string;
  added_by: string | null;
  added_at: string;
}

export interface BreachTables {
  breach_campaigns: BreachCampaignsTable;
  breach_outbox: BreachOutboxTable;
  breach_suppressions: BreachSuppressionsTable;
  breach_notice_templates: BreachNoticeTemplatesTable;
  breach_decisions: BreachDecisionsTable;
  breach_encryption: BreachEncryptionTable;
  breach_clock_alerts: BreachClockAlertsTable;
}
