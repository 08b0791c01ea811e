import type { IntegrationKind } from '@contracts/vendors.js';

/** `server_api_client` → `Server API client`, for enum values shown to people. */
export function humanize(value: string): string {
  const words = value.replace(/_/g, ' ');
  return (words.charAt(0).toUpperCase() + words.slice(1)).replace(/\bapi\b/gi, 'API');
}

export const integrationKindLabels: Record<IntegrationKind, string> = {
  server_api_client: 'Server API client',
  oauth_app: 'OAuth app',
  webhook_subscriber: 'Webhook subscriber',
  browser_script: 'Browser script',
  file_transfer: 'File transfer',
};

export const offboardingStepLabels = {
  credentials_revoked: 'Credentials revoked',
  deletion_certificate_received: 'Deletion certificate received',
  removed_from_published_subprocessors: 'Removed from the published subprocessor list',
} as const;

export function options<T extends string>(
  values: readonly T[],
  label: (value: T) => string = humanize,
) {
  return values.map((value) => ({ value, label: label(value) }));
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A calendar date (`YYYY-MM-DD`, no time zone) as the reader writes dates. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '—';
  const date = new Date(`${day}T00:00:00`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

/** Whole days from today (local) to a calendar date; negative once it has passed. */
export function daysUntil(day: string, today = new Date()): number {
  const target = new Date(`${day}T00:00:00`);
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((target.getTime() - start.getTime()) / 86_400_000);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
