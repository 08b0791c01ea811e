import { compareDigits } from './versions.parts.js';

/**
 * Packagist (Composer) versions, in PHP's `version_compare` order: a leading `v` is dropped,
 * `-`, `_` and `+` become dots, and a dot is put between digits and letters; then part by
 * part, numbers numerically (any size) and words by rank
 * (dev < alpha = a < beta = b < RC = rc < # < pl = p, unknown words below all), a number
 * ranking as `#`. A longer version is greater if its extra part is a number. Written here:
 * no npm package implements it.
 */
export function comparePackagist(a: string, b: string): number {
  return compareParts(canonical(a), canonical(b));
}

const FORMS: [string, number][] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];
/** What a number counts as against a word. */
const NUMBER = '#N#';

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlnum = (c: string) => /^[A-Za-z0-9]$/.test(c);

function formRank(part: string): number {
  // PHP matches by prefix, in table order: "preview" ranks as "p".
  for (const [name, rank] of FORMS) if (part.startsWith(name)) return rank;
  return -6;
}

function canonical(version: string): string[] {
  const text = version.trim().replace(/^[vV](?=\d)/, '');
  let out = text.slice(0, 1);
  for (let i = 1; i < text.length; i += 1) {
    const previous = text[i - 1]!;
    const c = text[i]!;
    const boundary =
      (isDigit(previous) && !isDigit(c) && c !== '.') ||
      (!isDigit(previous) && previous !== '.' && isDigit(c));
    if (c === '-' || c === '_' || c === '+' || (!isAlnum(c) && c !== '.' && c !== '#')) {
      if (!out.endsWith('.')) out += '.';
      if (c === '#') out += c;
    } else if (boundary) {
      if (!out.endsWith('.')) out += '.';
      out += c;
    } else out += c;
  }
  return out.split('.');
}

function comparePart(a: string, b: string): number {
  if (isDigit(a[0]) && isDigit(b[0]))
    return compareDigits(a.match(/^\d+/)![0], b.match(/^\d+/)![0]);
  const left = isDigit(a[0]) ? formRank(NUMBER) : formRank(a);
  const right = isDigit(b[0]) ? formRank(NUMBER) : formRank(b);
  return Math.sign(left - right);
}

function compareParts(a: string[], b: string[]): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i += 1) {
    const result = comparePart(a[i]!, b[i]!);
    if (result !== 0) return result;
  }
  if (a.length === b.length) return 0;
  const longer = a.length > b.length ? a : b;
  const sign = a.length > b.length ? 1 : -1;
  const extra = longer[shared]!;
  return isDigit(extra[0]) ? sign : sign * compareParts(longer.slice(shared), [NUMBER]);
}
