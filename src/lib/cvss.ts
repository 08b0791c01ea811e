/**
 * CVSS base scores from `ae-cvss-calculator`, for every module that scores a vector
 * (advisories from feeds, researcher reports). Vectors are outside input, so a bad one gives
 * null, never a throw.
 */
import cvss from 'ae-cvss-calculator';

export type SeverityRating = 'critical' | 'high' | 'medium' | 'low' | 'none' | 'unknown';

export type CvssVersion = '4.0' | '3.1' | '3.0' | '2.0';
// Newest first: a newer version's scoring supersedes an older one's for the same flaw.
export const VERSIONS: CvssVersion[] = ['4.0', '3.1', '3.0', '2.0'];

const BASE_METRICS: Record<CvssVersion, string[]> = {
  '4.0': ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'],
  '3.1': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '3.0': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '2.0': ['AV', 'AC', 'Au', 'C', 'I', 'A'],
};

export interface Scored {
  version: CvssVersion;
  score: number;
  vector: string;
}

function versionOf(vector: string): { version: CvssVersion; metrics: string } {
  const prefixed = /^CVSS:(4\.0|3\.1|3\.0|2\.0)\/(.*)$/.exec(vector);
  // CVSS 2.0 vectors have no prefix by the spec; NVD and OSV write them bare.
  if (!prefixed) return { version: '2.0', metrics: vector };
  return { version: prefixed[1] as CvssVersion, metrics: prefixed[2] ?? '' };
}

/**
 * The calculator is lenient where a score must not be: it lets a repeated metric overwrite
 * the first, accepts a 3.0 vector as 3.1, and scores a vector with base metrics missing.
 * So the shape is checked here, and the calculator only judges metric names and values.
 */
function hasStrictShape(metrics: string, version: CvssVersion): boolean {
  const seen = new Set<string>();
  for (const part of metrics.split('/')) {
    const match = /^([A-Za-z]+):([A-Za-z]+)$/.exec(part);
    if (!match?.[1] || seen.has(match[1])) return false;
    seen.add(match[1]);
  }
  return BASE_METRICS[version].every((metric) => seen.has(metric));
}

function calculatorFor(version: CvssVersion, vector: string) {
  switch (version) {
    case '4.0':
      return new cvss.Cvss4P0(vector);
    case '3.1':
      return new cvss.Cvss3P1(vector);
    case '3.0':
      return new cvss.Cvss3P0(vector);
    case '2.0':
      return new cvss.Cvss2(vector.replace(/^CVSS:2\.0\//, ''));
  }
}

/** The base score of one vector, or null when it is not a complete, valid CVSS vector. */
export function scoreVector(raw: string): Scored | null {
  const vector = raw.trim();
  const { version, metrics } = versionOf(vector);
  if (!hasStrictShape(metrics, version)) return null;
  try {
    const calculator = calculatorFor(version, vector);
    if (!calculator.isBaseFullyDefined()) return null;
    const scores = calculator.calculateScores();
    // Base metrics only, in every version: threat and environmental metrics describe one
    // deployment, and an advisory's severity is about the flaw.
    const score = 'baseMetricsOnly' in scores ? scores.baseMetricsOnly : scores.base;
    if (score === undefined || !Number.isFinite(score) || score < 0 || score > 10) return null;
    return { version, score, vector };
  } catch {
    return null; // the calculator throws on unknown metric names or values
  }
}

/** CVSS 3.x and 4.0 share the spec's qualitative scale; 2.0 has none, so NVD's is used. */
export function ratingOfScore(score: number, version: CvssVersion): SeverityRating {
  if (version === '2.0') return score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
  if (score === 0) return 'none';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}
