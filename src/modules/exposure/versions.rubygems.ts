/**
 * RubyGems versions, as `Gem::Version#<=>` orders them: the version splits into runs of
 * digits (numbers) and letters (words, which make it a pre-release); trailing zeros of the
 * numeric release part and of the pre-release part are ignored; a word sorts before a number.
 * A hyphen means `.pre.`. Written here: no npm package implements Gem::Version.
 */
type Segment = bigint | string;

export function compareRubygems(a: string, b: string): number {
  const left = canonicalSegments(a);
  const right = canonicalSegments(b);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const x = left[i] ?? 0n;
    const y = right[i] ?? 0n;
    if (x === y) continue;
    if (typeof x !== typeof y) return typeof x === 'string' ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

function canonicalSegments(version: string): Segment[] {
  const segments: Segment[] = (
    version
      .trim()
      .replace(/-/g, '.pre.')
      .match(/[0-9]+|[a-z]+/gi) ?? []
  ).map((part) => (/^\d+$/.test(part) ? BigInt(part) : part));
  const firstWord = segments.findIndex((segment) => typeof segment === 'string');
  const release = firstWord === -1 ? segments : segments.slice(0, firstWord);
  const prerelease = firstWord === -1 ? [] : segments.slice(firstWord);
  return [...dropTrailingZeros(release), ...dropTrailingZeros(prerelease)];
}

function dropTrailingZeros(segments: Segment[]): Segment[] {
  let end = segments.length;
  while (end > 0 && segments[end - 1] === 0n) end -= 1;
  return segments.slice(0, end);
}
