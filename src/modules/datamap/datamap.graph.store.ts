import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

/** Read models for the data map, the vendor's sharing chart and the scope alerts. */
export function createGraphStore(db: Executor) {
  return {
    vendors: () =>
      db
        .selectFrom('vendors')
        .select(['id', 'legal_name', 'trading_name', 'status', 'risk_tier', 'risk_tier_override'])
        .execute(),

    vendorExists: async (id: string) =>
      (await db.selectFrom('vendors').select('id').where('id', '=', id).executeTakeFirst()) !==
      undefined,

    integrations: () =>
      db
        .selectFrom('integrations')
        .select(['id', 'vendor_id', 'name', 'ledger_no', 'declared_categories', 'status'])
        .execute(),

    subprocessors: () =>
      db
        .selectFrom('subprocessors')
        .select(['id', 'vendor_id', 'subprocessor_id', 'categories', 'location'])
        .execute(),

    /** Customers reached per integration (one ledger row per customer and integration). */
    async customersPerIntegration(): Promise<Map<number, number>> {
      const rows = await db
        .selectFrom('sharing_ledger')
        .select(['integration_no', (eb) => eb.fn.countAll<number>().as('customers')])
        .groupBy('integration_no')
        .execute();
      return new Map(rows.map((row) => [row.integration_no, Number(row.customers)]));
    },

    vendorIntegrations: (vendorId: string) =>
      db
        .selectFrom('integrations')
        .select(['id', 'name', 'ledger_no'])
        .where('vendor_id', '=', vendorId)
        .orderBy('name')
        .execute(),

    daily: (ledgerNos: number[], fromDay: string, toDay: string) =>
      db
        .selectFrom('sharing_daily')
        .select(['integration_no', 'day', 'events', 'records'])
        .where('integration_no', 'in', ledgerNos)
        .where('day', '>=', fromDay)
        .where('day', '<=', toDay)
        .orderBy('day')
        .execute(),

    /** Customers reached for the first time, per day: the ledger knows when each began. */
    async firstShared(ledgerNos: number[], fromSeconds: number, toSeconds: number) {
      const day = sql<number>`(first_at / 86400)`;
      const rows = await db
        .selectFrom('sharing_ledger')
        .select([
          'integration_no',
          day.as('day_number'),
          (eb) => eb.fn.countAll<number>().as('customers'),
        ])
        .where('integration_no', 'in', ledgerNos)
        .where('first_at', '>=', fromSeconds)
        .where('first_at', '<', toSeconds)
        .groupBy(['integration_no', day])
        .execute();
      return rows.map((row) => ({
        ledgerNo: row.integration_no,
        day: new Date(Math.floor(Number(row.day_number)) * 86_400_000).toISOString().slice(0, 10),
        customers: Number(row.customers),
      }));
    },

    alerts: (filter: { status?: string | undefined; id?: string }, trx: Executor = db) => {
      let query = trx
        .selectFrom('sharing_alerts as a')
        .innerJoin('integrations as i', 'i.id', 'a.integration_id')
        .innerJoin('vendors as v', 'v.id', 'i.vendor_id')
        .select([
          'a.id',
          'a.integration_id',
          'i.name as integration_name',
          'v.id as vendor_id',
          'v.legal_name as vendor_name',
          'a.category',
          'a.status',
          'a.events',
          'a.first_seen_at',
          'a.last_seen_at',
        ]);
      if (filter.status) query = query.where('a.status', '=', filter.status);
      if (filter.id) query = query.where('a.id', '=', filter.id);
      return query.orderBy('a.last_seen_at', 'desc').limit(500).execute();
    },

    acknowledgeAlert: async (id: string, trx: Executor) => {
      const result = await trx
        .updateTable('sharing_alerts')
        .set({ status: 'acknowledged' })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
