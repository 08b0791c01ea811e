import { compareDigits } from './versions.parts.js';

/**
 * Alpine package versions, as apk orders them: `number{.number}{letter}{_suffix{number}}
 * {~hash}{-r#}`. Numbers compare numerically, except that after the first one a number with a
 * leading zero compares as a string, so `1.01` < `1.1`, as in apk. A letter sorts
 * after none, suffixes rank `_alpha _beta _pre _rc` < none < `_cvs _svn _git _hg _p`, the
 * `~hash` is ignored and `-rN` breaks ties.
 *
 * apk-tools releases disagree on invalid versions (`1-ruff`, `1.2.0A`), so this follows
 * osv-scalibr's `semantic/version-alpine.go`, which the shared cases were written for, quirks
 * and all: suffixes are collected from anywhere in the string; two invalid versions sort as
 * plain strings; a valid and an invalid one compare part by part, the leftover text losing.
 * Written here because no maintained npm package implements apk's version order.
 */
export function compareAlpine(a: string, b: string): number {
  const left = parse(a);
  const right = parse(b);
  if (left.invalid && right.invalid) return compareBytes(a, b);
  return (
    compareNumbers(left.numbers, right.numbers) ||
    compareLetters(left.letter, right.letter) ||
    compareSuffixes(left.suffixes, right.suffixes) ||
    compareDigits(left.revision, right.revision) ||
    Number(left.remainder === '') - Number(right.remainder === '')
  );
}

interface AlpineVersion {
  numbers: string[];
  letter: string;
  suffixes: Suffix[];
  revision: string;
  remainder: string;
  /** Text is left over that is not a `-r` revision: no part of the grammar could read it. */
  invalid: boolean;
}

interface Suffix {
  rank: number;
  number: string;
}

// `.` without a digit after it ends the numbers; apk accepts such a version all the same.
const NUMBERS = /^(?:\d+\.?)*/;
const SUFFIXES = /_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/g;
const HASH = /^~[0-9a-f]+/;
const REVISION = /^-r(\d*)/;
/** Index 4, the empty string, is "no suffix": the rank a missing suffix compares as. */
const SUFFIX_RANKS = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p'];
const NO_SUFFIX: Suffix = { rank: SUFFIX_RANKS.indexOf(''), number: '0' };

function parse(version: string): AlpineVersion {
  const numbers = NUMBERS.exec(version)?.[0] ?? '';
  let rest = version.slice(numbers.length);
  const letter = /^[a-z]/.test(rest) ? rest.charAt(0) : '';
  rest = rest.slice(letter.length);
  // The reference scans the whole rest for suffixes but only strips those at its start, so a
  // suffix after unreadable text still counts (and the text still makes the version invalid).
  const suffixes: Suffix[] = [];
  for (const match of rest.matchAll(SUFFIXES)) {
    suffixes.push({ rank: SUFFIX_RANKS.indexOf(match[1] ?? ''), number: match[2] || '0' });
    if (rest.startsWith(match[0])) rest = rest.slice(match[0].length);
  }
  rest = rest.slice(HASH.exec(rest)?.[0].length ?? 0);
  const revision = REVISION.exec(rest);
  return {
    numbers: numbers.split('.').filter((part) => part !== ''),
    letter,
    suffixes,
    revision: revision?.[1] || '0',
    remainder: revision ? rest.slice(revision[0].length) : rest,
    invalid: rest !== '' && revision === null,
  };
}

function compareNumbers(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i];
    const y = b[i];
    // A missing number is a plain 0, compared numerically even after the first position.
    if (x === undefined || y === undefined) {
      const difference = compareDigits(x ?? '0', y ?? '0');
      if (difference !== 0) return difference;
      continue;
    }
    const asText = i > 0 && (x.startsWith('0') || y.startsWith('0'));
    const difference = asText ? compareBytes(x, y) : compareDigits(x, y);
    if (difference !== 0) return difference;
  }
  return 0;
}

function compareLetters(a: string, b: string): number {
  if (a === '' || b === '') return Number(a !== '') - Number(b !== '');
  return compareBytes(a, b);
}

function compareSuffixes(a: Suffix[], b: Suffix[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i] ?? NO_SUFFIX;
    const y = b[i] ?? NO_SUFFIX;
    const difference = Math.sign(x.rank - y.rank) || compareDigits(x.number, y.number);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Go compares strings byte by byte, i.e. in UTF-8 order, not JavaScript's UTF-16 order. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
