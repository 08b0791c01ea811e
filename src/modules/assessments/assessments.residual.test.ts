import { describe, expect, it } from 'vitest';
import { computeResidualRisk } from './assessments.residual.js';

const none = { critical: 0, high: 0, medium: 0, low: 0 };

describe('residual risk', () => {
  it('counts unknown controls as half-failed, not as fine', () => {
    const unknown = computeResidualRisk({
      inherentTier: 'critical',
      controlScore: null,
      openFindings: none,
      exposure: null,
    });
    expect(unknown).toMatchObject({ score: 50, level: 'high' });
    const strong = computeResidualRisk({
      inherentTier: 'critical',
      controlScore: 100,
      openFindings: none,
      exposure: null,
    });
    expect(strong).toMatchObject({ score: 0, level: 'low' });
  });

  it('adds open findings by severity, capped, and scales by the inherent tier', () => {
    const input = {
      controlScore: 80,
      openFindings: { ...none, high: 2, low: 3 },
      exposure: null,
    };
    const critical = computeResidualRisk({ ...input, inherentTier: 'critical' });
    // controls (100 - 80) / 2 = 10; findings 2 × 15 + 3 × 1 = 33; × 1.
    expect(critical.score).toBe(43);
    expect(critical.level).toBe('high');
    expect(critical.factors.find((f) => f.key === 'findings')).toMatchObject({
      points: 33,
      detail: '2 high, 3 low (capped at 40 points)',
    });
    expect(computeResidualRisk({ ...input, inherentTier: 'low' }).score).toBe(Math.round(43 * 0.3));
    const many = computeResidualRisk({
      ...input,
      inherentTier: 'critical',
      openFindings: { ...none, critical: 5 },
    });
    expect(many.factors.find((f) => f.key === 'findings')!.points).toBe(40);
  });

  it('takes exposure from the hook, and says when there is none', () => {
    const base = { inherentTier: 'high' as const, controlScore: 90, openFindings: none };
    const quiet = computeResidualRisk({ ...base, exposure: null });
    expect(quiet.factors.find((f) => f.key === 'exposure')).toMatchObject({
      points: 0,
      detail: 'No software-exposure data for this vendor yet',
    });
    const exposed = computeResidualRisk({
      ...base,
      exposure: { points: 35, detail: 'Runs software with a known-exploited vulnerability' },
    });
    expect(exposed.score).toBe(Math.round((5 + 35) * 0.8));
    expect(exposed.factors.find((f) => f.key === 'inherent')!.detail).toBe(
      'Tier high: likelihood 40 × 0.8 = 32',
    );
  });
});
