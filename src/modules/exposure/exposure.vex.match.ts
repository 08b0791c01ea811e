import { PackageURL } from 'packageurl-js';
import type { FindingStatus } from '../../contracts/exposure.js';

export interface VexStatementLike {
  vulnerability_id: string;
  purl: string | null;
  state: string;
  justification: string | null;
}

/** VEX states that say the vendor's product is not exposed; the others leave a finding open. */
const CLOSING_STATES = new Set([
  'not_affected',
  'false_positive',
  'resolved',
  'resolved_with_pedigree',
]);

/** type/namespace/name and, when given, the version; qualifiers (`?type=jar`) do not matter. */
function purlIdentity(purl: string): { base: string; version: string | null } | null {
  try {
    const parsed = PackageURL.fromString(purl);
    const base = [parsed.type, parsed.namespace ?? '', parsed.name].join('/').toLowerCase();
    return { base, version: parsed.version ?? null };
  } catch {
    return null;
  }
}

/** A statement without a purl names an unknown component, never "every component". */
function covers(statementPurl: string | null, componentPurl: string | null): boolean {
  if (statementPurl === null || componentPurl === null) return false;
  const statement = purlIdentity(statementPurl);
  const component = purlIdentity(componentPurl);
  if (!statement || !component || statement.base !== component.base) return false;
  return statement.version === null || statement.version === component.version;
}

/**
 * What the vendor's VEX says about one finding: the latest statement naming the advisory (by
 * id or alias) for this component. Null when no statement closes it.
 */
export function vexVerdict(
  statements: readonly VexStatementLike[],
  finding: { advisoryId: string; aliases: readonly string[]; purl: string | null },
): { status: FindingStatus; reason: string } | null {
  const names = new Set([finding.advisoryId, ...finding.aliases]);
  let latest: VexStatementLike | null = null;
  for (const statement of statements)
    if (names.has(statement.vulnerability_id) && covers(statement.purl, finding.purl))
      latest = statement;
  if (!latest || !CLOSING_STATES.has(latest.state)) return null;
  const why = latest.justification ? ` (${latest.justification})` : '';
  return { status: 'not_affected', reason: `VEX ${latest.state}${why}` };
}
