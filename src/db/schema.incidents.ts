/** Table types of the incidents module (see migrations/20261201190000_incidents.ts). */
export interface IncidentsTable {
  id: string;
  title: string;
  type: string;
  severity: string;
  status: string;
  summary: string;
  owner_id: string | null;
  restricted: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  timeline_seq: number;
  timeline_hash: string;
}

export interface IncidentMembersTable {
  incident_id: string;
  user_id: string;
  added_by: string | null;
  added_at: string;
}

export interface IncidentLinksTable {
  incident_id: string;
  kind: string;
  target_id: string;
  linked_by: string | null;
  linked_at: string;
}

export interface IncidentTriggersTable {
  id: string;
  incident_id: string;
  trigger: string;
  vendor_id: string | null;
  at: string | null;
  reason: string;
  source: string;
  set_by: string | null;
  set_at: string;
  timeline_seq: number;
}

export interface IncidentTimelineTable {
  incident_id: string;
  seq: number;
  kind: string;
  occurred_at: string;
  occurred_time_zone: string;
  occurred_source: string;
  confidence: string;
  recorded_at: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  body: string;
  supersedes: number | null;
  prev_hash: string;
  hash: string;
}

export interface IncidentPlaybooksTable {
  incident_id: string;
  playbook: string;
  version: number;
  applied_by: string | null;
  applied_at: string;
}

export interface IncidentTasksTable {
  id: string;
  incident_id: string;
  playbook: string | null;
  task_key: string | null;
  position: number;
  title: string;
  description: string;
  role: string | null;
  assignee_id: string | null;
  status: string;
  due_trigger: string | null;
  due_offset_hours: number | null;
  due_at: string | null;
  checklist: string;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  completed_by: string | null;
  overdue_notified_at: string | null;
}

export interface IncidentEvidenceTable {
  id: string;
  incident_id: string;
  sha256: string;
  file_name: string;
  media_type: string;
  byte_size: number;
  description: string;
  acquired_at: string;
  acquired_from: string;
  legal_hold: number;
  privileged: number;
  added_by: string | null;
  added_at: string;
}

export interface IncidentCustodyTable {
  id: string;
  evidence_id: string;
  action: string;
  at: string;
  from_party: string;
  to_party: string;
  purpose: string;
  location: string;
  recorded_by: string | null;
  recorded_at: string;
  timeline_seq: number;
}

export interface IncidentActionEndpointsTable {
  action_type: string;
  url: string;
  secret_sealed: string;
  updated_by: string | null;
  updated_at: string;
}

export interface IncidentActionsTable {
  id: string;
  incident_id: string;
  action_type: string;
  idempotency_key: string;
  summary: string;
  requested_by: string | null;
  requested_at: string;
}

export interface IncidentActionMessagesTable {
  id: string;
  action_id: string;
  part: number;
  payload: string;
  status: string;
  attempts: number;
  last_error: string | null;
  response_status: number | null;
  response_body: string | null;
  created_at: string;
  completed_at: string | null;
}

export interface IncidentScopeSnapshotsTable {
  id: string;
  incident_id: string;
  window_from: string;
  window_to: string;
  inputs: string;
  summary: string;
  customers: number;
  set_sha256: string;
  taken_by: string | null;
  taken_at: string;
  timeline_seq: number;
}

export interface IncidentReviewsTable {
  incident_id: string;
  summary: string;
  root_cause: string;
  went_well: string;
  to_improve: string;
  updated_by: string | null;
  updated_at: string;
}

export interface IncidentTables {
  incidents: IncidentsTable;
  incident_members: IncidentMembersTable;
  incident_links: IncidentLinksTable;
  incident_triggers: IncidentTriggersTable;
  incident_timeline: IncidentTimelineTable;
  incident_playbooks: IncidentPlaybooksTable;
  incident_tasks: IncidentTasksTable;
  incident_evidence: IncidentEvidenceTable;
  incident_custody: IncidentCustodyTable;
  incident_action_endpoints: IncidentActionEndpointsTable;
  incident_actions: IncidentActionsTable;
  incident_action_messages: IncidentActionMessagesTable;
  incident_scope_snapshots: IncidentScopeSnapshotsTable;
  incident_reviews: IncidentReviewsTable;
}
