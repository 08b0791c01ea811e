import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ExposureAlertsTable } from '../../db/schema.exposure.js';
import { chunked, selectInChunks } from '../../lib/chunks.js';

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

    /** The active integrations of these vendors: a vendor with one has live access. */
    async activeScopes(vendorIds: readonly string[], trx: Executor = db) {
      return selectInChunks([...new Set(vendorIds)], (chunk) =>
        trx
          .selectFrom('integrations')
          .select(['id', 'vendor_id'])
          .where('vendor_id', 'in', chunk)
          .where('status', '=', 'active')
          .execute(),
      );
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

    /** Alerts nobody has been mailed about yet, oldest first. */
    async unnotified(limit: number, trx: Executor = db) {
      return trx
        .selectFrom('exposure_alerts as a')
        .innerJoin('exposure_findings as f', 'f.id', 'a.finding_id')
        .select(['a.id', 'a.finding_id', 'a.title', 'f.integration_id', 'f.vendor_id'])
        .where('a.notified_at', 'is', null)
        .orderBy('a.created_at')
        .orderBy('a.id')
        .limit(limit)
        .execute();
    },

    async markNotified(ids: readonly string[], at: string, trx: Executor = db): Promise<void> {
      for (const chunk of chunked(ids, 500))
        await trx
          .updateTable('exposure_alerts')
          .set({ notified_at: at })
          .where('id', 'in', chunk)
          .execute();
    },

    async ownersOf(integrationIds: readonly string[], trx: Executor = db) {
      const rows = await selectInChunks([...new Set(integrationIds)], (chunk) =>
        trx.selectFrom('integrations').select(['id', 'owner']).where('id', 'in', chunk).execute(),
      );
      return new Map(rows.map((row) => [row.id, row.owner]));
    },

    async find(id: string, trx: Executor = db) {
      return trx.selectFrom('exposure_alerts').selectAll().where('id', '=', id).executeTakeFirst();
    },
  };
}
