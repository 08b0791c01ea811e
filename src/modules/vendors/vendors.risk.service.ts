import type { z } from 'zod';
import type { riskOverrideRequest } from '../../contracts/vendors.js';
import { NotFound } from '../../lib/errors.js';
import { authorize, systemContext, type CallContext } from '../../lib/principal.js';
import type { VendorDeps } from './vendors.deps.js';
import { assessRisk, type RiskInputs } from './vendors.risk.js';
import type { VendorStore } from './vendors.store.js';
import {
  ACCESS,
  actorName,
  type ComputedRisk,
  type IntegrationFacts,
  type RiskAssessment,
  type StoredVendor,
} from './vendors.types.js';

export type RiskOverrideRequest = z.infer<typeof riskOverrideRequest>;

type Catalogue = RiskInputs['catalogue'];

/** Vendors walked per batch by `recomputeAll`: one integrations query per batch. */
const BATCH = 200;

export function toAssessment(vendor: StoredVendor): RiskAssessment {
  const { computedRisk, riskOverride } = vendor;
  return {
    tier: vendor.riskTier,
    computedTier: computedRisk.tier,
    score: computedRisk.score,
    factors: computedRisk.factors,
    override: riskOverride,
  };
}

function sameRisk(a: ComputedRisk, b: ComputedRisk): boolean {
  return (
    a.tier === b.tier &&
    a.score === b.score &&
    JSON.stringify(a.factors) === JSON.stringify(b.factors)
  );
}

/**
 * Inherent risk, computed from the vendor's integrations, the category catalogue and the
 * sharing ledger. Those are read outside any transaction: the ledger is large and belongs to
 * the data map, and on SQLite a read through another handle inside a transaction would wait
 * forever for the one connection. So recomputing is a separate step after a change commits.
 */
export function createRiskService(
  { db, clock, audit, categories, reach }: Omit<VendorDeps, 'notify'>,
  vendors: VendorStore,
) {
  async function catalogue(): Promise<Catalogue> {
    const index = await categories.index();
    return new Map(index.categories.map((c) => [c.key, c]));
  }

  async function compute(
    integrations: IntegrationFacts[],
    known: Catalogue,
  ): Promise<ComputedRisk> {
    const reached = await reach.summarize(integrations.map((integration) => integration.id));
    return assessRisk({
      integrations,
      observedCategories: reached.categories,
      customersReached: reached.customers,
      catalogue: known,
    });
  }

  /** Stores a fresh result if it differs; a tier change is an audit event. True if stored. */
  async function storeIfChanged(
    vendorId: string,
    current: ComputedRisk | undefined,
    computed: ComputedRisk,
  ): Promise<boolean> {
    if (!current || sameRisk(current, computed)) return false;
    await db.kysely.transaction().execute(async (trx) => {
      await vendors.setComputedRisk(vendorId, computed, clock.now().toISOString(), trx);
      if (current.tier === computed.tier) return;
      await audit.record(
        systemContext('vendors.risk'),
        {
          action: 'vendors.risk.recompute',
          objectType: 'vendor',
          objectId: vendorId,
          details: { from: current.tier, to: computed.tier, score: computed.score },
        },
        trx,
      );
    });
    return true;
  }

  /** Recomputes a batch of vendors with one integrations and one risk query; returns changes. */
  async function refresh(ids: string[], known: Catalogue, signal?: AbortSignal) {
    const [integrations, stored] = await Promise.all([
      vendors.integrationsOf(ids),
      vendors.computedRisks(ids),
    ]);
    let changed = 0;
    for (const id of ids) {
      signal?.throwIfAborted();
      const computed = await compute(integrations.get(id) ?? [], known);
      if (await storeIfChanged(id, stored.get(id), computed)) changed += 1;
    }
    return changed;
  }

  async function requireVendor(vendorId: string): Promise<StoredVendor> {
    const vendor = await vendors.findById(vendorId);
    if (!vendor) throw new NotFound('Vendor', vendorId);
    return vendor;
  }

  return {
    async get(ctx: CallContext, vendorId: string): Promise<RiskAssessment> {
      authorize(ctx, ACCESS.read);
      return toAssessment(await requireVendor(vendorId));
    },

    /** Sets (or with tier null, clears) a human override of the computed tier. */
    async override(
      ctx: CallContext,
      vendorId: string,
      request: RiskOverrideRequest,
    ): Promise<RiskAssessment> {
      authorize(ctx, ACCESS.write);
      const at = clock.now().toISOString();
      const override =
        request.tier === null
          ? null
          : { tier: request.tier, reason: request.reason, by: actorName(ctx.principal), at };
      return db.kysely.transaction().execute(async (trx) => {
        const vendor = await vendors.findById(vendorId, trx);
        if (!vendor) throw new NotFound('Vendor', vendorId);
        if (!vendor.riskOverride && !override) return toAssessment(vendor);
        await vendors.setOverride(vendorId, override, at, trx);
        await audit.record(
          ctx,
          {
            action: override ? 'vendors.risk.override' : 'vendors.risk.override-clear',
            objectType: 'vendor',
            objectId: vendorId,
            details: {
              before: vendor.riskOverride?.tier ?? null,
              after: override?.tier ?? null,
              computedTier: vendor.computedRisk.tier,
              reason: request.reason,
            },
          },
          trx,
        );
        const riskTier = override?.tier ?? vendor.computedRisk.tier;
        return toAssessment({ ...vendor, riskTier, riskOverride: override });
      });
    },

    /** Recomputes and stores one vendor's risk; call it after the change it follows commits. */
    async recompute(vendorId: string): Promise<void> {
      await refresh([vendorId], await catalogue());
    },

    /** Walks every vendor (the hourly job). Idempotent: unchanged results are not written. */
    async recomputeAll(
      ctx: CallContext,
      signal?: AbortSignal,
    ): Promise<{ checked: number; changed: number }> {
      authorize(ctx, ACCESS.admin);
      const known = await catalogue();
      let checked = 0;
      let changed = 0;
      let ids = await vendors.idsAfter(null, BATCH);
      while (ids.length > 0) {
        changed += await refresh(ids, known, signal);
        checked += ids.length;
        ids = await vendors.idsAfter(ids[ids.length - 1]!, BATCH);
      }
      return { checked, changed };
    },
  };
}

export type RiskService = ReturnType<typeof createRiskService>;
