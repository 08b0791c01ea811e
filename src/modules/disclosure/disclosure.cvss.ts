import type { CvssScore, Severity } from '../../contracts/advisories.js';
import { ratingOfScore, scoreVector } from '../../lib/cvss.js';
import { ValidationError } from '../../lib/errors.js';

/**
 * The score of a vector a report or an advisory is given: complete CVSS 3.1 or 4.0 only
 * (the versions a calculator writes today), else a field error naming it.
 */
export function cvssOf(vector: string | null, field = 'body.cvss'): CvssScore | null {
  if (vector === null) return null;
  const scored = scoreVector(vector);
  if (!scored || (scored.version !== '3.1' && scored.version !== '4.0'))
    throw ValidationError.forField(field, `"${vector}" is not a complete CVSS 3.1 or 4.0 vector`);
  return {
    version: scored.version,
    vector: scored.vector,
    score: scored.score,
    severity: ratingOfScore(scored.score, scored.version) as Severity,
  };
}
