import { PackageURL } from 'packageurl-js';

/** OSV's ecosystem names, keyed by PURL type. */
const ECOSYSTEMS: Record<string, string> = {
  npm: 'npm',
  pypi: 'PyPI',
  maven: 'Maven',
  golang: 'Go',
  cargo: 'crates.io',
  hex: 'Hex',
  gem: 'RubyGems',
  nuget: 'NuGet',
  composer: 'Packagist',
  deb: 'Debian',
  rpm: 'Red Hat',
  apk: 'Alpine',
};

export interface PackageKey {
  /** OSV ecosystem name, e.g. `PyPI`. */
  ecosystem: string;
  /** The name advisories use for the package in that ecosystem. */
  name: string;
  version: string | null;
}

/**
 * PackageURL.fromString, remembered: an upload validates each PURL and then keys it, and a
 * 10,000-component SBOM would otherwise parse every one twice. Bounded, and only a copy.
 */
const parsedPurls = new Map<string, PackageURL | Error>();
const PARSED_PURLS_KEPT = 50_000;

export function parsePurl(purl: string): PackageURL | Error {
  let parsed = parsedPurls.get(purl);
  if (parsed) return parsed;
  try {
    parsed = PackageURL.fromString(purl);
  } catch (error) {
    parsed = error instanceof Error ? error : new Error(String(error));
  }
  if (parsedPurls.size >= PARSED_PURLS_KEPT) parsedPurls.clear();
  parsedPurls.set(purl, parsed);
  return parsed;
}

/** PEP 503: lower case, every run of `-`, `_` and `.` one hyphen. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * The ecosystem and the advisory name of a package URL, or null for a type no advisory
 * source covers. Maven is `group:artifact`, Go the module path, npm keeps its `@scope/`,
 * PyPI is PEP 503-normalised; distro packages drop the distro namespace. A malformed PURL
 * is outside input: it gives null, never an exception.
 */
export function packageKeyOf(purl: string): PackageKey | null {
  const parsed = parsePurl(purl);
  if (parsed instanceof Error) return null;
  const ecosystem = ECOSYSTEMS[parsed.type];
  if (!ecosystem) return null;
  const { namespace, name } = parsed;
  const qualified = (separator: string) => (namespace ? `${namespace}${separator}${name}` : name);
  const names: Record<string, () => string> = {
    npm: () => qualified('/'),
    pypi: () => normalizePypiName(name),
    maven: () => qualified(':'),
    golang: () => qualified('/'),
    composer: () => qualified('/').toLowerCase(),
  };
  return {
    ecosystem,
    name: (names[parsed.type] ?? (() => name))(),
    version: parsed.version ?? null,
  };
}

/**
 * The name an advisory uses, made comparable with `packageKeyOf`'s: PyPI names are
 * PEP 503-normalised and Packagist names lower case on both sides; the rest are exact.
 */
export function advisoryPackageName(ecosystem: string, name: string): string {
  if (ecosystem === 'PyPI') return normalizePypiName(name);
  if (ecosystem === 'Packagist') return name.toLowerCase();
  return name;
}
