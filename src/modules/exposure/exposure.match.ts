import { affects, type OsvAffected, type OsvEvent } from './exposure.ranges.js';
import { versionSchemeFor } from './versions.js';

/** One advisory's `affected` entry for the package being matched. */
export interface PackageCandidate {
  advisoryKey: string;
  affected: OsvAffected;
}

/** Why a component matched an advisory: kept on the finding, shown on its page. */
export interface PackageMatch {
  advisoryKey: string;
  /** The rule that fired: "versions list", "ranges[0] ECOSYSTEM", or "version not comparable". */
  rule: string;
  /** The range that matched, in words: "introduced 8.5.0, fixed 8.5.51". */
  range: string;
  /** The smallest fixed version above the component's, if the advisory names one. */
  fixedVersion: string | null;
  comparable: boolean;
}

export function describeRange(events: readonly OsvEvent[]): string {
  return events
    .map((event) =>
      Object.entries(event)
        .map(([kind, version]) => `${kind} ${String(version)}`)
        .join(' '),
    )
    .join(', ');
}

function fixedVersions(affected: OsvAffected): string[] {
  return (affected.ranges ?? []).flatMap((range) =>
    range.events.flatMap((event) => (event.fixed === undefined ? [] : [event.fixed])),
  );
}

/**
 * Which candidates affect `version` of a package in `ecosystem`. A version the ecosystem's
 * scheme cannot order (or an ecosystem without one) matches every candidate that names
 * versions at all, flagged as not comparable: a finding to check by hand beats a silent miss.
 */
export function matchPackage(
  ecosystem: string,
  version: string | null,
  candidates: readonly PackageCandidate[],
): PackageMatch[] {
  const scheme = versionSchemeFor(ecosystem);
  const matches: PackageMatch[] = [];
  for (const { advisoryKey, affected } of candidates) {
    const ranges = (affected.ranges ?? []).filter((r) => r.type !== 'GIT');
    if (ranges.length === 0 && (affected.versions ?? []).length === 0) continue;
    if (!scheme || version === null || !scheme.comparable(version)) {
      matches.push({
        advisoryKey,
        rule: 'version not comparable',
        range: ranges.map((range) => describeRange(range.events)).join('; ') || 'versions list',
        fixedVersion: fixedVersions(affected)[0] ?? null,
        comparable: false,
      });
      continue;
    }
    const hit = affects(affected, version, scheme.compare);
    if (!hit) continue;
    const index = /^ranges\[(\d+)\]/.exec(hit.rule)?.[1];
    const range = index === undefined ? undefined : affected.ranges?.[Number(index)];
    const above = fixedVersions(affected)
      .filter((fixed) => scheme.compare(fixed, version) > 0)
      .sort(scheme.compare);
    matches.push({
      advisoryKey,
      rule: hit.rule === 'versions' ? 'versions list' : hit.rule,
      range: range ? describeRange(range.events) : `listed version ${version}`,
      fixedVersion: above[0] ?? null,
      comparable: true,
    });
  }
  return matches;
}
