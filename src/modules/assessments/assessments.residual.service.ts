import type { ResidualRisk } from '../../contracts/assessments.js';
import { RESIDUAL_LEVELS } from '../../contracts/assessments.js';
import { RISK_TIERS } from '../../contracts/vendors.js';
import { NotFound } from '../../lib/errors.js';
import { authorize, type CallContext } from '../../lib/principal.js';
import type { AssessmentDeps } from './assessments.deps.js';
import { computeResidualRisk, residualScore, type ExposureSignal } from './assessments.residual.js';
import type { PortfolioCache } from './assessments.portfolio-cache.js';
import { createVendorStateStore } from './assessments.state.store.js';

const VIEWER = { role: 'viewer', scope: 'read' } as const;

/** Where the exposure factor comes from: the exposure module's open findings per vendor. */
export interface ExposureSource {
  forVendors(vendorIds: readonly string[]): Promise<Map<string, ExposureSignal>>;
  /** Changes whenever a signal may have: the portfolio cache is keyed by it. */
  revision(): Promise<string>;
}
export const NO_EXPOSURE: ExposureSource = {
  forVendors: () => Promise.resolve(new Map()),
  revision: () => Promise.resolve(''),
};

export function createResidualService(
  deps: AssessmentDeps & { exposure?: ExposureSource; cache: PortfolioCache },
) {
  const store = createVendorStateStore(deps.db.kysely);
  const exposure = deps.exposure ?? NO_EXPOSURE;

  async function compute(vendorId: string): Promise<ResidualRisk[]> {
    const states = await store.list(vendorId);
    const signals = await exposure.forVendors(states.map((state) => state.vendorId));
    return states.map((state) => ({
      vendorId: state.vendorId,
      assessmentId: state.latestAssessmentId,
      ...computeResidualRisk({
        inherentTier: state.tier,
        controlScore: state.controlScore,
        openFindings: state.openFindings,
        exposure: signals.get(state.vendorId) ?? null,
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
      return deps.cache.get('heat-map', heatMap);
    },
  };

  async function heatMap() {
    const counts = new Map<string, number>();
    const states = await store.list();
    const signals = await exposure.forVendors(states.map((state) => state.vendorId));
    for (const state of states) {
      const { level } = residualScore({
        inherentTier: state.tier,
        controlScore: state.controlScore,
        openFindings: state.openFindings,
        exposure: signals.get(state.vendorId) ?? null,
      });
      const key = `${state.tier}/${level}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return {
      cells: RISK_TIERS.flatMap((tier) =>
        RESIDUAL_LEVELS.map((level) => ({
          tier,
          level,
          vendors: counts.get(`${tier}/${level}`) ?? 0,
        })),
      ),
    };
  }
}

export type ResidualService = ReturnType<typeof createResidualService>;
