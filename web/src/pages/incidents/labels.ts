import {
  ACTION_TYPES,
  CONFIDENCE_LEVELS,
  INCIDENT_SEVERITIES,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  LINK_KINDS,
  TASK_ROLES,
  TRIGGER_NAMES,
  WRITTEN_KINDS,
} from '@contracts/incidents.js';
import type {
  Action,
  ActionType,
  CustodyEvent,
  IncidentStatus,
  IncidentType,
  LinkKind,
  ScopeSnapshot,
  Task,
  TimelineEntry,
  TimelineKind,
  TriggerName,
} from '../../api/incidents.js';
import { formatCount } from '../../components/counts.js';
import { options } from '../vendors/labels.js';

export const incidentTypeLabels: Record<IncidentType, string> = {
  vendor_compromise: 'Vendor compromise',
  credential_stuffing: 'Credential stuffing',
  data_exfiltration: 'Data exfiltration',
  vulnerability_exploited: 'Vulnerability exploited',
  other: 'Other',
};

export const incidentStatusLabels: Record<IncidentStatus, string> = {
  detected: 'Detected',
  analysing: 'Analysing',
  contained: 'Contained',
  eradicated: 'Eradicated',
  recovered: 'Recovered',
  closed: 'Closed',
};

export const triggerLabels: Record<TriggerName, string> = {
  exposure_from: 'Exposure began',
  exposure_to: 'Exposure ended',
  detected: 'Detected',
  aware: 'Became aware',
  discovered: 'Discovered',
  determined: 'Breach determined',
  materiality_decided: 'Materiality decided',
  vendor_notice_received: 'Vendor notice received',
};

export const timelineKindLabels: Record<TimelineKind, string> = {
  note: 'Note',
  decision: 'Decision',
  communication: 'Communication',
  status_change: 'Status change',
  trigger_set: 'Trigger time',
  link_change: 'Link change',
  record_change: 'Record change',
  task_change: 'Task change',
  evidence_added: 'Evidence added',
  custody: 'Custody',
  scope_snapshot: 'Scope snapshot',
  action_executed: 'Action executed',
};

export const confidenceLabels: Record<TimelineEntry['confidence'], string> = {
  confirmed: 'Confirmed',
  probable: 'Probable',
  possible: 'Possible',
};

export const linkKindLabels: Record<LinkKind, string> = {
  vendor: 'Vendors',
  integration: 'Integrations',
  alert: 'Alerts',
  finding: 'Findings',
};

export const taskRoleLabels: Record<NonNullable<Task['role']>, string> = {
  owner: 'Incident owner',
  security: 'Security',
  legal: 'Legal',
  communications: 'Communications',
  engineering: 'Engineering',
  vendor_management: 'Vendor management',
};

export const taskStatusLabels: Record<Task['status'], string> = {
  open: 'Open',
  done: 'Done',
  skipped: 'Skipped',
};

export const custodyActionLabels: Record<CustodyEvent['action'], string> = {
  acquired: 'Acquired',
  accessed: 'Accessed',
  transferred: 'Transferred',
  stored: 'Stored',
  returned: 'Returned',
  exported: 'Exported',
};

export const actionTypeLabels: Record<ActionType, string> = {
  revoke_credentials: 'Revoke credentials',
  force_password_reset: 'Force password resets',
  block_sources: 'Block sources',
};

export const actionStatusLabels: Record<Action['status'], string> = {
  sending: 'Sending',
  succeeded: 'Succeeded',
  failed: 'Failed',
  partly_failed: 'Partly failed',
};

export const incidentTypeOptions = options(INCIDENT_TYPES, (value) => incidentTypeLabels[value]);
export const incidentStatusOptions = options(
  INCIDENT_STATUSES,
  (value) => incidentStatusLabels[value],
);
export const incidentSeverityOptions = options(INCIDENT_SEVERITIES);
export const triggerOptions = options(TRIGGER_NAMES, (value) => triggerLabels[value]);
export const writtenKindOptions = options(WRITTEN_KINDS, (value) => timelineKindLabels[value]);
export const confidenceOptions = options(CONFIDENCE_LEVELS, (value) => confidenceLabels[value]);
export const linkKindOptions = options(LINK_KINDS);
export const taskRoleOptions = options(TASK_ROLES, (value) => taskRoleLabels[value]);
/** The custody events a person records; Cordon records acquisition and access itself. */
export const recordedCustodyOptions = options(
  ['transferred', 'stored', 'returned', 'exported'] as const,
  (value) => custodyActionLabels[value],
);
export const actionTypeOptions = options(ACTION_TYPES, (value) => actionTypeLabels[value]);

/** Where a status sits in the NIST lifecycle: going to a lower one is going back. */
export const lifecycleRank = (status: IncidentStatus) => INCIDENT_STATUSES.indexOf(status);

const hours = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
export function formatHours(value: number): string {
  return `${hours.format(value)} h`;
}

/** Hashes are 64 hex digits; the first 12 tell entries apart, the title holds the rest. */
export function shortHash(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}

/** A snapshot against the one before it: "+3 customers, −1", or "first snapshot". */
export function scopeChangeLabel(
  change: Pick<NonNullable<ScopeSnapshot['change']>, 'added' | 'removed'> | null,
): string {
  if (!change) return 'first snapshot';
  return `+${formatCount(change.added)} ${change.added === 1 ? 'customer' : 'customers'}, −${formatCount(change.removed)}`;
}
