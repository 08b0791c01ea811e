import type { Db } from '../../db/database.js';
import type { CategoryService } from './datamap.categories.service.js';

/** What the ledger knows about a set of integrations, for inherent-risk scoring. */
export interface LedgerReach {
  summarize(
    integrationIds: readonly string[],
  ): Promise<{ customers: number; categories: string[] }>;
}

export function createLedgerReach(db: Db, categories: Pick<CategoryService, 'index'>): LedgerReach {
  return {
    async summarize(integrationIds) {
      if (integrationIds.length === 0) return { customers: 0, categories: [] };
      const numbers = db.kysely
        .selectFrom('integrations')
        .select('ledger_no')
        .where('id', 'in', integrationIds);
      const [count, days, index] = await Promise.all([
        db.kysely
          .selectFrom('sharing_ledger')
          .select((eb) => eb.fn.count<number>('customer_ref').distinct().as('customers'))
          .where('integration_no', 'in', numbers)
          .executeTakeFirstOrThrow(),
        db.kysely
          .selectFrom('sharing_daily')
          .select('categories')
          .distinct()
          .where('integration_no', 'in', numbers)
          .execute(),
        categories.index(),
      ]);
      const keys = new Set(days.flatMap((day) => index.keysOf(Number(day.categories))));
      return {
        customers: Number(count.customers),
        categories: index.categories.filter((c) => keys.has(c.key)).map((c) => c.key),
      };
    },
  };
}
