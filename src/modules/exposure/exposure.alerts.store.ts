import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ExposureAlertsTable } from '../../db/schema.exposure.js';
import { chunked } from './exposure.types.js';

export type AlertRow = Selectable<ExposureAlertsTable>;

/** In-app alerts, one per finding and reason (the unique key makes raising idempotent). */
export function createAlertStore(db: Executor) {
  return {
    /** Inserts the alerts not raised before; returns only those, the ones to notify about. */
    async raise(rows: readonly AlertRow[], trx: Executor = db): Promise<AlertRow[]> {
      const fresh: AlertRow[] = [];
      for (const chunk of chunked(rows, 100)) {
        const inserted = await trx
          .insertInto('exposure_alerts')
          .values([...chunk])
          .onConflict((conflict) => conflict.columns(['finding_id', 'reason']).doNothing())
          .returning('id')
          .execute();
        const ids = new Set(inserted.map((row) => row.id));
        fresh.push(...chunk.filter((row) => ids.has(row.id)));
      }
      return fresh;
    },

    /** Vendors with at least one active integration, and the active integrations, among these. */
    async activeScopes(vendorIds: readonly string[], trx: Executor = db) {
      const rows = [];
      for (const chunk of chunked([...new Set(vendorIds)], 500))
        rows.push(
          ...(await trx
            .selectFrom('integrations')
            .select(['id', 'vendor_id', 'owner'])
            .where('vendor_id', 'in', chunk)
            .where('status', '=', 'active')
            .execute()),
        );
      return rows;
    },

    async list(
      options: { unacknowledged?: boolean | undefined; limit: number },
      trx: Executor = db,
    ) {
      let query = trx
        .selectFrom('exposure_alerts as a')
        .innerJoin('vendors as v', 'v.id', 'a.vendor_id')
        .selectAll('a')
        .select('v.legal_name as vendor_name');
      if (options.unacknowledged) query = query.where('a.acknowledged_at', 'is', null);
      const [items, open] = await Promise.all([
        query.orderBy('a.created_at', 'desc').orderBy('a.id').limit(options.limit).execute(),
        trx
          .selectFrom('exposure_alerts')
          .where('acknowledged_at', 'is', null)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items, unacknowledged: Number(open.n) };
    },

    async acknowledge(id: string, by: string, at: string, trx: Executor = db): Promise<boolean> {
      const result = await trx
        .updateTable('exposure_alerts')
        .set({ acknowledged_at: at, acknowledged_by: by })
        .where('id', '=', id)
        .where('acknowledged_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async find(id: string, trx: Executor = db) {
      return trx.selectFrom('exposure_alerts').selectAll().where('id', '=', id).executeTakeFirst();
    },
  };
}
