import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareAlpine } from './versions.alpine.js';
import { compareDpkg } from './versions.dpkg.js';
import { compareMaven } from './versions.maven.js';
import { compareNuget } from './versions.nuget.js';
import { comparePackagist } from './versions.packagist.js';
import { comparePypi } from './versions.pypi.js';
import { compareRpm } from './versions.rpm.js';
import { compareRubygems } from './versions.rubygems.js';
import { compareSemver } from './versions.semver.js';
import { orderingCases } from './versions.test-cases.js';

/**
 * Every case of the shared ordering files for the ecosystems implemented, both ways round
 * (A op B and B op' A), read straight from ../shared/data/versions.
 */
const ecosystems: [string, string, (a: string, b: string) => number][] = [
  ['Debian', 'debian-versions.txt', compareDpkg],
  ['RPM', 'redhat-versions.txt', compareRpm],
  ['Maven', 'maven-versions.txt', compareMaven],
  ['PyPI', 'pypi-versions.txt', comparePypi],
  ['RubyGems', 'rubygems-versions.txt', compareRubygems],
  ['NuGet', 'nuget-versions.txt', compareNuget],
  ['Packagist', 'packagist-versions.txt', comparePackagist],
  ['SemVer (npm, Go, crates.io, Hex)', 'semver-versions.txt', compareSemver],
  ['Alpine', 'alpine-versions.txt', compareAlpine],
];

describe.each(ecosystems)('%s version order', (_name, file, compare) => {
  it(`agrees with every case in ${file}`, () => {
    const cases = orderingCases(file);
    expect(cases.length).toBeGreaterThan(5);
    const wrong = cases.filter(
      (c) =>
        Math.sign(compare(c.left, c.right)) !== c.expected ||
        Math.sign(compare(c.right, c.left)) !== -c.expected,
    );
    expect(wrong.map((c) => `line ${c.line}: ${c.left} vs ${c.right}`)).toEqual([]);
  });
});

describe.each(ecosystems)('%s version order on hostile input', (_name, _file, compare) => {
  it('never throws, and is antisymmetric and reflexive', () => {
    const version = fc.oneof(fc.string(), fc.stringMatching(/^[0-9a-z.:~^+_-]{0,20}$/));
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(Math.sign(compare(a, b))).toBe(-Math.sign(compare(b, a)) || 0);
        expect(compare(a, a)).toBe(0);
      }),
    );
  });
});
