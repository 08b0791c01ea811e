import { compare as comparePep440, valid } from '@renovatebot/pep440';

/**
 * PyPI versions: PEP 440 through `@renovatebot/pep440`. Versions PEP 440 rejects (old
 * releases such as `0.9-doduo`) fall back to setuptools' legacy order, which sorts every
 * legacy version before every PEP 440 one, as pip did while it still accepted them.
 */
export function comparePypi(a: string, b: string): number {
  const modernA = valid(a) !== null;
  const modernB = valid(b) !== null;
  if (modernA && modernB) return Math.sign(comparePep440(a, b));
  if (modernA !== modernB) return modernA ? 1 : -1;
  return compareLegacy(legacyKey(a), legacyKey(b));
}

const REPLACEMENTS: Record<string, string> = {
  pre: 'c',
  preview: 'c',
  '-': 'final-',
  rc: 'c',
  dev: '@',
};

/** setuptools' legacy parts: numbers zero-padded, words prefixed with `*`, ending `*final`. */
function legacyKey(version: string): string[] {
  const parts: string[] = [];
  const pieces = version.toLowerCase().split(/(\d+|[a-z]+|\.|-)/);
  for (const raw of [...pieces, 'final']) {
    const piece = REPLACEMENTS[raw] ?? raw;
    if (piece === '' || piece === '.') continue;
    const part = /^\d/.test(piece) ? piece.padStart(8, '0') : `*${piece}`;
    if (part.startsWith('*')) {
      // A hyphen before a pre-release tag, and trailing zeros of a number series, do not count.
      if (part < '*final') while (parts.at(-1) === '*final-') parts.pop();
      while (parts.at(-1) === '00000000') parts.pop();
    }
    parts.push(part);
  }
  return parts;
}

function compareLegacy(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1)
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return Math.sign(a.length - b.length);
}
