import { compareAlpine } from './versions.alpine.js';
import { compareDpkg } from './versions.dpkg.js';
import { compareMaven } from './versions.maven.js';
import { compareNuget } from './versions.nuget.js';
import { comparePackagist } from './versions.packagist.js';
import { comparePypi } from './versions.pypi.js';
import { compareRpm } from './versions.rpm.js';
import { compareRubygems } from './versions.rubygems.js';
import { compareSemver } from './versions.semver.js';

export interface VersionScheme {
  compare: (a: string, b: string) => number;
  /**
   * Whether a version is one this scheme can order meaningfully. The comparators order any
   * string (they never throw), but a finding on "latest" or "${project.version}" must say
   * "version not comparable" rather than claim an order nobody defined.
   */
  comparable: (version: string) => boolean;
}

const SEMVER_LIKE = /^v?\d+(\.\d+)*([-+~][0-9A-Za-z.+~-]*)?$/;
const HAS_DIGIT_NO_SPACE = /^(?=.*\d)\S+$/;
const DPKG = /^(\d+:)?\d[A-Za-z0-9.+~:-]*$/;
/** What apk itself accepts as a version; its order for anything else is a guess. */
const APK = /^\d+(\.\d+)*[a-z]?(_(alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*(~[0-9a-f]+)?(-r\d+)?$/;

const scheme = (compare: VersionScheme['compare'], pattern: RegExp): VersionScheme => ({
  compare,
  comparable: (version) => version.length <= 256 && pattern.test(version),
});

/** By OSV ecosystem name. Debian and Ubuntu share dpkg; the RPM family shares rpmvercmp. */
const SCHEMES: Record<string, VersionScheme> = {
  npm: scheme(compareSemver, SEMVER_LIKE),
  Go: scheme(compareSemver, SEMVER_LIKE),
  'crates.io': scheme(compareSemver, SEMVER_LIKE),
  Hex: scheme(compareSemver, SEMVER_LIKE),
  PyPI: scheme(comparePypi, HAS_DIGIT_NO_SPACE),
  Maven: scheme(compareMaven, HAS_DIGIT_NO_SPACE),
  RubyGems: scheme(compareRubygems, HAS_DIGIT_NO_SPACE),
  NuGet: scheme(compareNuget, HAS_DIGIT_NO_SPACE),
  Packagist: scheme(comparePackagist, HAS_DIGIT_NO_SPACE),
  Debian: scheme(compareDpkg, DPKG),
  Ubuntu: scheme(compareDpkg, DPKG),
  'Red Hat': scheme(compareRpm, HAS_DIGIT_NO_SPACE),
  Rocky: scheme(compareRpm, HAS_DIGIT_NO_SPACE),
  AlmaLinux: scheme(compareRpm, HAS_DIGIT_NO_SPACE),
  openSUSE: scheme(compareRpm, HAS_DIGIT_NO_SPACE),
  SUSE: scheme(compareRpm, HAS_DIGIT_NO_SPACE),
  Alpine: scheme(compareAlpine, APK),
};

/**
 * The order of an OSV ecosystem's versions, or null where none is implemented (Pub, CRAN,
 * Hackage …): a package there matches as "version not comparable", never silently not.
 * Distro ecosystems may carry a release suffix (`Debian:12`, `Alpine:v3.18`).
 */
export function versionSchemeFor(ecosystem: string): VersionScheme | null {
  return SCHEMES[ecosystem] ?? SCHEMES[ecosystem.split(':')[0] ?? ''] ?? null;
}

/**
 * Versions in CPE names and NVD bounds have no ecosystem; rpmvercmp's segment-wise order
 * (numbers numerically, letters lexically) is the closest to how vendors number releases.
 */
export const CPE_VERSIONS: VersionScheme = scheme(compareRpm, HAS_DIGIT_NO_SPACE);
