import { createCategoryService } from './datamap.categories.service.js';
import type { DatamapDeps } from './datamap.deps.js';
import { createLedgerReach } from './datamap.reach.js';
import { createLedgerService } from './datamap.ledger.service.js';
import { createCustomerService } from './datamap.customers.service.js';
import { createKeyring } from '../../lib/keyring.js';
import { createBlastRadiusService } from './datamap.blast-radius.service.js';
import { createGraphService } from './datamap.graph.service.js';

/** The customer-data map: catalogue, customers, sharing ledger, blast radius and the map. */
export function createDatamapService(deps: DatamapDeps) {
  const categories = createCategoryService(deps);
  const ledger = createLedgerService({ ...deps, categories });
  const reach = createLedgerReach({ db: deps.db, categories, ledger });
  const customers = createCustomerService({ ...deps, keyring: createKeyring(deps) });
  const blastRadius = createBlastRadiusService({ ...deps, categories, customers, ledger });
  const graph = createGraphService({ ...deps, ledger });
  return { categories, reach, ledger, customers, blastRadius, graph };
}

export type DatamapService = ReturnType<typeof createDatamapService>;
