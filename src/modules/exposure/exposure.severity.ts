/**
 * One severity for an advisory, from its CVSS vectors or, failing those, its own rating word.
 * Scores come from `lib/cvss.ts`; this file decides which vector counts. Vectors are outside
 * input, so a bad one is skipped, never thrown.
 */
import {
  ratingOfScore,
  scoreVector,
  VERSIONS,
  type Scored,
  type SeverityRating,
} from '../../lib/cvss.js';

export interface Severity {
  score: number | null;
  rating: SeverityRating;
  vector: string | null;
  /** What the severity rests on, e.g. "CVSS 3.1 base score" or "advisory rating". */
  source: string;
}

// GHSA writes MODERATE, Ubuntu adds negligible, Red Hat says important; one scale for all.
const RATING_WORDS = new Map<string, SeverityRating>([
  ['critical', 'critical'],
  ['high', 'high'],
  ['important', 'high'],
  ['moderate', 'medium'],
  ['medium', 'medium'],
  ['low', 'low'],
  ['negligible', 'low'],
  ['none', 'none'],
]);

/**
 * The newest CVSS version present wins; within one version the first valid vector wins, so a
 * caller lists the authoritative one (NVD's Primary) first. Without a usable vector the
 * advisory's own rating word is used, and without that the severity is unknown.
 */
export function severityOf(input: { vectors: string[]; rating?: string | null }): Severity {
  const scored = input.vectors.map(scoreVector).filter((s): s is Scored => s !== null);
  for (const version of VERSIONS) {
    const best = scored.find((s) => s.version === version);
    if (best)
      return {
        score: best.score,
        rating: ratingOfScore(best.score, version),
        vector: best.vector,
        source: `CVSS ${version} base score`,
      };
  }
  const word = RATING_WORDS.get(input.rating?.trim().toLowerCase() ?? '');
  if (word) return { score: null, rating: word, vector: null, source: 'advisory rating' };
  return { score: null, rating: 'unknown', vector: null, source: 'no CVSS vector or rating' };
}
