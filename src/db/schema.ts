import type { ColumnType, Generated } from 'kysely';

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

export interface Database {
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
}

/** Keeps Generated importable for later tables with database-assigned columns. */
export type { Generated };
