/** Tables of the disclosure module (migration 20261203090000_disclosure_reports). */
export interface DisclosureReportsTable {
  id: string;
  number: number;
  title: string;
  description: string;
  steps: string;
  asset: string;
  suggested_severity: string | null;
  contact_sealed: string | null;
  notify_researcher: number;
  status: string;
  severity: string | null;
  cvss_version: string | null;
  cvss_vector: string | null;
  cvss_score: number | null;
  cwe_id: string | null;
  cwe_name: string | null;
  affected_assets: string;
  affected_versions: string;
  duplicate_of: string | null;
  incident_id: string | null;
  owner_id: string | null;
  credit_name: string | null;
  credit_opt_in: number;
  challenge: string | null;
  received_at: string;
  first_response_at: string | null;
  triaged_at: string | null;
  fixed_at: string | null;
  closed_at: string | null;
  disclosure_date: string | null;
  updated_at: string;
}

export interface DisclosureReportLinksTable {
  token_hash: string;
  report_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface DisclosureMessagesTable {
  id: string;
  report_id: string;
  seq: number;
  author_kind: string;
  author_id: string | null;
  body: string;
  created_at: string;
}

export interface DisclosureAttachmentsTable {
  id: string;
  report_id: string;
  message_id: string | null;
  sha256: string;
  file_name: string;
  media_type: string;
  size: number;
  uploaded_by: string;
  internal: number;
  created_at: string;
}

export interface DisclosureReportEventsTable {
  id: string;
  report_id: string;
  seq: number;
  kind: string;
  detail: string;
  actor: string;
  at: string;
}

export interface DisclosureEscalationsTable {
  report_id: string;
  clock: string;
  percent: number;
  sent_at: string;
}

export interface DisclosureAdvisoriesTable {
  id: string;
  report_id: string | null;
  status: string;
  content: string;
  revisions: string;
  credit: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface DisclosureTables {
  disclosure_reports: DisclosureReportsTable;
  disclosure_report_links: DisclosureReportLinksTable;
  disclosure_messages: DisclosureMessagesTable;
  disclosure_attachments: DisclosureAttachmentsTable;
  disclosure_report_events: DisclosureReportEventsTable;
  disclosure_escalations: DisclosureEscalationsTable;
  disclosure_advisories: DisclosureAdvisoriesTable;
}
