/** Table types of the breach module (see migrations/20261201200000_breach.ts). */
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

export interface BreachTables {
  breach_notice_templates: BreachNoticeTemplatesTable;
  breach_decisions: BreachDecisionsTable;
  breach_encryption: BreachEncryptionTable;
  breach_clock_alerts: BreachClockAlertsTable;
}
