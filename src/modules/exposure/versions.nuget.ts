import { compareDigits, comparePrerelease } from './versions.parts.js';

/**
 * NuGet versions, as NuGet.Versioning orders them: up to four numbers (missing ones are 0,
 * leading zeros ignored), then release labels, case-insensitive: a release sorts after its
 * pre-releases, numeric labels compare as numbers and before alphanumeric ones, and build
 * metadata after `+` is ignored. Written here: no maintained npm package implements it.
 */
export function compareNuget(a: string, b: string): number {
  const left = parse(a);
  const right = parse(b);
  for (let i = 0; i < 4; i += 1) {
    const difference = compareDigits(left.numbers[i] ?? '0', right.numbers[i] ?? '0');
    if (difference !== 0) return difference;
  }
  return comparePrerelease(left.labels, right.labels);
}

function parse(version: string) {
  const bare = version.trim().toLowerCase().split('+')[0]!;
  const dash = bare.indexOf('-');
  const numbers = (dash >= 0 ? bare.slice(0, dash) : bare).split('.');
  const labels = dash >= 0 ? bare.slice(dash + 1).split('.') : null;
  return { numbers, labels };
}
