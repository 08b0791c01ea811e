import type { BlastRadiusRequest, TargetType } from '../../api/datamap.js';

/** The page's URL search, as the router validates it. */
export interface BlastRadiusSearch {
  vendorId?: string;
  integrationId?: string;
  subprocessorId?: string;
  from?: string;
  to?: string;
}

/** What the form edits: dates are whole UTC days, `YYYY-MM-DD`. */
export interface BlastRadiusDraft {
  targetType: TargetType;
  targetId: string;
  fromDay: string;
  toDay: string;
}

/** The story's exposure window opens here: Vendor X started receiving data on 2025-09-01. */
export const DEFAULT_FROM_DAY = '2025-09-01';

export const targetTypes: { value: TargetType; label: string }[] = [
  { value: 'vendor', label: 'Vendor' },
  { value: 'integration', label: 'Integration' },
  { value: 'subprocessor', label: 'Subprocessor' },
];

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(value: string): boolean {
  return dayPattern.test(value) && !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime());
}

/** Today as a UTC day, `YYYY-MM-DD`: the window's days are UTC days, as the form says. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A day as it is, or the UTC day of an instant (links may carry either). */
function dayOf(value: string | undefined, fallback: string): string {
  if (!value) return fallback;
  if (isDay(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? fallback : date.toISOString().slice(0, 10);
}

function instantOf(value: string, edge: 'start' | 'end'): string | null {
  if (isDay(value)) return edge === 'start' ? `${value}T00:00:00.000Z` : `${value}T23:59:59.999Z`;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function targetOf(search: BlastRadiusSearch): { targetType: TargetType; targetId: string } | null {
  if (search.vendorId) return { targetType: 'vendor', targetId: search.vendorId };
  if (search.integrationId) return { targetType: 'integration', targetId: search.integrationId };
  if (search.subprocessorId) return { targetType: 'subprocessor', targetId: search.subprocessorId };
  return null;
}

export function draftFromSearch(search: BlastRadiusSearch): BlastRadiusDraft {
  return {
    ...(targetOf(search) ?? { targetType: 'vendor', targetId: '' }),
    fromDay: dayOf(search.from, DEFAULT_FROM_DAY),
    toDay: dayOf(search.to, today()),
  };
}

export function searchFromDraft(draft: BlastRadiusDraft): BlastRadiusSearch {
  return { [`${draft.targetType}Id`]: draft.targetId, from: draft.fromDay, to: draft.toDay };
}

/** The API request the URL describes, or null while no target is chosen. */
export function requestFromSearch(search: BlastRadiusSearch): BlastRadiusRequest | null {
  const target = targetOf(search);
  if (!target) return null;
  const from = instantOf(search.from ?? DEFAULT_FROM_DAY, 'start');
  const to = instantOf(search.to ?? today(), 'end');
  if (!from || !to) return null;
  return { ...target, from, to };
}

export function sameSearch(a: BlastRadiusSearch, b: BlastRadiusSearch): boolean {
  const keys = ['vendorId', 'integrationId', 'subprocessorId', 'from', 'to'] as const;
  return keys.every((key) => (a[key] ?? '') === (b[key] ?? ''));
}

export type DraftErrors = Partial<Record<keyof BlastRadiusDraft, string>>;

export function validateDraft(draft: BlastRadiusDraft): DraftErrors {
  const errors: DraftErrors = {};
  if (!draft.targetId) errors.targetId = `Choose a ${draft.targetType}`;
  if (!isDay(draft.fromDay)) errors.fromDay = 'Enter a start date';
  if (!isDay(draft.toDay)) errors.toDay = 'Enter an end date';
  else if (isDay(draft.fromDay) && draft.fromDay > draft.toDay)
    errors.toDay = 'must be on or after the start date';
  return errors;
}
