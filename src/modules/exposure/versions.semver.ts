import { compareDigits, comparePrerelease } from './versions.parts.js';

/**
 * Semantic versions as advisories write them (npm, Go, crates.io, Hex): SemVer 2.0 order, but
 * lenient the way real data needs: a `v` prefix (Go), missing minor or patch parts, more than
 * three parts (the rest is ignored, like build metadata), and numbers of any size. The `semver`
 * package refuses those forms outright, so this small comparator is our own.
 */
export function compareSemver(a: string, b: string): number {
  const left = parse(a);
  const right = parse(b);
  for (let i = 0; i < 3; i += 1) {
    const difference = compareDigits(left.core[i] ?? '0', right.core[i] ?? '0');
    if (difference !== 0) return difference;
  }
  return comparePrerelease(left.prerelease, right.prerelease);
}

function parse(version: string) {
  const bare = version.trim().replace(/^v/, '').split('+')[0]!;
  const dash = bare.indexOf('-');
  const core = (dash >= 0 ? bare.slice(0, dash) : bare).split('.');
  const prerelease = dash >= 0 ? bare.slice(dash + 1).split('.') : null;
  return { core, prerelease };
}
