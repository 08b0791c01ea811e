import type { ColumnType, Generated } from 'kysely';
import type { DetectionTables } from './schema.detection.js';
import type { ExposureTables } from './schema.exposure.js';
import type { BreachTables } from './schema.breach.js';
import type { IncidentTables } from './schema.incidents.js';
import type { DisclosureTables } from './schema.disclosure.js';
import type { TrustTables } from './schema.trust.js';

/**
 * Table types for Kysely. Instants are ISO-8601 UTC strings in both dialects (see lib/clock.ts),
 * JSON is stored as text, and flags are small integers, so one query works on SQLite and
 * PostgreSQL alike.
 */
export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  role: string;
  status: string;
  password_hash: string | null;
  mfa_secret: string | null;
  mfa_pending_secret: string | null;
  mfa_enabled_at: string | null;
  mfa_last_step: number | null;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserInvitationsTable {
  token_hash: string;
  user_id: string;
  purpose: string;
  expires_at: string;
  created_at: string;
  used_at: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  mfa_state: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  scopes: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  locked_until: string | null;
  last_failure_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export interface AuditEventsTable {
  seq: number;
  occurred_at: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: string;
  request_id: string | null;
  ip: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface JobsTable {
  id: string;
  name: string;
  payload: string;
  status: string;
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  /** Random id of the claim a running job is held under; the fence for outcome writes. */
  claim_id: string | null;
  last_error: string | null;
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface JobSchedulesTable {
  name: string;
  cron: string;
  job_name: string;
  payload: string;
  enabled: ColumnType<number, number | undefined, number>;
  next_run_at: string;
  last_run_at: string | null;
}

export interface VendorsTable {
  id: string;
  legal_name: string;
  name_key: string;
  trading_name: string | null;
  website: string | null;
  domains: string;
  country: string | null;
  services: string;
  business_owner: string | null;
  security_contact: string | null;
  notes: string;
  status: string;
  risk_tier: string;
  risk_explanation: string;
  risk_tier_override: string | null;
  risk_override_reason: string | null;
  risk_override_by: string | null;
  risk_override_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface VendorTagsTable {
  vendor_id: string;
  tag: string;
}

export interface VendorContactsTable {
  id: string;
  vendor_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  role: string;
  created_at: string;
}

export interface DataCategoriesTable {
  key: string;
  bit: number;
  name: string;
  description: string;
  sensitivity: string;
  legal_flags: string;
  builtin: number;
  created_at: string;
  updated_at: string;
}

export interface IntegrationsTable {
  id: string;
  vendor_id: string;
  ledger_no: number;
  name: string;
  kind: string;
  environment: string;
  endpoints: string;
  domains: string;
  declared_scopes: string;
  declared_categories: string;
  credentials_ref: string | null;
  status: string;
  owner: string | null;
  created_at: string;
  updated_at: string;
}

export interface SubprocessorsTable {
  id: string;
  vendor_id: string;
  subprocessor_id: string;
  categories: string;
  location: string;
  purpose: string;
  created_at: string;
}

export interface AgreementsTable {
  id: string;
  vendor_id: string;
  type: string;
  title: string;
  signed_on: string | null;
  effective_on: string | null;
  expires_on: string | null;
  auto_renews: number;
  renewal_notice_days: number | null;
  termination_notice_days: number | null;
  breach_notice_hours: number | null;
  audit_rights: number;
  subprocessor_approval: number;
  notes: string;
  expiry_alerted_for: string | null;
  created_at: string;
  updated_at: string;
}

export interface BlobsTable {
  sha256: string;
  media_type: string;
  byte_size: number;
  content: Buffer;
  created_at: string;
}

export interface AgreementDocumentsTable {
  id: string;
  agreement_id: string;
  sha256: string;
  file_name: string;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface OffboardingStepsTable {
  vendor_id: string;
  step: string;
  done_by: string;
  done_at: string;
  note: string;
}

export interface DataKeysTable {
  id: string;
  purpose: string;
  wrapped: string;
  created_at: string;
}

export interface CustomersTable {
  id: Generated<number>;
  external_id: string;
  email_index: string | null;
  pii: string | null;
  country: string | null;
  region: string | null;
  locale: string | null;
  customer_since: string | null;
  updated_at: string;
  erased_at: string | null;
}

export interface CustomerImportsTable {
  id: string;
  format: string;
  status: string;
  rows_read: number;
  rows_invalid: number;
  errors: string;
  inserted: number | null;
  updated: number | null;
  started_by: string | null;
  started_at: string;
  finished_at: string | null;
}

export interface CustomerImportRowsTable {
  import_id: string;
  line: number;
  external_id: string;
  email_index: string | null;
  pii: string | null;
  country: string | null;
  region: string | null;
  locale: string | null;
  customer_since: string | null;
}

/** Instants in the ledger tables are epoch seconds, for compactness (see the migration). */
export interface SharingLedgerTable {
  integration_no: number;
  customer_ref: string;
  categories: number;
  first_at: number;
  last_at: number;
  events: number;
  records: number;
}

/** Same shape as the ledger, without its key: rows waiting to be merged into it. */
export type SharingPendingTable = SharingLedgerTable;

export interface SharingDailyTable {
  integration_no: number;
  day: string;
  events: number;
  records: number;
  categories: number;
}

export interface SharingEventKeysTable {
  digest: string;
  seen_at: number;
}

export interface SharingAlertsTable {
  id: string;
  integration_id: string;
  kind: string;
  category: string;
  status: string;
  events: number;
  first_seen_at: string;
  last_seen_at: string;
  created_at: string;
}

export interface QuestionnaireTemplatesTable {
  id: string;
  key: string;
  level: string | null;
  built_in: number;
  latest_version: number;
  created_at: string;
  updated_at: string;
}

export interface QuestionnaireVersionsTable {
  template_id: string;
  version: number;
  /** The template definition as JSON; never updated once written. */
  definition: string;
  created_by: string | null;
  created_at: string;
}

export interface AssessmentsTable {
  id: string;
  vendor_id: string;
  integration_id: string | null;
  template_id: string;
  template_version: number;
  template_name: string;
  status: string;
  due_date: string;
  recipient_name: string | null;
  recipient_email: string;
  control_score: number | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  submitted_at: string | null;
  decided_at: string | null;
}

export interface AssessmentLinksTable {
  token_hash: string;
  assessment_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface AssessmentAnswersTable {
  assessment_id: string;
  question_key: string;
  /** The answer as JSON. */
  value: string;
  updated_at: string;
}

export interface AssessmentEvidenceTable {
  id: string;
  assessment_id: string;
  question_key: string;
  sha256: string;
  file_name: string;
  media_type: string;
  byte_size: number;
  uploaded_via: string;
  uploaded_at: string;
}

export interface AssessmentFindingsTable {
  id: string;
  assessment_id: string;
  vendor_id: string;
  question_key: string | null;
  source: string;
  title: string;
  detail: string;
  severity: string;
  status: string;
  requested_remediation: string;
  remediation_plan: string | null;
  remediation_due: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AssessmentDecisionsTable {
  id: string;
  assessment_id: string;
  vendor_id: string;
  sequence: number;
  integration_id: string | null;
  outcome: string;
  reason: string;
  expires_on: string | null;
  decided_by: string;
  decided_at: string;
}

export interface DecisionConditionsTable {
  id: string;
  decision_id: string;
  text: string;
  due_date: string;
  met_at: string | null;
  met_by: string | null;
}

export interface VendorAssessmentStateTable {
  vendor_id: string;
  latest_assessment_id: string | null;
  control_score: number | null;
  submitted_at: string | null;
  open_critical: number;
  open_high: number;
  open_medium: number;
  open_low: number;
  updated_at: string;
}

export interface AssessmentNoticesTable {
  key: string;
  sent_at: string;
}

export interface Database
  extends
    ExposureTables,
    DetectionTables,
    IncidentTables,
    BreachTables,
    DisclosureTables,
    TrustTables {
  users: UsersTable;
  user_invitations: UserInvitationsTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  settings: SettingsTable;
  audit_events: AuditEventsTable;
  audit_chain_head: AuditChainHeadTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  vendors: VendorsTable;
  vendor_tags: VendorTagsTable;
  vendor_contacts: VendorContactsTable;
  data_categories: DataCategoriesTable;
  integrations: IntegrationsTable;
  subprocessors: SubprocessorsTable;
  agreements: AgreementsTable;
  blobs: BlobsTable;
  agreement_documents: AgreementDocumentsTable;
  offboarding_steps: OffboardingStepsTable;
  data_keys: DataKeysTable;
  customers: CustomersTable;
  customer_imports: CustomerImportsTable;
  customer_import_rows: CustomerImportRowsTable;
  sharing_ledger: SharingLedgerTable;
  sharing_pending: SharingPendingTable;
  sharing_daily: SharingDailyTable;
  sharing_event_keys: SharingEventKeysTable;
  sharing_alerts: SharingAlertsTable;
  questionnaire_templates: QuestionnaireTemplatesTable;
  questionnaire_versions: QuestionnaireVersionsTable;
  assessments: AssessmentsTable;
  assessment_links: AssessmentLinksTable;
  assessment_answers: AssessmentAnswersTable;
  assessment_evidence: AssessmentEvidenceTable;
  assessment_findings: AssessmentFindingsTable;
  assessment_decisions: AssessmentDecisionsTable;
  decision_conditions: DecisionConditionsTable;
  assessment_notices: AssessmentNoticesTable;
  vendor_assessment_state: VendorAssessmentStateTable;
}
