import { createCategoryService } from './datamap.categories.service.js';
import type { DatamapDeps } from './datamap.deps.js';
import { createLedgerReach } from './datamap.reach.js';

/** The customer-data map: catalogue, customers, sharing ledger, blast radius and the map. */
export function createDatamapService(deps: DatamapDeps) {
  const categories = createCategoryService(deps);
  const reach = createLedgerReach(deps.db, categories);
  return { categories, reach };
}

export type DatamapService = ReturnType<typeof createDatamapService>;
