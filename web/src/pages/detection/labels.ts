import {
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  DETECTORS,
  SUPPRESSION_SUBJECTS,
  type AlertStatus,
  type DetectorName,
} from '@contracts/detection.js';
import type { Suppression } from '../../api/detection.js';
import { options } from '../vendors/labels.js';

export const detectorLabels: Record<DetectorName, string> = {
  failed_login_spike: 'Failed-login spike',
  account_brute_force: 'Account brute force',
  source_stuffing: 'Credential stuffing from one source',
  distributed_stuffing: 'Distributed credential stuffing',
  password_spraying: 'Password spraying',
  account_takeover: 'Account takeover',
  vendor_api_volume: 'Vendor API volume',
  vendor_api_scope: 'Vendor API out of scope',
  sshd_brute_force: 'SSH brute force',
};

/** What each detector's alert series counts, one point per signal. */
export const seriesLabels: Record<DetectorName, string> = {
  failed_login_spike: 'Failures',
  account_brute_force: 'Failures',
  source_stuffing: 'Distinct accounts',
  distributed_stuffing: 'Distinct accounts',
  password_spraying: 'Distinct accounts',
  account_takeover: 'Accounts',
  vendor_api_volume: 'Records',
  vendor_api_scope: 'Records',
  sshd_brute_force: 'Failures',
};

export const alertStatusLabels: Record<AlertStatus, string> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  closed: 'Closed',
  false_positive: 'False positive',
};

export const suppressionSubjectLabels: Record<Suppression['subject'], string> = {
  all: 'Everything',
  cidr: 'Address or CIDR range',
  account: 'Account',
  integration: 'Integration',
};

export const streamOptions = [
  { value: 'web', label: 'Shop logins' },
  { value: 'sshd', label: 'SSH logins' },
] as const;

/** `web`, `sshd`, or `api:<integration id>` for a vendor's API traffic. */
export function streamLabel(stream: string): string {
  if (stream.startsWith('api')) return 'Vendor API';
  return streamOptions.find((option) => option.value === stream)?.label ?? stream;
}

export const detectorOptions = options(DETECTORS, (value) => detectorLabels[value]);
export const alertStatusOptions = options(ALERT_STATUSES, (value) => alertStatusLabels[value]);
export const alertSeverityOptions = options(ALERT_SEVERITIES);
export const suppressionSubjectOptions = options(
  SUPPRESSION_SUBJECTS,
  (value) => suppressionSubjectLabels[value],
);

/** `unknownAccounts` → `Unknown accounts`, `networks16` → `Networks (/16)`: count keys for people. */
export function countLabel(key: string): string {
  if (key === 'networks16') return 'Networks (/16)';
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Measures are numbers; ratios (0 to 1) read better as percentages. */
export function formatMeasure(name: string, value: number): string {
  return /ratio|share/i.test(name) ? formatPercent(value) : formatNumber(value);
}

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
export function formatNumber(value: number): string {
  return number.format(value);
}

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
export function formatPercent(value: number): string {
  return percent.format(value);
}
