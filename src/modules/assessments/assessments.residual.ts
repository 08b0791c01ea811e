import type { ResidualRisk } from '../../contracts/assessments.js';
import { SEVERITIES, type Severity } from '../../contracts/questionnaires.js';
import type { RiskTier } from '../../contracts/vendors.js';

/**
 * What the vendor-software module (exposure) will report: points for known-exploited or
 * vulnerable software a vendor runs. Until it exists nothing reports, and the factor says so.
 */
export interface ExposureSignal {
  points: number;
  detail: string;
}

export interface ResidualInput {
  inherentTier: RiskTier;
  /** The latest submitted assessment's control score; null when none was submitted. */
  controlScore: number | null;
  openFindings: Record<Severity, number>;
  exposure: ExposureSignal | null;
}

/** How much of the likelihood lands on the shop: a breach at a critical vendor hurts most. */
const IMPACT: Record<RiskTier, number> = { critical: 1, high: 0.8, medium: 0.55, low: 0.3 };
const FINDING_POINTS: Record<Severity, number> = { critical: 25, high: 15, medium: 4, low: 1 };
const MAX_FINDING_POINTS = 40;
const MAX_EXPOSURE_POINTS = 40;
/** Controls nobody has checked count as half-failed, not as fine. */
const UNKNOWN_CONTROL_POINTS = 50;

function levelOf(score: number): ResidualRisk['level'] {
  if (score >= 60) return 'critical';
  if (score >= 40) return 'high';
  if (score >= 20) return 'medium';
  return 'low';
}

/** The numbers alone: what the heat map needs for 10,000 vendors, without the words. */
export function residualScore(input: ResidualInput) {
  const controls =
    input.controlScore === null
      ? UNKNOWN_CONTROL_POINTS
      : Math.round((100 - input.controlScore) / 2);
  const findings = Math.min(
    MAX_FINDING_POINTS,
    SEVERITIES.reduce((sum, s) => sum + FINDING_POINTS[s] * input.openFindings[s], 0),
  );
  const exposure = Math.min(MAX_EXPOSURE_POINTS, Math.max(0, input.exposure?.points ?? 0));
  const likelihood = Math.min(100, controls + findings + exposure);
  const impact = IMPACT[input.inherentTier];
  const score = Math.round(likelihood * impact);
  return { controls, findings, exposure, likelihood, impact, score, level: levelOf(score) };
}

/**
 * Residual risk, 0–100, explained factor by factor: likelihood points (weak controls, open
 * findings, exposed software) times the inherent tier's impact. Deterministic and pure, so the
 * dashboard, the vendor page and the tests agree on every number.
 */
export function computeResidualRisk(
  input: ResidualInput,
): Omit<ResidualRisk, 'vendorId' | 'assessmentId'> {
  const { controls, findings, exposure, likelihood, impact, score, level } = residualScore(input);
  const counted = SEVERITIES.filter((s) => input.openFindings[s] > 0);
  return {
    inherentTier: input.inherentTier,
    score,
    level,
    factors: [
      {
        key: 'controls',
        label: 'Control weakness',
        points: controls,
        detail:
          input.controlScore === null
            ? `No submitted assessment: controls are unknown (${UNKNOWN_CONTROL_POINTS} points)`
            : `Control score ${input.controlScore}/100: half the shortfall counts (${controls} points)`,
      },
      {
        key: 'findings',
        label: 'Open findings',
        points: findings,
        detail:
          counted.length === 0
            ? 'No open findings'
            : `${counted.map((s) => `${input.openFindings[s]} ${s}`).join(', ')} (capped at ${MAX_FINDING_POINTS} points)`,
      },
      {
        key: 'exposure',
        label: 'Software exposure',
        points: exposure,
        detail: input.exposure?.detail ?? 'No software-exposure data for this vendor yet',
      },
      {
        key: 'inherent',
        label: 'Inherent tier (impact)',
        points: impact,
        detail: `Tier ${input.inherentTier}: likelihood ${likelihood} × ${impact} = ${score}`,
      },
    ],
  };
}
