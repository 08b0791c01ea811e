import { cpeMatches, parseCpe, unescapeCpeValue, type Cpe } from './exposure.cpe.js';
import type { PackageMatch } from './exposure.match.js';
import { CPE_VERSIONS } from './versions.js';

/** NVD's `versionStart…`/`versionEnd…` bounds on a criteria whose version is usually `*`. */
export interface CpeBounds {
  startIncluding?: string;
  startExcluding?: string;
  endIncluding?: string;
  endExcluding?: string;
}

export interface CpeCandidate {
  criteria: string;
  bounds: CpeBounds;
}

/**
 * The (vendor, product) a CPE is indexed under, lower case and unescaped; null when either is
 * a wildcard, since "any product of any vendor" is exactly the loose match to refuse.
 */
export function cpeIndexKey(cpe: Cpe): { vendor: string; product: string } | null {
  const vendor = unescapeCpeValue(cpe.vendor).toLowerCase();
  const product = unescapeCpeValue(cpe.product).toLowerCase();
  if (
    !vendor ||
    !product ||
    /[*?]/.test(cpe.vendor + cpe.product) ||
    vendor === '-' ||
    product === '-'
  )
    return null;
  return { vendor, product };
}

export function describeBounds(bounds: CpeBounds): string {
  const parts = [
    bounds.startIncluding && `from ${bounds.startIncluding}`,
    bounds.startExcluding && `after ${bounds.startExcluding}`,
    bounds.endIncluding && `up to ${bounds.endIncluding}`,
    bounds.endExcluding && `before ${bounds.endExcluding}`,
  ].filter(Boolean);
  return parts.join(', ');
}

function withinBounds(version: string, bounds: CpeBounds): boolean {
  const order = (bound: string) => CPE_VERSIONS.compare(version, bound);
  if (bounds.startIncluding !== undefined && order(bounds.startIncluding) < 0) return false;
  if (bounds.startExcluding !== undefined && order(bounds.startExcluding) <= 0) return false;
  if (bounds.endIncluding !== undefined && order(bounds.endIncluding) > 0) return false;
  if (bounds.endExcluding !== undefined && order(bounds.endExcluding) >= 0) return false;
  return true;
}

/**
 * Whether a declared product (a concrete CPE) falls under an advisory's CPE criteria: the
 * NISTIR 7696 name match first (vendor and product both, no wildcard products), then NVD's
 * version bounds, compared segment by segment.
 */
export function matchCpeCandidate(
  target: string,
  candidate: CpeCandidate,
): Omit<PackageMatch, 'advisoryKey'> | null {
  const product = parseCpe(target);
  const criteria = parseCpe(candidate.criteria);
  if (!product || !criteria || !cpeIndexKey(product) || !cpeIndexKey(criteria)) return null;
  const name = cpeMatches(criteria, product);
  if (!name.matches) return null;
  const bounded = Object.values(candidate.bounds).some((bound) => bound !== undefined);
  const range = bounded
    ? `${candidate.criteria} ${describeBounds(candidate.bounds)}`
    : candidate.criteria;
  const fixedVersion = candidate.bounds.endExcluding ?? null;
  if (!bounded)
    return { rule: `CPE name match: ${name.reason}`, range, fixedVersion, comparable: true };
  const version = unescapeCpeValue(product.version);
  if (!CPE_VERSIONS.comparable(version))
    return { rule: 'version not comparable', range, fixedVersion, comparable: false };
  if (!withinBounds(version, candidate.bounds)) return null;
  return { rule: 'CPE name match within version bounds', range, fixedVersion, comparable: true };
}
