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
    const difference = compareNumbers(left.core[i] ?? '0', right.core[i] ?? '0');
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

const isNumber = (part: string) => /^\d+$/.test(part);

function compareNumbers(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length > y.length ? 1 : -1;
  return x === y ? 0 : x > y ? 1 : -1;
}

/** A release sorts after its pre-releases; identifiers compare numerically or in ASCII order. */
function comparePrerelease(a: string[] | null, b: string[] | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const numeric = [isNumber(x), isNumber(y)];
    if (numeric[0] && numeric[1]) {
      const difference = compareNumbers(x, y);
      if (difference !== 0) return difference;
    } else if (numeric[0] !== numeric[1]) return numeric[0] ? -1 : 1;
    else if (x !== y) return x > y ? 1 : -1;
  }
  return 0;
}
