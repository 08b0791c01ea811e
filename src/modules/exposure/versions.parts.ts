/** Pieces several version schemes share. */

export const isNumber = (part: string) => /^\d+$/.test(part);

/** Two digit strings as numbers of any size (leading zeros ignored), without parsing them. */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length > y.length ? 1 : -1;
  return x === y ? 0 : x > y ? 1 : -1;
}

/**
 * SemVer 2.0 pre-release order (NuGet uses the same on lower-cased labels): no pre-release
 * sorts after any; identifiers compare numerically when both are numbers, numbers before
 * words, words in ASCII order, and a shorter list first when all else is equal.
 */
export function comparePrerelease(a: string[] | null, b: string[] | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (isNumber(x) && isNumber(y)) {
      const difference = compareDigits(x, y);
      if (difference !== 0) return difference;
    } else if (isNumber(x) !== isNumber(y)) return isNumber(x) ? -1 : 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
