import type { Sensitivity } from '../../contracts/datamap.js';
import type { IntegrationKind, RiskTier } from '../../contracts/vendors.js';
import type { ComputedRisk, IntegrationFacts, RiskFactor } from './vendors.types.js';

/**
 * Inherent risk: what could go wrong through a vendor before anyone asks how well it is run.
 * Three factors scored 1..4 (how sensitive the data, how many customers, how exposed the
 * integration) multiply to 1..64, so one low factor keeps a vendor out of the top tier while
 * two high ones put it there. Pure, and every factor says in words why it scored as it did.
 */
export interface CatalogueEntry {
  key: string;
  name: string;
  sensitivity: Sensitivity;
}

export interface RiskInputs {
  /** All the vendor's integrations; retired ones still count for the data the vendor holds. */
  integrations: readonly IntegrationFacts[];
  /** Categories the sharing ledger saw reach the vendor, declared or not. */
  observedCategories: readonly string[];
  customersReached: number;
  /** The category catalogue by key, in catalogue order. */
  catalogue: ReadonlyMap<string, CatalogueEntry>;
}

export function assessRisk(inputs: RiskInputs): ComputedRisk {
  const factors = [
    sensitivityFactor(inputs),
    reachFactor(inputs.customersReached),
    exposureFactor(inputs.integrations),
  ];
  const score = factors.reduce((product, factor) => product * factor.score, 1);
  return { tier: tierFor(score), score, factors };
}

/** A vendor with no integrations and no sharing: what every new vendor starts with. */
export function initialRisk(): ComputedRisk {
  return assessRisk({
    integrations: [],
    observedCategories: [],
    customersReached: 0,
    catalogue: new Map(),
  });
}

export function tierFor(score: number): RiskTier {
  if (score >= 27) return 'critical';
  if (score >= 12) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

const SENSITIVITY: Record<Sensitivity, { score: number; label: string }> = {
  low: { score: 1, label: 'Low-sensitivity data' },
  moderate: { score: 2, label: 'Moderate-sensitivity data' },
  high: { score: 3, label: 'High-sensitivity data' },
  critical: { score: 4, label: 'Critical data' },
};

/** The first item with the highest score (ties keep catalogue or creation order). */
function highest<T>(items: readonly T[], score: (item: T) => number): T | undefined {
  return items.reduce<T | undefined>(
    (best, item) => (best === undefined || score(item) > score(best) ? item : best),
    undefined,
  );
}

function sensitivityFactor({
  integrations,
  observedCategories,
  catalogue,
}: RiskInputs): RiskFactor {
  const declared = new Set(integrations.flatMap((i) => i.declaredCategories));
  const observed = new Set(observedCategories);
  const involved = [...catalogue.values()].filter(
    (c) => declared.has(c.key) || observed.has(c.key),
  );
  const top = highest(involved, (category) => SENSITIVITY[category.sensitivity].score);
  if (!top) {
    const detail = 'no data categories declared or seen in the ledger';
    return { name: 'sensitivity', label: 'No customer data', score: 1, detail };
  }
  const names = (keep: (key: string) => boolean) =>
    involved.filter((c) => keep(c.key)).map((c) => c.name);
  const undeclared = names((key) => observed.has(key) && !declared.has(key));
  const parts = [
    `most sensitive: ${top.name} (${top.sensitivity})`,
    `declared: ${names((key) => declared.has(key)).join(', ') || 'none'}`,
    ...(undeclared.length > 0
      ? [`seen in the ledger but not declared: ${undeclared.join(', ')}`]
      : []),
  ];
  const level = SENSITIVITY[top.sensitivity];
  return { name: 'sensitivity', label: level.label, score: level.score, detail: parts.join('; ') };
}

const count = new Intl.NumberFormat('en-US');

function reachFactor(customers: number): RiskFactor {
  const factor = (score: number, label: string, detail: string): RiskFactor => ({
    name: 'reach',
    label,
    score,
    detail,
  });
  if (customers <= 0) return factor(1, 'No sharing reported', 'no sharing reported yet');
  const detail = `${count.format(customers)} ${customers === 1 ? 'customer' : 'customers'} reached`;
  if (customers < 1_000) return factor(1, 'Fewer than 1,000 customers', detail);
  if (customers < 10_000) return factor(2, 'Fewer than 10,000 customers', detail);
  if (customers < 100_000) return factor(3, 'Fewer than 100,000 customers', detail);
  return factor(4, '100,000 customers or more', detail);
}

const EXPOSURE: Record<IntegrationKind, { score: number; label: string; why: string }> = {
  browser_script: {
    score: 4,
    label: 'Script on shop pages',
    why: 'runs on shop pages and sees everything typed',
  },
  server_api_client: {
    score: 3,
    label: 'Server-side API access',
    why: 'calls the shop API with its own credentials',
  },
  oauth_app: { score: 3, label: 'Delegated API access', why: 'acts on the shop API on delegation' },
  file_transfer: { score: 3, label: 'Bulk file transfer', why: 'receives records in bulk files' },
  webhook_subscriber: {
    score: 2,
    label: 'Receives webhooks',
    why: 'receives only the events pushed to it',
  },
};

/** Retired integrations no longer give anyone a way in, so only live ones count here. */
function exposureFactor(integrations: readonly IntegrationFacts[]): RiskFactor {
  const live = integrations.filter((integration) => integration.status !== 'retired');
  const top = highest(live, (integration) => EXPOSURE[integration.kind].score);
  if (!top) {
    const detail = integrations.length > 0 ? 'all its integrations are retired' : 'no integrations';
    return { name: 'exposure', label: 'No live integrations', score: 1, detail };
  }
  const kind = EXPOSURE[top.kind];
  const others = live.length > 1 ? ` (the most exposed of ${live.length} live integrations)` : '';
  return {
    name: 'exposure',
    label: kind.label,
    score: kind.score,
    detail: `"${top.name}" ${kind.why}${others}`,
  };
}
