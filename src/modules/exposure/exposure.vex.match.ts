import { PackageURL } from 'packageurl-js';
import type { FindingStatus } from '../../contracts/exposure.js';
import type { VexAffectedVersion, VexStatement } from './exposure.vex.js';

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
  const parsed = parsePurlSafely(purl);
  if (!parsed) return null;
  const base = [parsed.type, parsed.namespace ?? '', parsed.name].join('/').toLowerCase();
  return { base, version: parsed.version ?? null };
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

const VERSION_STATES: Record<VexAffectedVersion['status'], string> = {
  unaffected: 'not_affected',
  affected: 'exploitable',
  unknown: 'in_triage',
};

/**
 * The (component, state) claims a statement makes. A ref that names no known component claims
 * nothing. Listed versions make per-version claims with their own status; version ranges
 * (`vers:` strings) are not evaluated, so a ref given only as ranges claims nothing rather than
 * closing versions the range may not cover.
 */
export function vexClaims(statement: VexStatement): { purl: string; state: string }[] {
  return statement.affects.flatMap((affected) => {
    if (affected.purl === null) return [];
    if (!affected.versions) return [{ purl: affected.purl, state: statement.state }];
    const base = parsePurlSafely(affected.purl);
    if (!base) return [];
    return affected.versions.flatMap((listed) => {
      if (listed.version === null) return [];
      const versioned = new PackageURL(
        base.type,
        base.namespace,
        base.name,
        listed.version,
        null,
        null,
      );
      return [{ purl: versioned.toString(), state: VERSION_STATES[listed.status] }];
    });
  });
}

function parsePurlSafely(purl: string): PackageURL | null {
  try {
    return PackageURL.fromString(purl);
  } catch {
    return null;
  }
}
