import { z } from 'zod';
import { securityTxtSettingsInput } from '@contracts/securitytxt.js';
import { ApiError } from '../../api/client.js';
import type { SecurityTxtInput, SecurityTxtView } from '../../api/disclosure.js';
import { asRecord, joinList, list } from '../vendors/formValues.js';

/** The fields kept as one URI per line in a textarea, in the order the file lists them. */
export const LIST_FIELDS = [
  'contact',
  'encryption',
  'acknowledgments',
  'policy',
  'hiring',
  'csaf',
] as const;
export type ListField = (typeof LIST_FIELDS)[number];
export type SecurityTxtFormValues = Record<
  ListField | 'preferredLanguages' | 'expiresDays',
  string
>;
type FieldErrors = Partial<Record<keyof SecurityTxtFormValues, string>>;

/** RFC 9116 § 2.5.8 writes Preferred-Languages comma-separated, so the form does too. */
export function languages(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The form's strings for saved settings, or an empty form with the server's default 180 days. */
export function toValues(view: SecurityTxtView | null): SecurityTxtFormValues {
  return {
    contact: joinList(view?.contact),
    encryption: joinList(view?.encryption),
    acknowledgments: joinList(view?.acknowledgments),
    policy: joinList(view?.policy),
    hiring: joinList(view?.hiring),
    csaf: joinList(view?.csaf),
    preferredLanguages: (view?.preferredLanguages ?? []).join(', '),
    expiresDays: String(view?.expiresDays ?? 180),
  };
}

/** The form's strings turned into the contract's shape, then checked by the contract itself. */
export const securityTxtForm = z.preprocess((raw): SecurityTxtInput => {
  const v = asRecord(raw);
  return {
    contact: list(v.contact),
    encryption: list(v.encryption),
    acknowledgments: list(v.acknowledgments),
    policy: list(v.policy),
    hiring: list(v.hiring),
    csaf: list(v.csaf),
    preferredLanguages: languages(v.preferredLanguages),
    // The contract wants a number; an empty or non-numeric field stays NaN and is refused there.
    expiresDays: Number((v.expiresDays ?? '').trim() || Number.NaN),
  };
}, securityTxtSettingsInput);

/** The entry an issue's path points at (`policy`, 0), as the user typed it. */
function entryAt(values: SecurityTxtFormValues, key: string, index: unknown): string | undefined {
  const position = Number(index);
  if (!Number.isInteger(position)) return undefined;
  if (key === 'preferredLanguages') return languages(values.preferredLanguages)[position];
  return (LIST_FIELDS as readonly string[]).includes(key)
    ? list(values[key as ListField])[position]
    : undefined;
}

/**
 * A list field holds several entries but shows one error: name the entry that is wrong,
 * or "must be a URI" leaves the user to guess which of five lines it meant.
 */
function describe(values: SecurityTxtFormValues, path: readonly PropertyKey[], message: string) {
  const key = path[0];
  const entry = typeof key === 'string' ? entryAt(values, key, path[1]) : undefined;
  return entry === undefined ? message : `"${entry}": ${message}`;
}

/** Client-side errors, by field, with the offending entry named; for `submitWith`'s `extra`. */
export function entryErrors(values: SecurityTxtFormValues): FieldErrors {
  const result = securityTxtForm.safeParse(values);
  const found: FieldErrors = {};
  for (const issue of result.error?.issues ?? []) {
    const key = String(issue.path[0] ?? '') as keyof SecurityTxtFormValues;
    if (key in values) found[key] ??= describe(values, issue.path, issue.message);
  }
  return found;
}

/**
 * The server's issues (`body.contact.0`) with the offending entry named, so `applyError`
 * shows them at their fields just as the client-side check does.
 */
export function withEntriesNamed(error: unknown, values: SecurityTxtFormValues): unknown {
  if (!(error instanceof ApiError) || error.issues.length === 0) return error;
  return new ApiError(error.status, {
    code: error.code,
    message: error.message,
    requestId: error.requestId ?? undefined,
    issues: error.issues.map((issue) => ({
      field: issue.field,
      message: describe(values, issue.field.replace(/^body\./, '').split('.'), issue.message),
    })),
  });
}
