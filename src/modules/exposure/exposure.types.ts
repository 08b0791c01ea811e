import type { Selectable } from 'kysely';
import type {
  ExposureAdvisoriesTable,
  ExposureComponentsTable,
  ExposureFindingsTable,
} from '../../db/schema.exposure.js';
import { sha256Hex } from '../../lib/crypto.js';
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

/**
 * A component's identity in its scope, hashed: names and versions come from outside and may
 * be long or multi-byte, and the key sits in unique indexes with a size limit per entry.
 */

export function componentKeyOf(parts: {
  ecosystem: string | null;
  name: string;
  version: string | null;
  cpe?: string | null;
}): string {
  const identity =
    parts.ecosystem === null && parts.cpe
      ? ['cpe', parts.cpe]
      : [parts.ecosystem ?? '', parts.name, parts.version ?? ''];
  return sha256Hex(JSON.stringify(identity));
}
