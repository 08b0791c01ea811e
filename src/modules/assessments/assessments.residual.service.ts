import type { ResidualRisk } from '../../contracts/assessments.js';
import { RESIDUAL_LEVELS } from '../../contracts/assessments.js';
import type { Severity } from '../../contracts/questionnaires.js';
import { RISK_TIERS, type RiskTier } from '../../contracts/vendors.js';
import type { Executor } from '../../db/database.js';
import { NotFound } from '../../lib/errors.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import type { AssessmentDeps } from './assessments.deps.js';
import { computeResidualRisk, type ExposureSignal } from './assessments.residual.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;

/** Where the exposure factor will come from; until the exposure module exists, nowhere. */
export interface ExposureSource {
  forVendors(vendorIds: readonly string[]): Promise<Map<string, ExposureSignal>>;
}
const NO_EXPOSURE: ExposureSource = { forVendors: () => Promise.resolve(new Map()) };

/**
 * The inputs of residual risk for many vendors in three queries (vendors, latest control
 * scores, open findings), so the portfolio heat map over 10,000 vendors stays one pass.
 * Reads the vendors table read-only, for the effective inherent tier.
 */
function createResidualStore(db: Executor) {
  return {
    async inputs(vendorId?: string) {
      let vendors = db
        .selectFrom('vendors')
        .select(['id', 'risk_tier', 'risk_tier_override'])
        .where('status', '!=', 'offboarded');
      let latest = db
        .selectFrom('assessments as a')
        .select(['a.vendor_id', 'a.id', 'a.control_score', 'a.submitted_at'])
        .where('a.submitted_at', 'is not', null)
        .where('a.status', 'in', ['submitted', 'decided']);
      let open = db
        .selectFrom('assessment_findings')
        .select(['vendor_id', 'severity', (eb) => eb.fn.countAll<number>().as('count')])
        .where('status', 'in', ['open', 'remediation_planned'])
        .groupBy(['vendor_id', 'severity']);
      if (vendorId) {
        vendors = vendors.where('id', '=', vendorId);
        latest = latest.where('a.vendor_id', '=', vendorId);
        open = open.where('vendor_id', '=', vendorId);
      }
      const [vendorRows, scoreRows, findingRows] = await Promise.all([
        vendors.execute(),
        latest.execute(),
        open.execute(),
      ]);
      const scores = new Map<string, { id: string; score: number | null; at: string }>();
      for (const row of scoreRows) {
        const seen = scores.get(row.vendor_id);
        if (!seen || row.submitted_at! > seen.at)
          scores.set(row.vendor_id, {
            id: row.id,
            score: row.control_score,
            at: row.submitted_at!,
          });
      }
      const findings = new Map<string, Record<Severity, number>>();
      for (const row of findingRows) {
        const counts = findings.get(row.vendor_id) ?? { critical: 0, high: 0, medium: 0, low: 0 };
        counts[row.severity as Severity] = Number(row.count);
        findings.set(row.vendor_id, counts);
      }
      return vendorRows.map((row) => ({
        vendorId: row.id,
        tier: (row.risk_tier_override ?? row.risk_tier) as RiskTier,
        latest: scores.get(row.id) ?? null,
        findings: findings.get(row.id) ?? { critical: 0, high: 0, medium: 0, low: 0 },
      }));
    },
  };
}

export function createResidualService(deps: AssessmentDeps & { exposure?: ExposureSource }) {
  const store = createResidualStore(deps.db.kysely);
  const exposure = deps.exposure ?? NO_EXPOSURE;

  async function compute(vendorId?: string): Promise<ResidualRisk[]> {
    const inputs = await store.inputs(vendorId);
    const signals = await exposure.forVendors(inputs.map((input) => input.vendorId));
    return inputs.map((input) => ({
      vendorId: input.vendorId,
      assessmentId: input.latest?.id ?? null,
      ...computeResidualRisk({
        inherentTier: input.tier,
        controlScore: input.latest?.score ?? null,
        openFindings: input.findings,
        exposure: signals.get(input.vendorId) ?? null,
      }),
    }));
  }

  return {
    async forVendor(ctx: CallContext, vendorId: string): Promise<ResidualRisk> {
      authorize(ctx, VIEWER);
      const [risk] = await compute(vendorId);
      if (!risk) throw new NotFound('Vendor', vendorId);
      return risk;
    },

    /** Vendors per inherent tier × residual level, every cell present (zeros included). */
    async heatMap(ctx: CallContext) {
      authorize(ctx, VIEWER);
      const counts = new Map<string, number>();
      for (const risk of await compute())
        counts.set(
          `${risk.inherentTier}/${risk.level}`,
          (counts.get(`${risk.inherentTier}/${risk.level}`) ?? 0) + 1,
        );
      return {
        cells: RISK_TIERS.flatMap((tier) =>
          RESIDUAL_LEVELS.map((level) => ({
            tier,
            level,
            vendors: counts.get(`${tier}/${level}`) ?? 0,
          })),
        ),
      };
    },
  };
}

export type ResidualService = ReturnType<typeof createResidualService>;
