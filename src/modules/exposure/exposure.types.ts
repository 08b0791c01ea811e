import type { Selectable } from 'kysely';
import type {
  ExposureAdvisoriesTable,
  ExposureComponentsTable,
  ExposureFindingsTable,
} from '../../db/schema.exposure.js';
import type { Requirement } from '../../lib/principal.js';

/** Who may do what; routes declare the same rules the services enforce. */
export const ACCESS = {
  read: { role: 'viewer', scope: 'read' },
  write: { role: 'analyst', scope: 'write' },
  /** Advisory feeds change what every vendor's findings say. */
  feeds: { role: 'admin', scope: 'admin' },
} as const satisfies Record<string, Requirement>;

export type ComponentOrigin = 'sbom' | 'declared';
export type ComponentRow = Selectable<ExposureComponentsTable>;
export type FindingRow = Selectable<ExposureFindingsTable>;
export type AdvisoryRow = Selectable<ExposureAdvisoriesTable>;

/** A component as read from an SBOM or declared, before it is stored. */
export interface NewComponent {
  componentKey: string;
  ecosystem: string | null;
  name: string;
  version: string | null;
  purl: string | null;
  cpe: string | null;
  cpeVendor: string | null;
  cpeProduct: string | null;
}

export interface Scope {
  vendorId: string;
  integrationId: string | null;
  scopeKey: string;
}

/** An upload replaces the component set of one integration, or of the vendor as a whole. */
export function scopeOf(vendorId: string, integrationId: string | null): Scope {
  return { vendorId, integrationId, scopeKey: integrationId ?? `vendor:${vendorId}` };
}

/** Unit separator: PostgreSQL text cannot hold NUL, and no package name holds this. */
const KEY_SEPARATOR = '\u001f';

export function componentKeyOf(parts: {
  ecosystem: string | null;
  name: string;
  version: string | null;
  cpe?: string | null;
}): string {
  if (parts.ecosystem === null && parts.cpe) return `cpe${KEY_SEPARATOR}${parts.cpe}`;
  return [parts.ecosystem ?? '', parts.name, parts.version ?? ''].join(KEY_SEPARATOR);
}

export function* chunked<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** Map.groupBy, which Node 20 lacks. */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
