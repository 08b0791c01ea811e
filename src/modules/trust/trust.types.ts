import type { Requirement } from '../../lib/principal.js';

export type {
  AccessRequest,
  Measure,
  StatusUpdate,
  Subprocessor,
  SubprocessorChange,
  TrustDocument,
  TrustSettings,
  TrustTopic,
} from '../../contracts/trust.js';

/**
 * Who may do what. Everything staff can change here ends up on a public page, so writing
 * needs an analyst; settings (theme, notice period) are an admin's. Reads of the staff API are
 * analyst too: the request queue holds requesters' names and addresses.
 */
export const ACCESS = {
  staff: { role: 'analyst', scope: 'write' },
  admin: { role: 'admin', scope: 'admin' },
} as const satisfies Record<string, Requirement>;

/** Vendor statuses under which a vendor may be (or stay) on the public subprocessor list. */
export const ENGAGED_STATUSES = ['approved', 'active', 'suspended'] as const;

/** What an announcement is about; each has a subscriber topic and a feed. */
export type AnnouncementKind = 'update' | 'advisory' | 'subprocessor_change';

export const TOPIC_OF = {
  update: 'updates',
  advisory: 'advisories',
  subprocessor_change: 'subprocessors',
} as const;

export const DAY_MS = 86_400_000;

/** A UTC calendar date (YYYY-MM-DD) some days from an instant. */
export function dateAfter(at: Date, days: number): string {
  return new Date(at.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}
