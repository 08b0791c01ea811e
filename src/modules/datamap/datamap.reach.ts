import type { Db } from '../../db/database.js';
import type { CategoryService } from './datamap.categories.service.js';
import type { LedgerService } from './datamap.ledger.service.js';
import { createLedgerStore } from './datamap.ledger.store.js';

/** What the ledger knows about a set of integrations, for inherent-risk scoring. */
export interface LedgerReach {
  summarize(
    integrationIds: readonly string[],
  ): Promise<{ customers: number; categories: string[] }>;
}

export function createLedgerReach({
  db,
  categories,
  ledger,
}: {
  db: Db;
  categories: Pick<CategoryService, 'index'>;
  ledger: Pick<LedgerService, 'settle'>;
}): LedgerReach {
  const store = createLedgerStore(db);
  return {
    async summarize(integrationIds) {
      if (integrationIds.length === 0) return { customers: 0, categories: [] };
      await ledger.settle();
      const [{ customers, masks }, index] = await Promise.all([
        store.reach(integrationIds),
        categories.index(),
      ]);
      const keys = new Set(masks.flatMap((mask) => index.keysOf(mask)));
      return {
        customers,
        categories: index.categories.filter((c) => keys.has(c.key)).map((c) => c.key),
      };
    },
  };
}
