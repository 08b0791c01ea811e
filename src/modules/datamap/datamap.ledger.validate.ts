import { sharingEvent, type SharingEvent } from '../../contracts/datamap.js';

/**
 * Validation of one sharing event at ingest speed. The Zod contract is the definition; this
 * fast path recognises the common, plainly valid shape (UTC timestamps, simple ids) in a
 * fraction of the time and hands everything else to Zod, which accepts or explains. The fast
 * path only ever accepts a subset of what Zod accepts (a property test holds it to that).
 */
export function validateSharingEvent(
  value: unknown,
): { event: SharingEvent } | { field: string; message: string } {
  const fast = fastPath(value);
  if (fast) return { event: fast };
  const parsed = sharingEvent.safeParse(value);
  if (parsed.success) return { event: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { field: issue.path.join('.') || '(line)', message: issue.message };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UTC_INSTANT =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?Z$/;
const EXTERNAL_ID = /^[\x21-\x7e]{1,100}$/;
const CATEGORY = /^[a-z][a-z0-9_]{1,39}$/;
const KEYS = new Set(['id', 'integration', 'customer', 'categories', 'records', 'at']);

function fastPath(value: unknown): SharingEvent | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  for (const key in v) if (!KEYS.has(key)) return null;
  const { id, integration, customer, categories, records, at } = v;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) return null;
  if (typeof integration !== 'string' || !UUID.test(integration)) return null;
  if (typeof customer !== 'string' || !EXTERNAL_ID.test(customer)) return null;
  if (!isCategoryList(categories)) return null;
  if (
    records !== undefined &&
    (typeof records !== 'number' || !Number.isInteger(records) || records < 0 || records > 1e9)
  )
    return null;
  if (typeof at !== 'string' || !UTC_INSTANT.test(at) || !isRealDate(at)) return null;
  return {
    id,
    integration,
    customer,
    categories,
    records: typeof records === 'number' ? records : 1,
    at,
  };
}

function isCategoryList(value: unknown): value is string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 64) return false;
  return value.every((item) => typeof item === 'string' && CATEGORY.test(item));
}

/** Date.parse rolls 2026-02-30 over to March; a real date survives the round trip. */
function isRealDate(instant: string): boolean {
  const ms = Date.parse(instant);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === instant.slice(0, 10);
}
