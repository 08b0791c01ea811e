/**
 * RPM versions (Red Hat, Fedora, SUSE): `[epoch:]version[-release]`, each part compared with
 * rpm's own `rpmvercmp`: runs of digits numerically, runs of letters as strings, separators
 * ignored, `~` before anything (pre-releases) and `^` after the base (post-release
 * snapshots). Written here because no maintained npm package implements rpmvercmp.
 */
export function compareRpm(a: string, b: string): number {
  const left = split(a);
  const right = split(b);
  return (
    rpmvercmp(left.epoch, right.epoch) ||
    rpmvercmp(left.version, right.version) ||
    compareRelease(left.release, right.release)
  );
}

/** A version with no release at all sorts before the same version with one, even empty. */
function compareRelease(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return rpmvercmp(a, b);
}

function split(value: string) {
  const colon = value.indexOf(':');
  const epoch = colon >= 0 ? value.slice(0, colon) : '0';
  const rest = colon >= 0 ? value.slice(colon + 1) : value;
  const dash = rest.lastIndexOf('-');
  return dash >= 0
    ? { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) }
    : { epoch, version: rest, release: null };
}

// rpm runs in the C locale: only ASCII letters and digits are alphanumeric.
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined) =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isAlnum = (c: string | undefined) => isDigit(c) || isAlpha(c);

export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]) && a[i] !== '~' && a[i] !== '^') i += 1;
    while (j < b.length && !isAlnum(b[j]) && b[j] !== '~' && b[j] !== '^') j += 1;
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i += 1;
      j += 1;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i += 1;
      j += 1;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(a[i]);
    const take = numeric ? isDigit : isAlpha;
    const startA = i;
    const startB = j;
    while (take(a[i])) i += 1;
    while (take(b[j])) j += 1;
    // A number against letters: the number is newer.
    if (j === startB) return numeric ? 1 : -1;
    let left = a.slice(startA, i);
    let right = b.slice(startB, j);
    if (numeric) {
      left = left.replace(/^0+/, '');
      right = right.replace(/^0+/, '');
      if (left.length !== right.length) return left.length > right.length ? 1 : -1;
    }
    if (left !== right) return left > right ? 1 : -1;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i < a.length ? 1 : -1;
}
